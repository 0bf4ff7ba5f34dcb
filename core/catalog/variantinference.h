#pragma once

#include "catalogtypes.h"

namespace Catalog {

// Turns a flat file list into the variants a user chooses between. Hugging Face repos carry
// quantizations in two ways: one branch per quantization (cortexso) or one file per
// quantization on main ("tinyllama.Q4_K_M.gguf"). This class handles the second and decides
// which files carry model weights; the branch case is assembled by the HF adapter.
class VariantInference
{
public:
    // "Q4_K_M", "IQ2_XS", "F16", … from a GGUF file name; empty when none is recognisable.
    static QString ggufQuantization(const QString &path);
    static bool isWeightFile(const QString &path);

    // Groups files by GGUF quantization. Files of no quantization go to a variant "files"
    // ("default" when it is the only one, "extra" next to quantizations).
    static QList<VariantRecord> fromFiles(const QList<FileRecord> &files, const QString &revision,
                                          const QString &commit);
};

} // namespace Catalog
