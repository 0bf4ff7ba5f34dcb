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
        LibraryLayout,
        Xet
    };

    // The three folders (not settings themselves), after the XDG base directory spec:
    //   configDir  $XDG_CONFIG_HOME/modeldock  settings.sqlite, modeldock.json, the tokens file
    //   dataDir    $XDG_DATA_HOME/modeldock    catalog, download journal, library index
    //   cacheDir   $XDG_CACHE_HOME/modeldock   previews: anything that can be fetched again
    // MODELDOCK_DATA_DIR (or --data-dir) keeps all three in that one folder (config in it,
    // cache in its cache/), so a test or a portable setup owns everything it uses;
    // MODELDOCK_CONFIG_DIR and MODELDOCK_CACHE_DIR move the other two on their own.
    QString configDir;
    QString dataDir;
    QString cacheDir;
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
    // Hugging Face GGUF files, once downloaded, linked into LM Studio's models folder.
    bool shareWithLmStudio = false;
    // HF_HUB_OFFLINE (1, true, yes, on): nothing is asked of the hubs; Hugging Face repos come
    // from the cache as they are, anything else is refused with a sentence.
    bool hfOffline = false;
    // Hugging Face files stored in Xet are fetched chunk by chunk (setting download.xet);
    // HF_HUB_DISABLE_XET, as huggingface_hub reads it, turns that off for the run.
    bool xet = true;
    // The fields an environment variable or a command-line option set, with what set them
    // ("HF_ENDPOINT", "--hf-endpoint"). They win over stored settings for this run.
    QMap<Field, QString> pinnedBy;

    // --data-dir: the data folder, and the config and cache folders with it unless the
    // environment placed them on their own.
    void setDataDir(const QString &dir, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    // The folders ModelDock 0.1 used before it followed XDG (QStandardPaths::AppDataLocation
    // with organization and application both "ModelDock"): settings lived in the data folder.
    static QString legacyDataDir(const QProcessEnvironment &env);
    static QString legacyCacheDir(const QProcessEnvironment &env);
    static QString legacyViewStateFile(const QProcessEnvironment &env);

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
