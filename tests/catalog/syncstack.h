#pragma once

#include "catalog/catalogdatabase.h"
#include "catalog/catalogstore.h"
#include "catalog/civitaiadapter.h"
#include "catalog/hfadapter.h"
#include "catalog/hubbrowser.h"
#include "catalog/sourcestore.h"
#include "catalog/syncengine.h"
#include "hub/civitaiclient.h"
#include "hub/huggingfaceclient.h"
#include "net/session.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>

// The catalog stack as the app composes it, on a database in `dir`, pointed at a hub. The
// engine never probes the real network for metering: tests say whether it is metered.
struct SyncStack
{
    SyncStack(const QString &dir, const QUrl &hf, const QUrl &civitai)
        : hfClient(&session, hf)
        , civitaiClient(&session, civitai)
        , hfAdapter(&hfClient)
        , civitaiAdapter(&civitaiClient)
        , database(dir + QStringLiteral("/catalog.sqlite"))
        , sources(&database)
        , store(&database)
        , engine(&database, &sources)
        , browser(&database)
    {
        ok = database.open();
        engine.addAdapter(&hfAdapter);
        engine.addAdapter(&civitaiAdapter);
        engine.setMeteredProbe([this] { return metered; });
        browser.addAdapter(&hfAdapter);
        browser.addAdapter(&civitaiAdapter);
        Catalog::SyncOptions options;
        options.maxAttempts = 3;
        options.backoffBase = std::chrono::milliseconds(50);
        options.backoffCap = std::chrono::milliseconds(400);
        options.retryBase = std::chrono::milliseconds(200);
        options.retryCap = std::chrono::milliseconds(2000);
        engine.setOptions(options);
    }

    qint64 add(Catalog::Source s)
    {
        QString error;
        if (!sources.add(&s, &error))
            qWarning() << error;
        return s.id;
    }

    Catalog::SyncState sync(qint64 sourceId)
    {
        QSignalSpy done(&engine, &Catalog::SyncEngine::syncFinished);
        if (!engine.refresh(sourceId))
            return {};
        if (!done.wait(30000))
            return {};
        return done.first().at(1).value<Catalog::SyncState>();
    }

    Net::Session session;
    Hub::HuggingFaceClient hfClient;
    Hub::CivitaiClient civitaiClient;
    Catalog::HfAdapter hfAdapter;
    Catalog::CivitaiAdapter civitaiAdapter;
    Catalog::CatalogDatabase database;
    Catalog::SourceStore sources;
    Catalog::CatalogStore store;
    Catalog::SyncEngine engine;
    Catalog::HubBrowser browser;
    bool ok = false;
    bool metered = false;
};

// POSTs to the test hub's admin API for what TestHub has no call for (a push to one branch).
inline QJsonObject postAdmin(const QUrl &hf, const QString &path, const QJsonObject &body)
{
    QNetworkAccessManager network;
    QUrl url = hf;
    url.setPath(path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return answer;
}
