#pragma once

#include "hubadapter.h"

namespace Hub {
class HuggingFaceClient;
struct HfModel;
struct HfCollectionItem;
}

namespace Catalog {

// Hugging Face behind the HubAdapter interface. Listings give names only; details combine
// model info at main (sizes, LFS hashes), refs and, for repos with one quantization per
// branch (cortexso), the tree of each branch's commit.
class HfAdapter : public HubAdapter
{
    Q_OBJECT
public:
    explicit HfAdapter(Hub::HuggingFaceClient *client, QObject *parent = nullptr);

    QString hub() const override { return QStringLiteral("hf"); }
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

private:
    Hub::HuggingFaceClient *m_client;
};

} // namespace Catalog
