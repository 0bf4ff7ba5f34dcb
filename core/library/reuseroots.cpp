#include "library/reuseroots.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace Library {

namespace {

QString home(const QProcessEnvironment &env)
{
    const QString h = env.value(QStringLiteral("HOME"));
    return h.isEmpty() ? QDir::homePath() : h;
}

// `mayBeMissing`: ModelDock's own folders (the cache, the library) count before they exist:
// the index watches for them to appear. Other apps' folders count only when they are there.
QString cleanDir(const QString &path, bool mayBeMissing)
{
    if (path.isEmpty())
        return {};
    QString expanded = path;
    if (expanded == QLatin1String("~") || expanded.startsWith(QLatin1String("~/")))
        expanded.replace(0, 1, QDir::homePath());
    const QFileInfo info(expanded);
    if (info.isDir())
        return info.canonicalFilePath();
    return mayBeMissing && !info.exists() ? QDir::cleanPath(info.absoluteFilePath()) : QString();
}

QString lmStudioHome(const QProcessEnvironment &env)
{
    // LM Studio 0.3 writes the place of its home folder into this file when it was moved.
    QFile pointer(home(env) + QStringLiteral("/.lmstudio-home-pointer"));
    if (pointer.open(QIODevice::ReadOnly)) {
        const QString pointed = QString::fromUtf8(pointer.read(4096)).trimmed();
        if (!pointed.isEmpty())
            return pointed;
    }
    return home(env) + QStringLiteral("/.lmstudio");
}

void add(QList<IndexRoot> *roots, IndexRoot::Kind kind, const QString &path)
{
    const QString dir = cleanDir(path, kind == IndexRoot::Kind::HfCache || kind == IndexRoot::Kind::Library);
    if (dir.isEmpty())
        return;
    for (const IndexRoot &root : std::as_const(*roots)) {
        // A folder inside one already read (or the same one) adds nothing.
        if (dir == root.path || dir.startsWith(root.path + QLatin1Char('/')))
            return;
    }
    // A folder holding one already listed replaces it, unless that one reads names as hashes.
    roots->erase(std::remove_if(roots->begin(), roots->end(),
                                [&](const IndexRoot &r) {
                                    return kind == IndexRoot::Kind::Folder && r.kind == IndexRoot::Kind::Folder &&
                                           r.path.startsWith(dir + QLatin1Char('/'));
                                }),
                 roots->end());
    *roots << IndexRoot{kind, dir};
}

}  // namespace

QList<IndexRoot> appRoots(const QProcessEnvironment &env)
{
    QList<IndexRoot> roots;
    const QString h = home(env);
    add(&roots, IndexRoot::Kind::LmStudio, lmStudioHome(env) + QStringLiteral("/models"));
    add(&roots, IndexRoot::Kind::LmStudio, h + QStringLiteral("/.cache/lm-studio/models"));
    const QString ollamaModels = env.value(QStringLiteral("OLLAMA_MODELS"));
    if (!ollamaModels.isEmpty())
        add(&roots, IndexRoot::Kind::Ollama, ollamaModels + QStringLiteral("/blobs"));
    add(&roots, IndexRoot::Kind::Ollama, h + QStringLiteral("/.ollama/models/blobs"));
    add(&roots, IndexRoot::Kind::Ollama, QStringLiteral("/usr/share/ollama/.ollama/models/blobs"));
    const QString llamaCache = env.value(QStringLiteral("LLAMA_CACHE"));
    add(&roots, IndexRoot::Kind::Folder, llamaCache.isEmpty() ? h + QStringLiteral("/.cache/llama.cpp") : llamaCache);
    return roots;
}

QList<IndexRoot> indexRoots(const QString &hfCache, const QString &libraryDir, const QStringList &extraFolders,
                            bool withApps, const QProcessEnvironment &env)
{
    QList<IndexRoot> roots;
    add(&roots, IndexRoot::Kind::HfCache, hfCache);
    add(&roots, IndexRoot::Kind::Library, libraryDir);
    for (const IndexRoot &root : withApps ? appRoots(env) : QList<IndexRoot>())
        add(&roots, root.kind, root.path);
    for (const QString &folder : extraFolders)
        add(&roots, IndexRoot::Kind::Folder, folder);
    return roots;
}

QString lmStudioModelsDir(const QProcessEnvironment &env)
{
    return lmStudioHome(env) + QStringLiteral("/models");
}

}  // namespace Library
