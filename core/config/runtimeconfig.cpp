#include "runtimeconfig.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace Config {

namespace {
QString envOr(const QProcessEnvironment &env, const QString &name, const QString &fallback)
{
    const QString value = env.value(name);
    return value.isEmpty() ? fallback : value;
}

// The first of `names` the environment sets, or an empty string.
QString firstSet(const QProcessEnvironment &env, std::initializer_list<const char *> names, QString *which)
{
    for (const char *name : names) {
        const QString value = env.value(QLatin1String(name));
        if (!value.isEmpty()) {
            *which = QLatin1String(name);
            return value;
        }
    }
    return {};
}
}  // namespace

QUrl RuntimeConfig::endpointFrom(const QString &text)
{
    QString trimmed = text.trimmed();
    while (trimmed.endsWith(QLatin1Char('/')))
        trimmed.chop(1);
    return QUrl(trimmed, QUrl::StrictMode);
}

QString RuntimeConfig::hfCacheFromEnvironment(const QProcessEnvironment &env)
{
    if (const QString dir = env.value(QStringLiteral("HF_HUB_CACHE")); !dir.isEmpty())
        return dir;
    if (const QString dir = env.value(QStringLiteral("HUGGINGFACE_HUB_CACHE")); !dir.isEmpty())
        return dir;
    if (const QString home = env.value(QStringLiteral("HF_HOME")); !home.isEmpty())
        return QDir(home).filePath(QStringLiteral("hub"));
    const QString xdg = envOr(env, QStringLiteral("XDG_CACHE_HOME"), QDir::home().filePath(QStringLiteral(".cache")));
    return QDir(xdg).filePath(QStringLiteral("huggingface/hub"));
}

QString RuntimeConfig::hfTokenFile(const QProcessEnvironment &env)
{
    if (const QString path = env.value(QStringLiteral("HF_TOKEN_PATH")); !path.isEmpty())
        return path;
    QString home = env.value(QStringLiteral("HF_HOME"));
    if (home.isEmpty()) {
        const QString xdg =
            envOr(env, QStringLiteral("XDG_CACHE_HOME"), QDir::home().filePath(QStringLiteral(".cache")));
        home = QDir(xdg).filePath(QStringLiteral("huggingface"));
    }
    return QDir(home).filePath(QStringLiteral("token"));
}

namespace {
// The token `hf auth login` saved: the file's first line, when it is there and small.
QString readTokenFile(const QString &path)
{
    QFile file(path);
    if (file.size() > 4096 || !file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readLine(4096)).trimmed();
}
}  // namespace

namespace {
// $XDG_<kind>_HOME, or its default under HOME; the spec ignores a relative path. Under
// QStandardPaths' test mode the defaults are its private folders (~/.qttest/…), so a test
// that sets no folder never touches the user's.
QString xdgHome(const QProcessEnvironment &env, const char *variable, const char *fallback)
{
    const QString value = env.value(QLatin1String(variable));
    if (!value.isEmpty() && QDir::isAbsolutePath(value))
        return QDir::cleanPath(value);
    if (QStandardPaths::isTestModeEnabled()) {
        const auto location = qstrcmp(variable, "XDG_DATA_HOME") == 0     ? QStandardPaths::GenericDataLocation
                              : qstrcmp(variable, "XDG_CONFIG_HOME") == 0 ? QStandardPaths::GenericConfigLocation
                                                                          : QStandardPaths::GenericCacheLocation;
        return QStandardPaths::writableLocation(location);
    }
    const QString home = env.value(QStringLiteral("HOME"), QDir::homePath());
    return QDir(home).filePath(QLatin1String(fallback));
}
}  // namespace

QString RuntimeConfig::legacyDataDir(const QProcessEnvironment &env)
{
    return QDir(xdgHome(env, "XDG_DATA_HOME", ".local/share")).filePath(QStringLiteral("ModelDock/ModelDock"));
}

QString RuntimeConfig::legacyCacheDir(const QProcessEnvironment &env)
{
    return QDir(xdgHome(env, "XDG_CACHE_HOME", ".cache")).filePath(QStringLiteral("ModelDock/ModelDock"));
}

QString RuntimeConfig::legacyViewStateFile(const QProcessEnvironment &env)
{
    return QDir(xdgHome(env, "XDG_CONFIG_HOME", ".config")).filePath(QStringLiteral("ModelDock/ModelDock.conf"));
}

void RuntimeConfig::setDataDir(const QString &dir, const QProcessEnvironment &env)
{
    dataDir = QDir::cleanPath(dir);
    configDir = envOr(env, QStringLiteral("MODELDOCK_CONFIG_DIR"), dataDir);
    cacheDir = envOr(env, QStringLiteral("MODELDOCK_CACHE_DIR"), QDir(dataDir).filePath(QStringLiteral("cache")));
}

RuntimeConfig RuntimeConfig::defaults(const QProcessEnvironment &env)
{
    RuntimeConfig config;
    if (const QString dir = env.value(QStringLiteral("MODELDOCK_DATA_DIR")); !dir.isEmpty()) {
        config.setDataDir(dir, env);
    } else {
        config.dataDir = QDir(xdgHome(env, "XDG_DATA_HOME", ".local/share")).filePath(QStringLiteral("modeldock"));
        config.configDir =
            envOr(env, QStringLiteral("MODELDOCK_CONFIG_DIR"),
                  QDir(xdgHome(env, "XDG_CONFIG_HOME", ".config")).filePath(QStringLiteral("modeldock")));
        config.cacheDir = envOr(env, QStringLiteral("MODELDOCK_CACHE_DIR"),
                                QDir(xdgHome(env, "XDG_CACHE_HOME", ".cache")).filePath(QStringLiteral("modeldock")));
    }
    config.hfEndpoint = endpointFrom(QStringLiteral("https://huggingface.co"));
    config.civitaiEndpoint = endpointFrom(QStringLiteral("https://civitai.com"));
    // XDG_CACHE_HOME moves the default like it does for huggingface_hub; it pins nothing.
    QProcessEnvironment base;
    if (env.contains(QStringLiteral("XDG_CACHE_HOME")))
        base.insert(QStringLiteral("XDG_CACHE_HOME"), env.value(QStringLiteral("XDG_CACHE_HOME")));
    config.hfCacheDir = hfCacheFromEnvironment(base);
    config.libraryDir = QDir::home().filePath(QStringLiteral("ModelDock"));
    // A user logged in with `hf auth login` has a token there: the default, which a token set
    // in ModelDock replaces and HF_TOKEN pins.
    config.hfToken = readTokenFile(hfTokenFile(env));
    return config;
}

RuntimeConfig RuntimeConfig::fromEnvironment(const QProcessEnvironment &env)
{
    RuntimeConfig config = defaults(env);
    // huggingface_hub's truth values for its boolean variables.
    const QString offline = env.value(QStringLiteral("HF_HUB_OFFLINE")).trimmed().toLower();
    config.hfOffline = offline == QLatin1String("1") || offline == QLatin1String("true") ||
                       offline == QLatin1String("yes") || offline == QLatin1String("on");
    QString which;
    if (const QString value = firstSet(env, {"HF_HUB_DISABLE_XET"}, &which); !value.isEmpty()) {
        const QString flag = value.trimmed().toLower();
        config.xet = !(flag == QLatin1String("1") || flag == QLatin1String("true") || flag == QLatin1String("yes") ||
                       flag == QLatin1String("on"));
        config.pin(Field::Xet, which);
    }
    if (const QString value = firstSet(env, {"HF_ENDPOINT"}, &which); !value.isEmpty()) {
        config.hfEndpoint = endpointFrom(value);
        config.pin(Field::HfEndpoint, which);
    }
    if (const QString value = firstSet(env, {"MODELDOCK_CIVITAI_ENDPOINT"}, &which); !value.isEmpty()) {
        config.civitaiEndpoint = endpointFrom(value);
        config.pin(Field::CivitaiEndpoint, which);
    }
    // The same order huggingface_hub reads them in (see hfCacheFromEnvironment).
    if (firstSet(env, {"HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "HF_HOME"}, &which).size()) {
        config.hfCacheDir = hfCacheFromEnvironment(env);
        config.pin(Field::HfCacheDir, which);
    }
    if (const QString value = firstSet(env, {"MODELDOCK_LIBRARY"}, &which); !value.isEmpty()) {
        config.libraryDir = value;
        config.pin(Field::LibraryDir, which);
    }
    if (const QString value = firstSet(env, {"MODELDOCK_LIBRARY_LAYOUT"}, &which); !value.isEmpty()) {
        config.libraryLayout = value.trimmed().toLower();
        config.pin(Field::LibraryLayout, which);
    }
    if (const QString value = firstSet(env, {"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"}, &which); !value.isEmpty()) {
        config.hfToken = value;
        config.pin(Field::HfToken, which);
    }
    if (const QString value = firstSet(env, {"CIVITAI_API_TOKEN"}, &which); !value.isEmpty()) {
        config.civitaiToken = value;
        config.pin(Field::CivitaiToken, which);
    }
    return config;
}

}  // namespace Config
