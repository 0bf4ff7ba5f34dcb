#include "runtimeconfig.h"

#include <QDir>
#include <QStandardPaths>

namespace Config {

namespace {
QString envOr(const QProcessEnvironment &env, const QString &name, const QString &fallback)
{
    const QString value = env.value(name);
    return value.isEmpty() ? fallback : value;
}

QUrl endpointFrom(const QString &text)
{
    QString trimmed = text.trimmed();
    while (trimmed.endsWith(QLatin1Char('/')))
        trimmed.chop(1);
    return QUrl(trimmed, QUrl::StrictMode);
}
} // namespace

QString RuntimeConfig::hfCacheFromEnvironment(const QProcessEnvironment &env)
{
    if (const QString dir = env.value(QStringLiteral("HF_HUB_CACHE")); !dir.isEmpty())
        return dir;
    if (const QString dir = env.value(QStringLiteral("HUGGINGFACE_HUB_CACHE")); !dir.isEmpty())
        return dir;
    if (const QString home = env.value(QStringLiteral("HF_HOME")); !home.isEmpty())
        return QDir(home).filePath(QStringLiteral("hub"));
    const QString xdg = envOr(env, QStringLiteral("XDG_CACHE_HOME"),
                              QDir::home().filePath(QStringLiteral(".cache")));
    return QDir(xdg).filePath(QStringLiteral("huggingface/hub"));
}

RuntimeConfig RuntimeConfig::fromEnvironment(const QProcessEnvironment &env)
{
    RuntimeConfig config;
    config.dataDir = envOr(env, QStringLiteral("MODELDOCK_DATA_DIR"),
                           QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
    if (config.dataDir.isEmpty())
        config.dataDir = QDir::home().filePath(QStringLiteral(".local/share/ModelDock"));
    config.hfEndpoint = endpointFrom(
        envOr(env, QStringLiteral("HF_ENDPOINT"), QStringLiteral("https://huggingface.co")));
    config.civitaiEndpoint = endpointFrom(envOr(env, QStringLiteral("MODELDOCK_CIVITAI_ENDPOINT"),
                                                QStringLiteral("https://civitai.com")));
    config.hfCacheDir = hfCacheFromEnvironment(env);
    config.libraryDir = envOr(env, QStringLiteral("MODELDOCK_LIBRARY"),
                              QDir::home().filePath(QStringLiteral("ModelDock")));
    config.hfToken = env.value(QStringLiteral("HF_TOKEN"));
    if (config.hfToken.isEmpty())
        config.hfToken = env.value(QStringLiteral("HUGGING_FACE_HUB_TOKEN"));
    config.civitaiToken = env.value(QStringLiteral("CIVITAI_API_TOKEN"));
    return config;
}

} // namespace Config
