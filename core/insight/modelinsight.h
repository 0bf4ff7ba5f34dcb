#pragma once

#include "catalog/catalogtypes.h"
#include "fileinsight.h"
#include "fitestimate.h"

#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

namespace Catalog {
class CatalogStore;
}
namespace Net {
class Session;
}

namespace Insight {

class HeaderFetcher;

// What a variant's model files say about the model, for the details pane and `show --insight`:
// the GGUF (every shard of a split one) or the main safetensors file, read from the catalog's
// cache by SHA-256, else from the hub with HeaderFetcher and then cached. One variant at a
// time: asking for another drops the read in flight.
class ModelInsight : public QObject
{
    Q_OBJECT
public:
    ModelInsight(const Net::Session *session, Catalog::CatalogStore *catalog, QObject *parent = nullptr);
    ~ModelInsight() override;

    // The files whose headers describe the variant: its .gguf files (all shards of a split
    // model, in order) or else its primary .safetensors file. Empty: nothing to read.
    static QList<Catalog::FileRecord> headerFiles(const Catalog::VariantRecord &variant);
    // From the cache only; nullopt when a file was never read.
    std::optional<FileInsight> cached(const Catalog::VariantRecord &variant) const;
    // Cached or read now; ready() follows (also at once, from the cache, before this returns).
    void request(const QString &modelKey, const Catalog::VariantRecord &variant);
    void cancel();

    // Every variant of `model` weighed against `machine`: by its own cached header, else by
    // the shown one when it is the same model in another quantization; Verdict::Unknown for
    // the variants nothing describes yet (another size on another branch, not read yet) and
    // for those without a GGUF. `context` 0: each model's own, at most 8,192 tokens.
    QList<FitEstimate> fits(const Catalog::ModelRecord &model, const QString &shownVariant, const FileInsight &shown,
                            const MachineMemory &machine, quint64 context) const;
    // The quantization recommended on this machine: the usual choice among those that fit
    // (an unknown one counts by its weights alone).
    static int recommended(const Catalog::ModelRecord &model, const QList<FitEstimate> &fits,
                           const MachineMemory &machine);

Q_SIGNALS:
    void ready(const QString &modelKey, const QString &variant, const Insight::FileInsight &insight,
               const QString &error);

private:
    void next();

    Catalog::CatalogStore *m_catalog;
    std::unique_ptr<HeaderFetcher> m_fetcher;
    QString m_modelKey;
    QString m_variant;
    QList<Catalog::FileRecord> m_pending;
    FileInsight m_combined;
};

}  // namespace Insight
