#pragma once

#include "catalogtypes.h"

#include <functional>

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
    // The quantization a branch is named after, the way cortexso names them
    // ("1b-gguf-q4-km" → "Q4_K_M", "1b-gguf-q8-0" → "Q8_0"); empty when none.
    static QString branchQuantization(const QString &branch);
    // The quantization a variant carries: its name for a quantization inside a revision, the
    // branch name or its GGUF file's name for a branch; empty when it carries none.
    static QString quantizationOf(const VariantRecord &variant);
    // How far a quantization is from Q4_K_M, the size/quality balance a person who takes the
    // whole model most likely wants (0); larger is further; unknown names come last.
    static int recommendationRank(const QString &quantization);
    // The variant to take when a person picks a GGUF model as a whole: the quantization with
    // the lowest rank, the first listed on a tie. -1 when no variant carries a quantization.
    static int recommendedVariant(const QList<VariantRecord> &variants);
    // Whether two variants hold the same model in another quantization: the quantizations of
    // one repo's files do; branches do when their names differ only there ("1b-gguf-q4-km",
    // "1b-gguf-q8-0"), not when the size does ("3b-gguf-q4-km").
    static bool sameModel(const VariantRecord &a, const VariantRecord &b);
    // The same among the variants `fits(index)` accepts (this machine's memory); when none
    // does, the smallest quantization.
    static int recommendedVariant(const QList<VariantRecord> &variants, const std::function<bool(int)> &fits);

    // Groups files by GGUF quantization. Files of no quantization go to a variant "files"
    // ("default" when it is the only one, "extra" next to quantizations).
    static QList<VariantRecord> fromFiles(const QList<FileRecord> &files, const QString &revision,
                                          const QString &commit);
};

}  // namespace Catalog
