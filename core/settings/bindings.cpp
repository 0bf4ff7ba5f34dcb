#include "bindings.h"

#include "activity/activitylog.h"
#include "catalog/syncengine.h"
#include "download/downloadpool.h"
#include "hub/civitaiclient.h"
#include "hub/huggingfaceclient.h"
#include "net/credentials.h"
#include "net/session.h"
#include "settingscenter.h"
#include "settingsfilewatcher.h"
#include "util/logging.h"

#include <QNetworkProxy>
#include <QUrl>

#include <memory>

namespace Settings {

namespace {

bool touches(const QStringList &changed, std::initializer_list<const char *> keys)
{
    for (const char *key : keys) {
        if (changed.contains(QLatin1String(key)))
            return true;
    }
    return false;
}

void applyProxy(Net::Session *session, const QString &mode, const QString &url)
{
    if (mode == QLatin1String("system")) {
        session->useSystemProxy();
        qCInfo(lcSettings) << "proxy: system settings";
        return;
    }
    if (mode != QLatin1String("manual") || url.isEmpty()) {
        session->setProxy(QNetworkProxy(QNetworkProxy::NoProxy));
        qCInfo(lcSettings) << "proxy: none";
        return;
    }
    const QUrl proxyUrl(url);
    const auto type =
        proxyUrl.scheme() == QLatin1String("socks5") ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy;
    session->setProxy(
        QNetworkProxy(type, proxyUrl.host(), quint16(proxyUrl.port()), proxyUrl.userName(), proxyUrl.password()));
    qCInfo(lcSettings) << "proxy:" << proxyUrl.toDisplayString(QUrl::RemoveUserInfo);
}

QString describe(const ChangeRecord &record)
{
    QStringList parts;
    for (const ValueChange &change : record.changes) {
        auto shown = [](const QString &text) { return text.isEmpty() ? QObject::tr("(empty)") : text; };
        parts << QObject::tr("%1 %2 → %3").arg(change.key, shown(change.before), shown(change.after));
    }
    return QObject::tr("Settings version %1 applied (from %2): %3")
        .arg(record.version)
        .arg(record.source, parts.join(QStringLiteral("; ")));
}

}  // namespace

void bindDownloadPool(SettingsCenter *settings, Download::DownloadPool *pool)
{
    auto apply = [settings, pool](const QStringList &changed) {
        auto wants = [&changed](const char *key) { return changed.isEmpty() || changed.contains(QLatin1String(key)); };
        if (wants(Keys::MaxActive))
            pool->setMaxActive(int(settings->integer(Keys::MaxActive)));
        if (wants(Keys::MaxPerHost))
            pool->setMaxPerHost(int(settings->integer(Keys::MaxPerHost)));
        if (wants(Keys::MaxConnectionsPerHost))
            pool->setMaxConnectionsPerHost(int(settings->integer(Keys::MaxConnectionsPerHost)));
        if (wants(Keys::BandwidthLimit))
            pool->setBandwidthLimit(settings->integer(Keys::BandwidthLimit));
        if (wants(Keys::SegmentThreshold))
            pool->setSegmentThreshold(settings->integer(Keys::SegmentThreshold));
        if (wants(Keys::MaxSegments))
            pool->setMaxSegments(int(settings->integer(Keys::MaxSegments)));
        if (wants(Keys::MaxAttempts))
            pool->setMaxAttempts(int(settings->integer(Keys::MaxAttempts)));
        if (wants(Keys::StallTimeout))
            pool->setStallTimeout(std::chrono::seconds(settings->integer(Keys::StallTimeout)));
        if (wants(Keys::ExtractArchives))
            pool->setExtractArchives(settings->boolean(Keys::ExtractArchives));
        if (wants(Keys::KeepArchives))
            pool->setKeepArchives(settings->boolean(Keys::KeepArchives));
        if (wants(Keys::Xet))
            pool->setXet(settings->boolean(Keys::Xet));
    };
    apply({});
    QObject::connect(settings, &SettingsCenter::changed, pool, [apply](const QStringList &keys) { apply(keys); });
}

void bindHubClients(SettingsCenter *settings, Net::Credentials *credentials, Hub::HuggingFaceClient *huggingFace,
                    Hub::CivitaiClient *civitai)
{
    // The origins the tokens were last given for, so a changed endpoint loses its token.
    auto given = std::make_shared<QList<QUrl>>();
    auto apply = [settings, credentials, huggingFace, civitai, given]() {
        // No event is processed between these lines, so no request is built with a new
        // endpoint and an old token, or the other way round.
        for (const QUrl &origin : std::as_const(*given))
            credentials->clearToken(origin);
        given->clear();
        const QUrl hf(settings->string(Keys::HfEndpoint));
        const QUrl civitaiEndpoint(settings->string(Keys::CivitaiEndpoint));
        if (huggingFace)
            huggingFace->setEndpoint(hf);
        if (civitai)
            civitai->setEndpoint(civitaiEndpoint);
        credentials->setToken(Net::HubKind::HuggingFace, hf, settings->string(Keys::HfToken));
        credentials->setToken(Net::HubKind::Civitai, civitaiEndpoint, settings->string(Keys::CivitaiToken));
        *given << hf << civitaiEndpoint;
    };
    apply();
    QObject *context = huggingFace ? static_cast<QObject *>(huggingFace) : static_cast<QObject *>(settings);
    QObject::connect(settings, &SettingsCenter::changed, context, [apply](const QStringList &keys) {
        if (touches(keys, {Keys::HfEndpoint, Keys::CivitaiEndpoint, Keys::HfToken, Keys::CivitaiToken}))
            apply();
    });
}

void bindCredentials(SettingsCenter *settings, Net::Credentials *credentials)
{
    bindHubClients(settings, credentials, nullptr, nullptr);
}

void bindProxy(SettingsCenter *settings, Net::Session *session)
{
    auto apply = [settings, session] {
        applyProxy(session, settings->string(Keys::ProxyMode), settings->string(Keys::ProxyUrl));
    };
    apply();
    QObject::connect(settings, &SettingsCenter::changed, session, [apply](const QStringList &keys) {
        if (touches(keys, {Keys::ProxyMode, Keys::ProxyUrl}))
            apply();
    });
}

void bindUserAgent(SettingsCenter *settings, Net::Session *session)
{
    auto apply = [settings, session] { session->setUserAgent(settings->string(Keys::UserAgent).toLatin1()); };
    apply();
    QObject::connect(settings, &SettingsCenter::changed, session, [apply](const QStringList &keys) {
        if (touches(keys, {Keys::UserAgent}))
            apply();
    });
}

void bindSyncEngine(SettingsCenter *settings, Catalog::SyncEngine *sync)
{
    auto apply = [settings, sync]() {
        sync->setInterval(std::chrono::minutes(settings->integer(Keys::SyncInterval)));
        sync->setAllowMetered(settings->boolean(Keys::SyncOnMetered));
    };
    apply();
    QObject::connect(settings, &SettingsCenter::changed, sync, [apply](const QStringList &keys) {
        if (touches(keys, {Keys::SyncInterval, Keys::SyncOnMetered}))
            apply();
    });
}

void bindActivityLog(SettingsCenter *settings, Activity::ActivityLog *log)
{
    const QString source = QObject::tr("settings");
    for (const QString &problem : settings->problems())
        log->add(source, problem, Activity::Event::Level::Warning);
    for (auto it = settings->schema().definitions().cbegin(); it != settings->schema().definitions().cend(); ++it) {
        const QString by = settings->pinnedBy(it->key);
        if (!by.isEmpty())
            log->add(source,
                     QObject::tr("%1 is set by %2 for this run; the stored setting is not used.").arg(it->key, by));
    }
    QObject::connect(settings, &SettingsCenter::recorded, log,
                     [log, source](const ChangeRecord &record) { log->add(source, describe(record)); });
    QObject::connect(settings, &SettingsCenter::problemFound, log, [log, source](const QString &problem) {
        log->add(source, problem, Activity::Event::Level::Warning);
    });
}

void bindActivityLog(SettingsFileWatcher *watcher, Activity::ActivityLog *log)
{
    QObject::connect(watcher, &SettingsFileWatcher::refused, log, [log](const QString &message) {
        log->add(QObject::tr("settings file"), message, Activity::Event::Level::Warning);
    });
}

}  // namespace Settings
