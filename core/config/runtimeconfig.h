#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

namespace Config {

// Where ModelDock talks to and where it keeps things, resolved once at start-up from the
// environment and then overridden by command-line options. The settings center layers
// user settings on top of this.
struct RuntimeConfig
{
    QString dataDir;       // catalog, download journal, settings
    QUrl hfEndpoint;       // https://huggingface.co or a mirror
    QUrl civitaiEndpoint;  // https://civitai.com
    QString hfCacheDir;    // Hugging Face cache layout root (…/hub)
    QString libraryDir;    // Civitai files, sorted by type
    QString hfToken;
    QString civitaiToken;

    static RuntimeConfig fromEnvironment(const QProcessEnvironment &env
                                         = QProcessEnvironment::systemEnvironment());

    // The Hugging Face cache folder in the precedence order the official clients use:
    // HF_HUB_CACHE, HUGGINGFACE_HUB_CACHE, HF_HOME/hub, XDG_CACHE_HOME/huggingface/hub,
    // ~/.cache/huggingface/hub.
    static QString hfCacheFromEnvironment(const QProcessEnvironment &env);
};

} // namespace Config
