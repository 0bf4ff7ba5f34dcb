#pragma once

#include <QMap>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Config {

// Where ModelDock talks to and where it keeps things for one run.
//
// Precedence, highest first (docs/architecture.md, "Settings"):
//   1. a command-line option (--hf-endpoint, --hf-cache, …) — this run only
//   2. an environment variable (HF_ENDPOINT, HF_HUB_CACHE, HF_TOKEN, …) — this run only
//   3. the stored setting (settings.sqlite, changed with `settings set` or the dialog)
//   4. the built-in default (which follows HF_HOME / XDG_CACHE_HOME like huggingface_hub)
// Levels 1 and 2 are "pinned": the composition roots hand them to the settings center as
// overrides that are never written to storage.
struct RuntimeConfig
{
    enum class Field
    {
        HfEndpoint,
        CivitaiEndpoint,
        HfCacheDir,
        LibraryDir,
        HfToken,
        CivitaiToken,
        LibraryLayout
    };

    QString dataDir;                                      // catalog, download journal, settings (not a setting itself)
    QUrl hfEndpoint;                                      // https://huggingface.co or a mirror
    QUrl civitaiEndpoint;                                 // https://civitai.com
    QString hfCacheDir;                                   // Hugging Face cache layout root (…/hub)
    QString libraryDir;                                   // Civitai files, sorted by type
    QString libraryLayout = QStringLiteral("modeldock");  // whose folders the library uses: "comfyui", "a1111", …
    QString hfToken;
    QString civitaiToken;
    // Folders whose files a download may reuse (setting library.reuseFolders, --reuse-from), and
    // whether the model folders of LM Studio, Ollama and llama.cpp count too.
    QStringList reuseFolders;
    bool reuseFromApps = true;
    // HF_HUB_OFFLINE (1, true, yes, on): nothing is asked of the hubs; Hugging Face repos come
    // from the cache as they are, anything else is refused with a sentence.
    bool hfOffline = false;
    // The fields an environment variable or a command-line option set, with what set them
    // ("HF_ENDPOINT", "--hf-endpoint"). They win over stored settings for this run.
    QMap<Field, QString> pinnedBy;

    void pin(Field field, const QString &by) { pinnedBy.insert(field, by); }
    bool isPinned(Field field) const { return pinnedBy.contains(field); }

    // Built-in defaults plus every variable the environment sets explicitly (pinned).
    static RuntimeConfig fromEnvironment(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    // Only the built-in defaults: what a setting is when nothing stored or pinned says
    // otherwise. HOME and XDG_CACHE_HOME shape them; no variable pins anything.
    static RuntimeConfig defaults(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());

    // The Hugging Face cache folder in the precedence order the official clients use:
    // HF_HUB_CACHE, HUGGINGFACE_HUB_CACHE, HF_HOME/hub, XDG_CACHE_HOME/huggingface/hub,
    // ~/.cache/huggingface/hub.
    static QString hfCacheFromEnvironment(const QProcessEnvironment &env);
    // Where `hf auth login` keeps the token, as huggingface_hub reads it: HF_TOKEN_PATH, else
    // $HF_HOME/token (HF_HOME: $XDG_CACHE_HOME/huggingface, ~/.cache/huggingface).
    static QString hfTokenFile(const QProcessEnvironment &env);
    // Normalizes endpoint text the way every front end does ("…/" → "…").
    static QUrl endpointFrom(const QString &text);
};

}  // namespace Config
