#pragma once

#include "hubadapter.h"

namespace Hub {
class HuggingFaceClient;
struct HfModel;
struct HfCollectionItem;
}  // namespace Hub

namespace Catalog {

// Hugging Face behind the HubAdapter interface: the sources hf-query, hf-collection and
// hf-repo, keys "namespace/name". Listings give names only; details combine model info at
// main (sizes, LFS hashes), refs and, for repos with one quantization per branch (cortexso),
// the tree of each branch's commit.
class HfAdapter : public HubAdapter
{
    Q_OBJECT
public:
    explicit HfAdapter(Hub::HuggingFaceClient *client, QObject *parent = nullptr);

    QString hub() const override { return QStringLiteral("hf"); }
    QStringList sourceKinds() const override;
    QString sourceProblem(const Source &source) const override;
    QString describe(const Source &source) const override;
    QString keyFormat() const override { return QStringLiteral("namespace/name"); }
    std::optional<ModelRecord> modelForKey(const QString &key) const override;

    QUrl firstPage(const Source &source) const override;
    void fetchPage(const Source &source, const QUrl &url, const QByteArray &etag, QObject *context,
                   Callback<ListingPage> callback) override;
    bool listingsNeedDetails() const override { return true; }
    void fetchDetails(const ModelRecord &model, const TreeLookup &trees, QObject *context,
                      Callback<DetailsResult> callback) override;
    void search(const QString &text, int limit, QObject *context,
                Callback<Hub::Result<QList<ModelRecord>>> callback) override;

    ModelRecord toRecord(const Hub::HfModel &model) const;
    ModelRecord toRecord(const Hub::HfCollectionItem &item) const;

    // What the listing says changed: lastModified moves with a push to any branch (a
    // cortexso quantization branch included), sha is main's commit.
    static QString fingerprintOf(const QDateTime &lastModified, const QString &sha);
    // "gguf", "lora", "checkpoint" or "" from tags, library and file names.
    static QString modelTypeOf(const QStringList &tags, const QString &library, const QList<VariantRecord> &variants);
    // The repos named by base_model tags ("base_model:quantized:meta-llama/Llama-3.2-1B").
    static QStringList baseModelsOf(const QStringList &tags);

private:
    Hub::HuggingFaceClient *m_client;
};

}  // namespace Catalog
