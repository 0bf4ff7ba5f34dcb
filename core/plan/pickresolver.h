#pragma once

#include "catalog/catalogtypes.h"
#include "download/types.h"
#include "downloadtarget.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Plan {

// What one pick in the catalog (a model, a variant or some files of a variant) means as a
// download, by the rules a person expects of the window:
//   file(s)  → those files, at the revision of their variant;
//   variant  → its files: a branch is planned at that branch (refs/<branch>, as the CLI's
//              ns/name@branch), a quantization inside a revision at that revision, a Civitai
//              version as civitai:ID@VERSION;
//   model    → a GGUF repo: the recommended quantization (VariantInference) plus the files that
//              carry no weights, with the other quantizations of the same revision offered
//              unticked; any other HF repo: all of main; Civitai: the newest version;
//   model with allVersions → Civitai: every version in one plan.
struct Order
{
    DownloadTarget target;
    bool allVersions = false;
    // Catalog paths of the target that are ticked; empty: every planned file.
    QStringList ticked;
    // The target's other planned files are listed too, unticked (one click away).
    bool offerRest = false;
    // Every planned file that carries no weights is ticked too (README, config, tokenizer),
    // also those the catalog does not list (.gitattributes).
    bool withoutWeights = false;

    // Is the planned file at `path` (its path in the repo or version) ticked?
    bool ticks(const QString &path) const;

    // Orders with the same key plan the same thing and merge (union of ticks).
    QString key() const;
    void merge(const Order &other);
};

class PickResolver
{
public:
    // `variant` empty: the model; `paths` empty: the whole variant. An unknown variant gives
    // no order and a sentence in *error.
    static QList<Order> resolve(const Catalog::ModelRecord &model, const QString &variant, const QStringList &paths,
                                bool allVersions, QString *error = nullptr);

    // Which catalog file a planned request is, for a model: the variant (by the request's
    // revision, or its Civitai version) and the path in it. false for files the catalog does
    // not list (a Civitai preview image).
    static bool catalogFile(const Catalog::ModelRecord &model, const Download::FileRequest &file, QString *variant,
                            QString *path);
};

}  // namespace Plan
