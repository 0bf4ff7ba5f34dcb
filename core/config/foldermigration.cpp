#include "foldermigration.h"

#include "runtimeconfig.h"
#include "util/logging.h"

#include <QDir>
#include <QFileInfo>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace Config {

namespace {

bool exists(const QString &path)
{
    // A dangling symlink is still something not to overwrite.
    return QFileInfo(path).exists() || QFileInfo(path).isSymLink();
}

bool isEmptyDir(const QString &path)
{
    return QFileInfo(path).isDir() &&
           QDir(path).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
}

// rename(2): atomic, never replaces (checked just before; ModelDock is the only writer), and
// moves a folder with everything in it. Across file systems it fails and the entry stays.
bool renameEntry(const QString &from, const QString &to, QString *why)
{
    QDir().mkpath(QFileInfo(to).absolutePath());
    if (std::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0)
        return true;
    *why = QString::fromLocal8Bit(std::strerror(errno));
    return false;
}

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

class Mover
{
public:
    QStringList notes;
    QStringList leftBehind;  // names in the old folder that were not moved

    void moveInto(const QString &from, const QString &to)
    {
        QString why;
        if (renameEntry(from, to, &why))
            return;
        leftBehind << QFileInfo(from).fileName();
        notes << QObject::tr("Could not move %1 to %2 (%3); it is still in the old folder.")
                     .arg(native(from), native(to), why);
    }

    // Moves every entry of `oldDir` missing in `newDir`, except `skip`; the rest stays.
    void merge(const QString &oldDir, const QString &newDir, const QStringList &skip)
    {
        const QStringList names =
            QDir(oldDir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
        for (const QString &name : names) {
            if (skip.contains(name))
                continue;
            const QString target = QDir(newDir).filePath(name);
            if (exists(target))
                leftBehind << name;
            else
                moveInto(QDir(oldDir).filePath(name), target);
        }
    }

    // The whole folder in one rename when the new one is not there (or empty), else a merge.
    void moveFolder(const QString &oldDir, const QString &newDir, const QStringList &skip)
    {
        if (!QFileInfo(oldDir).isDir())
            return;
        if (skip.isEmpty() && (!exists(newDir) || isEmptyDir(newDir))) {
            QDir().rmdir(newDir);
            QString why;
            if (renameEntry(oldDir, newDir, &why)) {
                notes << QObject::tr("Moved %1 to %2.").arg(native(oldDir), native(newDir));
                return;
            }
            qCInfo(lcApp) << "cannot rename" << oldDir << "to" << newDir << ":" << why << "- moving its entries";
        }
        const qsizetype before = leftBehind.size();
        merge(oldDir, newDir, skip);
        if (leftBehind.size() == before)
            notes << QObject::tr("Moved the contents of %1 to %2.").arg(native(oldDir), native(newDir));
    }
};

// What could not move goes aside in one rename, so that the next start finds no old folder
// (and says nothing) while nothing is lost. Removes the old folder when it is empty.
void finish(const QString &oldDir, Mover *mover)
{
    if (isEmptyDir(oldDir)) {
        QDir().rmdir(oldDir);
    } else if (QFileInfo(oldDir).isDir()) {
        QString aside = oldDir + QStringLiteral(".not-migrated");
        for (int n = 2; exists(aside); ++n)
            aside = oldDir + QStringLiteral(".not-migrated-%1").arg(n);
        QString why;
        if (renameEntry(oldDir, aside, &why))
            mover->notes << QObject::tr("Kept %1 in %2: the new folders already had them.")
                                .arg(mover->leftBehind.join(QStringLiteral(", ")), native(aside));
    }
    // ~/.local/share/ModelDock once ModelDock/ModelDock is gone, if nothing else is in it.
    const QString parent = QFileInfo(oldDir).absolutePath();
    if (isEmptyDir(parent))
        QDir().rmdir(parent);
}

}  // namespace

QStringList FolderMigration::configFileNames()
{
    // The WAL and shared-memory files move with the database: committed settings may still
    // be in the WAL.
    return {QStringLiteral("settings.sqlite"), QStringLiteral("settings.sqlite-wal"),
            QStringLiteral("settings.sqlite-shm"), QStringLiteral("modeldock.json")};
}

FolderMigration::Paths FolderMigration::pathsFor(const RuntimeConfig &config, const QProcessEnvironment &env)
{
    const RuntimeConfig defaults = RuntimeConfig::defaults(env);
    if (env.contains(QStringLiteral("MODELDOCK_DATA_DIR")) || config.dataDir != defaults.dataDir)
        return {};
    return {RuntimeConfig::legacyDataDir(env),
            RuntimeConfig::legacyCacheDir(env),
            RuntimeConfig::legacyViewStateFile(env),
            config.configDir,
            config.dataDir,
            config.cacheDir};
}

QStringList FolderMigration::run(const Paths &paths)
{
    if (paths.oldData.isEmpty() || (!exists(paths.oldData) && !exists(paths.oldCache) && !exists(paths.oldViewState)))
        return {};
    Mover mover;
    // Window geometry: only when there is none yet, and not worth a note.
    const QString viewState = QDir(paths.configDir).filePath(QStringLiteral("window-state.ini"));
    if (QFileInfo(paths.oldViewState).isFile() && !exists(viewState)) {
        QString why;
        if (renameEntry(paths.oldViewState, viewState, &why) &&
            isEmptyDir(QFileInfo(paths.oldViewState).absolutePath()))
            QDir().rmdir(QFileInfo(paths.oldViewState).absolutePath());
    }
    QStringList conflicts;
    if (QFileInfo(paths.oldData).isDir()) {
        // Settings first: a start interrupted after this finds them in the config folder.
        for (const QString &name : configFileNames()) {
            const QString from = QDir(paths.oldData).filePath(name);
            if (!exists(from))
                continue;
            const QString to = QDir(paths.configDir).filePath(name);
            if (exists(to)) {
                conflicts << name;
                continue;
            }
            mover.moveInto(from, to);
            if (!exists(from))
                mover.notes << QObject::tr("Moved %1 to %2.").arg(native(from), native(to));
        }
        mover.leftBehind << conflicts;
        // What is still there (in use by the new folder, or not movable) must not end up in
        // the data folder with the rest.
        QStringList stay;
        for (const QString &name : configFileNames()) {
            if (exists(QDir(paths.oldData).filePath(name)))
                stay << name;
        }
        mover.moveFolder(paths.oldData, paths.dataDir, stay);
        finish(paths.oldData, &mover);
    }
    Mover cache;
    cache.moveFolder(paths.oldCache, paths.cacheDir, {});
    finish(paths.oldCache, &cache);
    const QStringList notes = mover.notes + cache.notes;
    for (const QString &note : notes)
        qCInfo(lcApp).noquote() << note;
    return notes;
}

}  // namespace Config
