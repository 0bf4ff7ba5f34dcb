#include "bindings.h"

#include "catalog/syncengine.h"
#include "download/downloadpool.h"
#include "net/credentials.h"
#include "settingscenter.h"

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

} // namespace

void bindDownloadPool(SettingsCenter *settings, Download::DownloadPool *pool)
{
    auto apply = [settings, pool](const QStringList &changed) {
        if (changed.isEmpty() || changed.contains(QLatin1String(Keys::MaxActive)))
            pool->setMaxActive(int(settings->integer(Keys::MaxActive)));
        if (changed.isEmpty() || changed.contains(QLatin1String(Keys::MaxPerHost)))
            pool->setMaxPerHost(int(settings->integer(Keys::MaxPerHost)));
        if (changed.isEmpty() || changed.contains(QLatin1String(Keys::BandwidthLimit)))
            pool->setBandwidthLimit(settings->integer(Keys::BandwidthLimit));
    };
    apply({});
    QObject::connect(settings, &SettingsCenter::changed, pool, [apply](const QStringList &keys) { apply(keys); });
}

void bindCredentials(SettingsCenter *settings, Net::Credentials *credentials)
{
    // The origins the tokens were last given for, so a changed endpoint loses its token.
    auto given = std::make_shared<QList<QUrl>>();
    auto apply = [settings, credentials, given]() {
        for (const QUrl &origin : std::as_const(*given))
            credentials->clearToken(origin);
        given->clear();
        const QUrl hf(settings->string(Keys::HfEndpoint));
        const QUrl civitai(settings->string(Keys::CivitaiEndpoint));
        credentials->setToken(hf, settings->string(Keys::HfToken));
        credentials->setToken(civitai, settings->string(Keys::CivitaiToken));
        *given << hf << civitai;
    };
    apply();
    QObject::connect(settings, &SettingsCenter::changed, settings, [apply](const QStringList &keys) {
        if (touches(keys, {Keys::HfEndpoint, Keys::CivitaiEndpoint, Keys::HfToken, Keys::CivitaiToken}))
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

} // namespace Settings
