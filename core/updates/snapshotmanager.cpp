#include "snapshotmanager.h"

#include "util/logging.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QRegularExpression>
#include <QSaveFile>

#include <fcntl.h>
#include <unistd.h>

namespace Updates {

namespace {

bool isSafeRepoId(const QString &repoId)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$"));
    return pattern.match(repoId).hasMatch() && !repoId.contains(QLatin1String(".."));
}

bool isSafeRevision(const QString &revision)
{
    if (revision.isEmpty() || revision.startsWith(QLatin1Char('/')) || revision.contains(QLatin1Char('\\')))
        return false;
    const QStringList parts = revision.split(QLatin1Char('/'));
    for (const QString &part : parts) {
        if (part.isEmpty() || part == QLatin1String(".") || part == QLatin1String(".."))
            return false;
    }
    return true;
}

void syncDirectory(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

QString readSmallFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(file.read(256)).trimmed();
}

}  // namespace

SnapshotManager::SnapshotManager(QString cacheRoot, QString historyFile)
    : m_cacheRoot(std::move(cacheRoot))
    , m_historyFile(std::move(historyFile))
{
}

bool SnapshotManager::isCommit(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^[0-9a-f]{40}$"));
    return pattern.match(text).hasMatch();
}

QString SnapshotManager::repoPath(const QString &repoId) const
{
    if (!isSafeRepoId(repoId))
        return {};
    return QDir(m_cacheRoot)
        .filePath(QStringLiteral("models--") + QString(repoId).replace(QLatin1Char('/'), QLatin1String("--")));
}

QString SnapshotManager::currentCommit(const QString &repoId, const QString &revision) const
{
    const QString repo = repoPath(repoId);
    if (repo.isEmpty() || !isSafeRevision(revision))
        return {};
    const QString commit = readSmallFile(repo + QStringLiteral("/refs/") + revision);
    return isCommit(commit) ? commit : QString();
}

SnapshotInfo SnapshotManager::snapshot(const QString &repoId, const QString &commit) const
{
    SnapshotInfo info;
    info.commit = commit;
    const QString repo = repoPath(repoId);
    if (repo.isEmpty() || !isCommit(commit))
        return info;
    const QString folder = repo + QStringLiteral("/snapshots/") + commit;
    if (!QFileInfo(folder).isDir())
        return info;
    bool allPresent = true;
    // System includes broken symlinks, which are exactly what "incomplete" must catch.
    QDirIterator it(folder, QDir::Files | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo entry(it.next());
        ++info.fileCount;
        if (!entry.exists()) {  // exists() follows the link: false for a dangling one
            allPresent = false;
            continue;
        }
        info.bytes += entry.size();
    }
    info.complete = allPresent && info.fileCount > 0;
    QDirIterator refs(repo + QStringLiteral("/refs"), QDir::Files, QDirIterator::Subdirectories);
    while (refs.hasNext()) {
        const QString path = refs.next();
        if (readSmallFile(path) == commit)
            info.refs << QDir(repo + QStringLiteral("/refs")).relativeFilePath(path);
    }
    return info;
}

QStringList SnapshotManager::paths(const QString &repoId, const QString &commit) const
{
    QStringList paths;
    const QString repo = repoPath(repoId);
    if (repo.isEmpty() || !isCommit(commit))
        return paths;
    const QDir folder(repo + QStringLiteral("/snapshots/") + commit);
    QDirIterator it(folder.path(), QDir::Files | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        paths << folder.relativeFilePath(it.next());
    paths.sort();
    return paths;
}

QStringList SnapshotManager::missingFrom(const QString &repoId, const QString &from, const QString &to) const
{
    QStringList missing;
    const QString repo = repoPath(repoId);
    if (repo.isEmpty() || !isCommit(to))
        return missing;
    const QString toFolder = repo + QStringLiteral("/snapshots/") + to + QLatin1Char('/');
    for (const QString &relative : paths(repoId, from)) {
        if (!QFileInfo::exists(toFolder + relative))
            missing << relative;
    }
    return missing;
}

QList<SnapshotInfo> SnapshotManager::snapshots(const QString &repoId) const
{
    QList<SnapshotInfo> list;
    const QString repo = repoPath(repoId);
    if (repo.isEmpty())
        return list;
    const QStringList commits =
        QDir(repo + QStringLiteral("/snapshots")).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &commit : commits) {
        if (isCommit(commit))
            list << snapshot(repoId, commit);
    }
    return list;
}

bool SnapshotManager::writeRef(const QString &repoId, const QString &revision, const QString &commit, QString *error)
{
    const QString path = repoPath(repoId) + QStringLiteral("/refs/") + revision;
    QDir().mkpath(QFileInfo(path).absolutePath());
    // QSaveFile writes a temporary file and renames it over the ref: a reader sees the old
    // commit or the new one, never an empty or partial ref.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(commit.toLatin1()) != commit.size() || !file.commit()) {
        *error = QObject::tr("Could not switch %1 to %2: %3").arg(repoId, commit.left(8), file.errorString());
        return false;
    }
    syncDirectory(QFileInfo(path).absolutePath());
    return true;
}

bool SnapshotManager::switchRef(const QString &repoId, const QString &revision, const QString &commit, QString *error)
{
    if (repoPath(repoId).isEmpty() || !isSafeRevision(revision) || !isCommit(commit)) {
        *error =
            QObject::tr("Refused to switch \"%1\" at \"%2\" to \"%3\": not a valid repository, revision and commit.")
                .arg(repoId, revision, commit);
        return false;
    }
    const SnapshotInfo target = snapshot(repoId, commit);
    if (!target.complete) {
        *error = QObject::tr("The snapshot %1 of %2 is not complete (%3 files present), so %4 stays where it is.")
                     .arg(commit.left(8), repoId)
                     .arg(target.fileCount)
                     .arg(revision);
        return false;
    }
    const QString current = currentCommit(repoId, revision);
    if (current == commit)
        return true;
    if (!writeRef(repoId, revision, commit, error))
        return false;
    if (!current.isEmpty()) {
        retire(repoId, current);
        QStringList previous = history(repoId, revision);
        previous.append(current);
        QString historyError;
        if (!saveHistory(repoId, revision, previous, &historyError))
            qCWarning(lcLibrary) << historyError;
    }
    qCInfo(lcLibrary) << "switched" << repoId << revision << "from" << current << "to" << commit;
    return true;
}

QString SnapshotManager::previousCommit(const QString &repoId, const QString &revision) const
{
    const QStringList previous = history(repoId, revision);
    return previous.isEmpty() ? QString() : previous.last();
}

bool SnapshotManager::rollback(const QString &repoId, const QString &revision, QString *error, QString *restoredCommit)
{
    QStringList previous = history(repoId, revision);
    if (previous.isEmpty()) {
        *error = QObject::tr("There is no earlier version of %1 (%2) to roll back to.").arg(repoId, revision);
        return false;
    }
    const QString target = previous.takeLast();
    const QString leaving = currentCommit(repoId, revision);
    if (!snapshot(repoId, target).complete) {
        *error = QObject::tr("The earlier version %1 of %2 is no longer complete on disk (was it pruned?).")
                     .arg(target.left(8), repoId);
        return false;
    }
    if (!writeRef(repoId, revision, target, error))
        return false;
    if (!leaving.isEmpty())
        retire(repoId, leaving);
    if (!saveHistory(repoId, revision, previous, error))
        qCWarning(lcLibrary) << *error;
    if (restoredCommit)
        *restoredCommit = target;
    return true;
}

static QString historyKey(const QString &repoId, const QString &revision)
{
    return repoId + QLatin1Char('@') + revision;
}

QJsonArray SnapshotManager::listOf(const QString &key) const
{
    QFile file(m_historyFile);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    return root.value(QDir::cleanPath(m_cacheRoot)).toObject().value(key).toArray();
}

bool SnapshotManager::storeList(const QString &key, const QJsonArray &list, QString *error)
{
    QJsonObject root;
    {
        QFile file(m_historyFile);
        if (file.open(QIODevice::ReadOnly))
            root = QJsonDocument::fromJson(file.readAll()).object();
    }
    // One entry per cache folder: the same data folder may serve several caches over time.
    const QString cacheKey = QDir::cleanPath(m_cacheRoot);
    QJsonObject cache = root.value(cacheKey).toObject();
    if (list.isEmpty())
        cache.remove(key);
    else
        cache.insert(key, list);
    root.insert(cacheKey, cache);
    QDir().mkpath(QFileInfo(m_historyFile).absolutePath());
    QSaveFile file(m_historyFile);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(root).toJson()) < 0 || !file.commit()) {
        *error = QObject::tr("Could not record the version history in %1: %2").arg(m_historyFile, file.errorString());
        return false;
    }
    return true;
}

QStringList SnapshotManager::history(const QString &repoId, const QString &revision) const
{
    QStringList commits;
    for (const QJsonValue &value : listOf(historyKey(repoId, revision))) {
        if (isCommit(value.toString()))
            commits << value.toString();
    }
    return commits;
}

bool SnapshotManager::saveHistory(const QString &repoId, const QString &revision, const QStringList &commits,
                                  QString *error)
{
    return storeList(historyKey(repoId, revision), QJsonArray::fromStringList(commits), error);
}

static QString retiredKey(const QString &repoId)
{
    return QStringLiteral("retired:") + repoId;
}

QSet<QString> SnapshotManager::retired(const QString &repoId) const
{
    QSet<QString> commits;
    for (const QJsonValue &value : listOf(retiredKey(repoId))) {
        if (isCommit(value.toString()))
            commits.insert(value.toString());
    }
    return commits;
}

void SnapshotManager::retire(const QString &repoId, const QString &commit)
{
    QJsonArray commits = listOf(retiredKey(repoId));
    if (commits.contains(commit))
        return;
    commits.append(commit);
    QString error;
    if (!storeList(retiredKey(repoId), commits, &error))
        qCWarning(lcLibrary) << error;
}

PruneResult SnapshotManager::prune(const QString &repoId, const QSet<QString> &keep, bool apply)
{
    if (!repoId.isEmpty()) {
        const QString repo = repoPath(repoId);
        if (repo.isEmpty()) {
            PruneResult result;
            result.errors << QObject::tr("\"%1\" is not a repository name.").arg(repoId);
            return result;
        }
        return QFileInfo(repo).isDir() ? pruneRepo(repoId, repo, keep, apply) : PruneResult{};
    }
    PruneResult total;
    const QStringList repos =
        QDir(m_cacheRoot).entryList({QStringLiteral("models--*")}, QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &name : repos) {
        // models--ns--name → ns/name (the cache's own folder naming)
        const QString id = name.mid(int(qstrlen("models--"))).replace(QStringLiteral("--"), QStringLiteral("/"));
        const PruneResult one = pruneRepo(id, QDir(m_cacheRoot).filePath(name), keep, apply);
        total.snapshotsRemoved += one.snapshotsRemoved;
        total.blobsRemoved += one.blobsRemoved;
        total.bytesFreed += one.bytesFreed;
        total.snapshotPaths << one.snapshotPaths;
        total.blobPaths << one.blobPaths;
        total.errors << one.errors;
    }
    return total;
}

PruneResult SnapshotManager::pruneRepo(const QString &repoId, const QString &repo, const QSet<QString> &keep,
                                       bool apply)
{
    PruneResult result;
    QSet<QString> referenced = keep;
    QDirIterator refs(repo + QStringLiteral("/refs"), QDir::Files, QDirIterator::Subdirectories);
    while (refs.hasNext())
        referenced.insert(readSmallFile(refs.next()));
    const QSet<QString> ours = retired(repoId);

    // Which blob each snapshot links to, by the name its link points at.
    const QDir snapshots(repo + QStringLiteral("/snapshots"));
    const auto blobsOf = [&snapshots](const QString &commit) {
        QSet<QString> blobs;
        QDirIterator links(snapshots.filePath(commit), QDir::Files | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot,
                           QDirIterator::Subdirectories);
        while (links.hasNext()) {
            const QFileInfo entry(links.next());
            if (entry.isSymLink())
                blobs.insert(QFileInfo(entry.symLinkTarget()).fileName());
        }
        return blobs;
    };
    QStringList removable;
    QSet<QString> freedCandidates;
    QSet<QString> stillUsed;
    for (const QString &commit : snapshots.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (!referenced.contains(commit) && ours.contains(commit)) {
            removable << commit;
            freedCandidates.unite(blobsOf(commit));
        } else {
            stillUsed.unite(blobsOf(commit));
        }
    }
    for (const QString &commit : std::as_const(removable)) {
        const QString path = snapshots.filePath(commit);
        result.snapshotPaths << path;
        // removeRecursively deletes the links, never what they point at.
        if (!apply || QDir(path).removeRecursively())
            ++result.snapshotsRemoved;
        else
            result.errors << QObject::tr("Could not remove the snapshot %1 in %2.").arg(commit, repo);
    }
    // Only blobs the removed snapshots used and nothing else links to: a blob no snapshot
    // links to may be another tool's, half-way through its own work.
    const QDir blobs(repo + QStringLiteral("/blobs"));
    QStringList names(freedCandidates.cbegin(), freedCandidates.cend());
    names.sort();
    for (const QString &name : std::as_const(names)) {
        if (stillUsed.contains(name))
            continue;
        const QFileInfo blob(blobs.filePath(name));
        if (!blob.isFile())
            continue;
        const qint64 size = blob.size();
        result.blobPaths << blob.filePath();
        if (!apply || QFile::remove(blob.filePath())) {
            ++result.blobsRemoved;
            result.bytesFreed += size;
        } else {
            result.errors << QObject::tr("Could not remove the unused blob %1.").arg(blob.filePath());
        }
    }
    return result;
}

}  // namespace Updates
