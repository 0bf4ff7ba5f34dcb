#include "settingsschema.h"

#include "config/runtimeconfig.h"
#include "library/librarylayout.h"
#include "net/requestfactory.h"
#include "util/translations.h"

#include <QObject>

namespace Settings {

SettingsSchema::SettingsSchema(QList<SettingDefinition> definitions)
    : m_definitions(std::move(definitions))
{
}

const SettingDefinition *SettingsSchema::find(const QString &key) const
{
    for (const SettingDefinition &definition : m_definitions) {
        if (definition.key == key)
            return &definition;
    }
    return nullptr;
}

SettingsSchema SettingsSchema::standard(const Config::RuntimeConfig &runtime)
{
    using T = SettingDefinition::Type;
    auto integer = [](const char *key, qint64 def, qint64 min, qint64 max, const QString &text) {
        SettingDefinition d;
        d.key = QLatin1String(key);
        d.type = T::Integer;
        d.defaultValue = def;
        d.minimum = min;
        d.maximum = max;
        d.description = text;
        return d;
    };
    auto make = [](const char *key, T type, const QVariant &def, const QString &text) {
        SettingDefinition d;
        d.key = QLatin1String(key);
        d.type = type;
        d.defaultValue = def;
        d.description = text;
        return d;
    };

    QList<SettingDefinition> list;
    list << integer(Keys::MaxActive, 4, 1, 64, QObject::tr("Files downloaded at the same time"))
         << integer(Keys::MaxPerHost, 4, 1, 16, QObject::tr("Files downloaded at the same time from one host"))
         << integer(Keys::MaxConnectionsPerHost, 8, 1, 32,
                    QObject::tr("Connections open at the same time to one host, all files together"))
         << integer(Keys::BandwidthLimit, 0, 0, qint64(1) << 40,
                    QObject::tr("Download speed cap in bytes per second (0 = unlimited)"))
         << integer(Keys::SegmentThreshold, 64ll << 20, 1ll << 20, qint64(1) << 40,
                    QObject::tr("Files at least this large are fetched in several ranges at once"))
         << integer(
                Keys::MaxSegments, 8, 1, 16,
                QObject::tr("Most ranges fetched at once for one large file (fewer while more would not be faster)"))
         << make(Keys::Xet, T::Bool, true,
                 QObject::tr("Fetch Hugging Face files stored in Xet chunk by chunk, reusing the chunks of files "
                             "already downloaded (HF_HUB_DISABLE_XET turns it off)"))
         << integer(Keys::MaxAttempts, 8, 1, 100, QObject::tr("Attempts before a failing download gives up"))
         << integer(Keys::StallTimeout, 20, 2, 600, QObject::tr("Seconds without a byte before a download reconnects"))
         << integer(Keys::SyncInterval, 60, 5, 7 * 24 * 60, QObject::tr("Minutes between background catalog syncs"))
         << make(Keys::SyncOnMetered, T::Bool, false, QObject::tr("Sync in the background on metered connections too"));

    SettingDefinition hf =
        make(Keys::HfEndpoint, T::Url, runtime.hfEndpoint.toString(), QObject::tr("Hugging Face endpoint or mirror"));
    SettingDefinition civitai =
        make(Keys::CivitaiEndpoint, T::Url, runtime.civitaiEndpoint.toString(), QObject::tr("Civitai endpoint"));
    SettingDefinition proxyMode = make(Keys::ProxyMode, T::Choice, QStringLiteral("system"),
                                       QObject::tr("Proxy: system settings, none, or the URL below"));
    proxyMode.choices = {QStringLiteral("system"), QStringLiteral("none"), QStringLiteral("manual")};
    SettingDefinition proxyUrl =
        make(Keys::ProxyUrl, T::Url, QString(), QObject::tr("Proxy URL used when the proxy mode is manual"));
    proxyUrl.optional = true;
    proxyUrl.schemes = {QStringLiteral("http"), QStringLiteral("socks5")};
    proxyUrl.requirePort = true;
    SettingDefinition userAgent =
        make(Keys::UserAgent, T::String, QString::fromLatin1(Net::RequestFactory::defaultUserAgent()),
             QObject::tr("User-Agent sent with every request"));
    userAgent.rule = [](const QVariant &value) {
        // An HTTP header value: printable ASCII only, so nothing can smuggle a second header.
        for (const QChar c : value.toString()) {
            if (c.unicode() < 0x20 || c.unicode() > 0x7e)
                return QObject::tr("must be printable ASCII text");
        }
        return QString();
    };
    SettingDefinition hfToken = make(Keys::HfToken, T::String, runtime.hfToken,
                                     QObject::tr("Hugging Face access token (sent only to the Hugging Face endpoint)"));
    hfToken.optional = true;
    hfToken.secret = true;
    SettingDefinition civitaiToken = make(Keys::CivitaiToken, T::String, runtime.civitaiToken,
                                          QObject::tr("Civitai API key (sent only to the Civitai endpoint)"));
    civitaiToken.optional = true;
    civitaiToken.secret = true;
    list << hf << civitai << proxyMode << proxyUrl << userAgent << hfToken << civitaiToken;

    SettingDefinition layout =
        make(Keys::LibraryLayout, T::Choice,
             // A mistyped MODELDOCK_LIBRARY_LAYOUT is refused as a pin, and is no default either.
             Library::LibraryLayout::presetFromName(runtime.libraryLayout, nullptr) ? runtime.libraryLayout
                                                                                    : QStringLiteral("modeldock"),
             QObject::tr("Whose folders Civitai files go into (the library folder is that program's folder)"));
    layout.choices = Library::LibraryLayout::presetNames();
    SettingDefinition typeFolders =
        make(Keys::TypeFolders, T::Json, QStringLiteral("{}"),
             QObject::tr("Folder of each Civitai type in the library, where yours differs from the layout's"));
    typeFolders.rule = [](const QVariant &value) {
        QString why;
        return Library::LibraryLayout::parseTypeFolders(value.toString(), nullptr, &why) ? QString() : why;
    };
    typeFolders.canonical = [](const QString &text) {
        QMap<QString, QString> folders;
        Library::LibraryLayout::parseTypeFolders(text, &folders, nullptr);
        return Library::LibraryLayout::typeFoldersJson(folders);
    };
    list << make(Keys::HfCacheDir, T::Folder, runtime.hfCacheDir,
                 QObject::tr("Hugging Face cache folder (shared with other Hugging Face tools)"))
         << make(Keys::LibraryDir, T::Folder, runtime.libraryDir,
                 QObject::tr("Folder for Civitai files, sorted by type"))
         << layout << typeFolders
         << make(Keys::ExtractArchives, T::Bool, true,
                 QObject::tr("Extract downloaded archives (Civitai packs: zip, 7z, tar…) into a folder beside them"))
         << make(Keys::KeepArchives, T::Bool, true, QObject::tr("Keep an archive after extracting it"))
         << make(Keys::CloseToTray, T::Bool, true,
                 QObject::tr("Keep downloading in the tray when the window is closed"));
    // Civitai rates each picture (nsfwLevel); R and above are blurred unless the user says otherwise.
    SettingDefinition nsfwImages =
        make(Keys::NsfwImages, T::Choice, QStringLiteral("blur"),
             QObject::tr("Pictures rated for adults (Civitai's rating R and above): show, blur or hide"));
    nsfwImages.choices = {QStringLiteral("show"), QStringLiteral("blur"), QStringLiteral("hide")};
    list << nsfwImages;
    // The CLI reads it on every run; the desktop app builds its window again in the new
    // language when it changes (App::WindowHost).
    SettingDefinition language =
        make(Keys::Language, T::Choice, QStringLiteral("system"),
             QObject::tr("Language of the interface: system (as the locale, LANG), en or zh_CN (Simplified "
                         "Chinese)"));
    language.choices = QStringList{QStringLiteral("system")} + Util::Translations::available();
    list << language;
    // Files already on disk that a download may link or copy instead of fetching.
    SettingDefinition reuseFolders =
        make(Keys::ReuseFolders, T::String, QString(),
             QObject::tr("More folders whose models downloads may reuse, separated by ':' (ComfyUI, A1111…)"));
    reuseFolders.optional = true;
    list << reuseFolders
         << make(Keys::ReuseFromApps, T::Bool, true,
                 QObject::tr("Reuse models already in LM Studio, Ollama and llama.cpp instead of downloading them"))
         << make(Keys::ShareWithLmStudio, T::Bool, false,
                 QObject::tr("Make downloaded Hugging Face GGUF files available to LM Studio (links in its models "
                             "folder, no second copy)"));
    return SettingsSchema(std::move(list));
}

QStringList SettingsSchema::checkCombination(const std::function<QVariant(const char *key)> &valueOf)
{
    QStringList broken;
    if (valueOf(Keys::ProxyMode).toString() == QLatin1String("manual") && valueOf(Keys::ProxyUrl).toString().isEmpty())
        broken << QObject::tr("%1: must be set when %2 is manual")
                      .arg(QLatin1String(Keys::ProxyUrl), QLatin1String(Keys::ProxyMode));
    return broken;
}

}  // namespace Settings
