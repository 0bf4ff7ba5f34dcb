#pragma once

#include "hubadapter.h"

namespace Hub {
class CivitaiClient;
struct CivitaiModel;
}  // namespace Hub

namespace Catalog {

// Civitai behind the HubAdapter interface: the sources civitai-query and civitai-model, keys
// "civitai:<id>". Its listings already carry every version and file with sizes and hashes,
// so no per-model detail requests are needed; each version becomes a variant.
class CivitaiAdapter : public HubAdapter
{
    Q_OBJECT
public:
    explicit CivitaiAdapter(Hub::CivitaiClient *client, QObject *parent = nullptr);

    QString hub() const override { return QStringLiteral("civitai"); }
    QStringList sourceKinds() const override;
    QString sourceProblem(const Source &source) const override;
    QString describe(const Source &source) const override;
    QString keyFormat() const override { return QStringLiteral("civitai:<id>"); }
    std::optional<ModelRecord> modelForKey(const QString &key) const override;
    QUrl firstPage(const Source &source) const override;
    void fetchPage(const Source &source, const QUrl &url, const QByteArray &etag, QObject *context,
                   Callback<ListingPage> callback) override;
    bool listingsNeedDetails() const override { return false; }
    void fetchDetails(const ModelRecord &model, const TreeLookup &trees, QObject *context,
                      Callback<DetailsResult> callback) override;
    void search(const QString &text, int limit, QObject *context,
                Callback<Hub::Result<QList<ModelRecord>>> callback) override;

    static ModelRecord toRecord(const Hub::CivitaiModel &model, const QUrl &endpoint);
    static QString modelTypeOf(const QString &civitaiType);  // "lora", "checkpoint" or ""

private:
    Hub::CivitaiClient *m_client;
};

}  // namespace Catalog
