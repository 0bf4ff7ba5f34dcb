#include "runtimesettings.h"

#include "settingscenter.h"

#include <QDir>

namespace Settings {

using Field = Config::RuntimeConfig::Field;

const char *settingKey(Field field)
{
    switch (field) {
    case Field::HfEndpoint:
        return Keys::HfEndpoint;
    case Field::CivitaiEndpoint:
        return Keys::CivitaiEndpoint;
    case Field::HfCacheDir:
        return Keys::HfCacheDir;
    case Field::LibraryDir:
        return Keys::LibraryDir;
    case Field::HfToken:
        return Keys::HfToken;
    case Field::CivitaiToken:
        return Keys::CivitaiToken;
    case Field::LibraryLayout:
        return Keys::LibraryLayout;
    case Field::Xet:
        return Keys::Xet;
    }
    return "";
}

QStringList pinRuntime(SettingsCenter *settings, const Config::RuntimeConfig &runtime)
{
    QStringList errors;
    for (auto it = runtime.pinnedBy.cbegin(); it != runtime.pinnedBy.cend(); ++it) {
        QVariant value;
        switch (it.key()) {
        case Field::HfEndpoint:
            value = runtime.hfEndpoint.toString();
            break;
        case Field::CivitaiEndpoint:
            value = runtime.civitaiEndpoint.toString();
            break;
        // Folders are pinned as absolute paths: a relative --hf-cache means "from here".
        case Field::HfCacheDir:
            value = QDir(runtime.hfCacheDir).absolutePath();
            break;
        case Field::LibraryDir:
            value = QDir(runtime.libraryDir).absolutePath();
            break;
        case Field::HfToken:
            value = runtime.hfToken;
            break;
        case Field::CivitaiToken:
            value = runtime.civitaiToken;
            break;
        case Field::LibraryLayout:
            value = runtime.libraryLayout;
            break;
        case Field::Xet:
            value = runtime.xet;
            break;
        }
        QString error;
        if (!settings->pin(QLatin1String(settingKey(it.key())), value, it.value(), &error))
            errors << error;
    }
    return errors;
}

namespace {
// "~" and "~/…" in a folder setting mean the home folder, as in a shell.
QString expandHome(const QString &folder)
{
    if (folder == QLatin1String("~"))
        return QDir::homePath();
    if (folder.startsWith(QLatin1String("~/")))
        return QDir::home().filePath(folder.mid(2));
    return folder;
}
}  // namespace

QString folderSetting(const SettingsCenter &settings, const char *key)
{
    const QString folder = expandHome(settings.string(key));
    return folder.isEmpty() ? folder : QDir(folder).absolutePath();
}

Config::RuntimeConfig resolvedRuntime(const SettingsCenter &settings, Config::RuntimeConfig runtime)
{
    runtime.hfEndpoint = QUrl(settings.string(Keys::HfEndpoint));
    runtime.civitaiEndpoint = QUrl(settings.string(Keys::CivitaiEndpoint));
    runtime.hfCacheDir = folderSetting(settings, Keys::HfCacheDir);
    runtime.libraryDir = folderSetting(settings, Keys::LibraryDir);
    runtime.hfToken = settings.string(Keys::HfToken);
    runtime.civitaiToken = settings.string(Keys::CivitaiToken);
    // Folders given for this run (--reuse-from) come first, then the setting's.
    for (const QString &folder : settings.string(Keys::ReuseFolders).split(QLatin1Char(':'), Qt::SkipEmptyParts)) {
        const QString trimmed = folder.trimmed();
        if (!trimmed.isEmpty() && !runtime.reuseFolders.contains(trimmed))
            runtime.reuseFolders << trimmed;
    }
    runtime.reuseFromApps = settings.boolean(Keys::ReuseFromApps);
    runtime.shareWithLmStudio = settings.boolean(Keys::ShareWithLmStudio);
    runtime.libraryLayout = settings.string(Keys::LibraryLayout);
    return runtime;
}

Library::LibraryLayout libraryLayout(const SettingsCenter &settings)
{
    return Library::LibraryLayout::fromSettings(settings.string(Keys::LibraryLayout),
                                                settings.string(Keys::TypeFolders));
}

Download::PoolOptions poolOptions(const SettingsCenter &settings, Download::PoolOptions base)
{
    base.maxActive = int(settings.integer(Keys::MaxActive));
    base.maxPerHost = int(settings.integer(Keys::MaxPerHost));
    base.maxConnectionsPerHost = int(settings.integer(Keys::MaxConnectionsPerHost));
    base.bandwidthLimit = settings.integer(Keys::BandwidthLimit);
    base.maxAttempts = int(settings.integer(Keys::MaxAttempts));
    base.maxSegments = int(settings.integer(Keys::MaxSegments));
    base.segmentThreshold = settings.integer(Keys::SegmentThreshold);
    base.stallTimeout = std::chrono::seconds(settings.integer(Keys::StallTimeout));
    base.extractArchives = settings.boolean(Keys::ExtractArchives);
    base.keepArchives = settings.boolean(Keys::KeepArchives);
    base.xet = settings.boolean(Keys::Xet);
    return base;
}

}  // namespace Settings
