#include "library/libraryindex.h"

#include "util/futurewatch.h"
#include "util/logging.h"
#include "util/sha256.h"
#include "util/sqlitedb.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileSystemWatcher>
#include <QHash>
#include <QMutex>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent>

#include <atomic>
#include <sys/stat.h>

namespace Library {

namespace {

const Util::Sqlite::Migrations kMigrations = {
    {
        "CREATE TABLE files(path TEXT PRIMARY KEY, root TEXT NOT NULL, kind TEXT NOT NULL,"
        " size INTEGER NOT NULL, mtime INTEGER NOT NULL, inode INTEGER NOT NULL,"
        " sha256 TEXT NOT NULL DEFAULT '', oid TEXT NOT NULL DEFAULT '', repo TEXT NOT NULL DEFAULT '')",
        "CREATE INDEX files_by_root ON files(root)",
        "CREATE INDEX files_by_sha256 ON files(sha256) WHERE sha256 != ''",
        "CREATE INDEX files_unhashed_by_size ON files(size) WHERE sha256 = ''",
    },
};

// What the file system says of a file; a change in any of these means it must be read again.
struct Stat
{
    qint64 size = -1;
    qint64 mtimeNs = 0;
    qint64 inode = 0;
    bool operator==(const Stat &) const = default;
};

struct Found
{
    QString path;
    Stat stat;
    QString sha256;  // from the name (HF LFS blobs, Ollama blobs) or the index
    QString oid;
    QString repo;
};

std::atomic<int> g_connections{0};

Stat statOf(const QString &path)
{
    struct stat st = {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0 || !S_ISREG(st.st_mode))
        return {};
    return {qint64(st.st_size), qint64(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec, qint64(st.st_ino)};
}

bool isHex(const QString &text, qsizetype length)
{
    if (text.size() != length)
        return false;
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) {
        return (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'));
    });
}

// Our partial downloads and sidecars, and other tools' partials and locks: never content.
bool isBookkeeping(const QString &name)
{
    static const QStringList suffixes = {
        QStringLiteral(".incomplete"),   QStringLiteral(".modeldock.json"), QStringLiteral(".civitai.info"),
        QStringLiteral(".lock"),         QStringLiteral(".part"),           QStringLiteral(".modeldock.reuse"),
        QStringLiteral(".preview.png"),  QStringLiteral(".preview.jpg"),    QStringLiteral(".preview.jpeg"),
        QStringLiteral(".preview.webp"),
    };
    return name.startsWith(QLatin1Char('.')) ||
           std::any_of(suffixes.cbegin(), suffixes.cend(), [&](const QString &s) { return name.endsWith(s); });
}

void walkHfCache(const QString &root, QList<Found> *found)
{
    const QDir cache(root);
    for (const QString &repoFolder :
         cache.entryList({QStringLiteral("models--*")}, QDir::Dirs | QDir::NoDotAndDotDot)) {
        QString repo = repoFolder.mid(8);
        repo.replace(repo.indexOf(QLatin1String("--")), 2, QLatin1Char('/'));
        const QDir blobs(cache.filePath(repoFolder + QStringLiteral("/blobs")));
        for (const QString &name : blobs.entryList(QDir::Files)) {
            Found f{blobs.filePath(name), statOf(blobs.filePath(name)), {}, {}, repo};
            if (isHex(name, 64))
                f.sha256 = name;
            else if (isHex(name, 40))
                f.oid = name;
            else
                continue;  // a partial or lock of some tool
            if (f.stat.size >= 0)
                *found << f;
        }
    }
}

void walkOllama(const QString &root, QList<Found> *found)
{
    const QDir blobs(root);
    for (const QString &name : blobs.entryList(QDir::Files)) {
        // "sha256-<hex>"; versions before 0.1.3x wrote "sha256:<hex>".
        const QString hash = name.mid(7);
        if ((name.startsWith(QLatin1String("sha256-")) || name.startsWith(QLatin1String("sha256:"))) &&
            isHex(hash, 64)) {
            const Stat stat = statOf(blobs.filePath(name));
            if (stat.size >= 0)
                *found << Found{blobs.filePath(name), stat, hash, {}, {}};
        }
    }
}

// `others`: roots inside this one, read on their own terms (the HF cache in the library folder).
void walkFolder(const QString &root, const QStringList &others, QList<Found> *found)
{
    QDirIterator it(root, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (isBookkeeping(it.fileName()) ||
            std::any_of(others.cbegin(), others.cend(), [&](const QString &o) { return path.startsWith(o); }))
            continue;
        const Stat stat = statOf(path);
        if (stat.size > 0)
            *found << Found{path, stat, {}, {}, {}};
    }
}

QList<Found> walk(const IndexRoot &root, const QList<IndexRoot> &all)
{
    QStringList others;
    for (const IndexRoot &other : all) {
        if (other.path.startsWith(root.path + QLatin1Char('/')))
            others << other.path + QLatin1Char('/');
    }
    QList<Found> found;
    if (!QFileInfo(root.path).isDir())
        return found;
    switch (root.kind) {
    case IndexRoot::Kind::HfCache:
        walkHfCache(root.path, &found);
        break;
    case IndexRoot::Kind::Ollama:
        walkOllama(root.path, &found);
        break;
    case IndexRoot::Kind::Library:
    case IndexRoot::Kind::LmStudio:
    case IndexRoot::Kind::Folder:
        walkFolder(root.path, others, &found);
        break;
    }
    return found;
}

// A connection of this thread's own, closed and removed when it goes out of scope.
class Connection
{
public:
    explicit Connection(const QString &path)
        : m_name(QStringLiteral("library-index-%1").arg(g_connections.fetch_add(1)))
    {
        QString error;
        m_db = Util::Sqlite::open(m_name, path, &error);
        if (m_db.isOpen() &&
            !Util::Sqlite::migrate(
                m_db, kMigrations, -1,
                QCoreApplication::translate("Library::LibraryIndex", "the library index %1").arg(path), &error))
            m_db.close();
        m_error = error;
    }
    ~Connection()
    {
        m_db.close();
        m_db = {};
        QSqlDatabase::removeDatabase(m_name);
    }
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;
    QSqlDatabase &db() { return m_db; }
    QString error() const { return m_error; }

private:
    QString m_name;
    QSqlDatabase m_db;
    QString m_error;
};

struct Known
{
    Stat stat;
    QString sha256;
};

QHash<QString, Known> knownFiles(QSqlDatabase &db, const QString &root)
{
    QHash<QString, Known> known;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT path, size, mtime, inode, sha256 FROM files WHERE root = ?"));
    q.addBindValue(root);
    if (q.exec()) {
        while (q.next())
            known.insert(
                q.value(0).toString(),
                {{q.value(1).toLongLong(), q.value(2).toLongLong(), q.value(3).toLongLong()}, q.value(4).toString()});
    }
    return known;
}

bool wantsHash(IndexRoot::Kind kind)
{
    return kind == IndexRoot::Kind::Library || kind == IndexRoot::Kind::LmStudio || kind == IndexRoot::Kind::Folder;
}

// Writes what one root holds now: new and changed files, and forgets the ones gone.
bool store(QSqlDatabase &db, const IndexRoot &root, const QList<Found> &found, const QHash<QString, Known> &known,
           QString *error)
{
    QSqlQuery begin(db);
    if (!begin.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        *error = begin.lastError().text();
        return false;
    }
    QSqlQuery upsert(db);
    // A hash another writer stored meanwhile (a scan that hashes more, record() after a
    // download) is kept while the file is unchanged: this scan read `known` before it, and a
    // file it did not hash is not a file without a hash.
    upsert.prepare(QStringLiteral(
        "INSERT INTO files(path, root, kind, size, mtime, inode, sha256, oid, repo)"
        " VALUES (?, ?, ?, ?, ?, ?, coalesce(?, ''), coalesce(?, ''), coalesce(?, ''))"
        " ON CONFLICT(path) DO UPDATE SET root = excluded.root, kind = excluded.kind, oid = excluded.oid,"
        " repo = excluded.repo, sha256 = CASE WHEN excluded.sha256 = '' AND files.size = excluded.size"
        " AND files.mtime = excluded.mtime AND files.inode = excluded.inode THEN files.sha256"
        " ELSE excluded.sha256 END, size = excluded.size, mtime = excluded.mtime, inode = excluded.inode"));
    QSet<QString> present;
    for (const Found &f : found) {
        present.insert(f.path);
        const auto it = known.constFind(f.path);
        if (it != known.cend() && it->stat == f.stat && it->sha256 == f.sha256)
            continue;
        for (const QVariant &v :
             {QVariant(f.path), QVariant(root.path), QVariant(indexRootKindName(root.kind)), QVariant(f.stat.size),
              QVariant(f.stat.mtimeNs), QVariant(f.stat.inode), QVariant(f.sha256), QVariant(f.oid), QVariant(f.repo)})
            upsert.addBindValue(v);
        if (!upsert.exec()) {
            *error = upsert.lastError().text();
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            return false;
        }
    }
    QSqlQuery remove(db);
    remove.prepare(QStringLiteral("DELETE FROM files WHERE path = ?"));
    for (auto it = known.cbegin(); it != known.cend(); ++it) {
        if (!present.contains(it.key())) {
            remove.addBindValue(it.key());
            remove.exec();
        }
    }
    QSqlQuery commit(db);
    if (!commit.exec(QStringLiteral("COMMIT"))) {
        *error = commit.lastError().text();
        return false;
    }
    return true;
}

}  // namespace

QString indexRootKindName(IndexRoot::Kind kind)
{
    switch (kind) {
    case IndexRoot::Kind::HfCache:
        return QStringLiteral("hf-cache");
    case IndexRoot::Kind::Library:
        return QStringLiteral("library");
    case IndexRoot::Kind::LmStudio:
        return QStringLiteral("lm-studio");
    case IndexRoot::Kind::Ollama:
        return QStringLiteral("ollama");
    case IndexRoot::Kind::Folder:
        break;
    }
    return QStringLiteral("folder");
}

namespace {

// indexRootKindName() read back; an unknown name is a plain folder.
IndexRoot::Kind kindNamed(const QString &name)
{
    for (IndexRoot::Kind kind :
         {IndexRoot::Kind::HfCache, IndexRoot::Kind::Library, IndexRoot::Kind::LmStudio, IndexRoot::Kind::Ollama}) {
        if (indexRootKindName(kind) == name)
            return kind;
    }
    return IndexRoot::Kind::Folder;
}

}  // namespace

ScanStats LibraryIndex::scanNow(const QString &databasePath, const QList<IndexRoot> &roots, Hashing hashing)
{
    QElapsedTimer timer;
    timer.start();
    ScanStats stats;
    Connection connection(databasePath);
    if (!connection.db().isOpen()) {
        stats.problems << connection.error();
        return stats;
    }
    QThreadPool hashers;
    hashers.setMaxThreadCount(qMax(1, QThread::idealThreadCount()));
    QStringList rootPaths;
    for (const IndexRoot &root : roots) {
        rootPaths << root.path;
        QList<Found> found = walk(root, roots);
        const QHash<QString, Known> known = knownFiles(connection.db(), root.path);
        QList<Found *> toHash;
        for (Found &f : found) {
            const auto it = known.constFind(f.path);
            const bool same = it != known.cend() && it->stat == f.stat;
            if (f.sha256.isEmpty() && same)
                f.sha256 = it->sha256;  // the cached hash of an unchanged file
            if (!same)
                ++stats.added;
            const bool hashIt = (hashing == Hashing::All && wantsHash(root.kind)) ||
                                (hashing == Hashing::Library && root.kind == IndexRoot::Kind::Library);
            if (f.sha256.isEmpty() && f.oid.isEmpty() && hashIt)
                toHash << &f;
        }
        // Large reads in parallel: OpenSSL hashes one stream at about the disk's speed, so
        // two cores keep the disk busy while one waits for it.
        QStringList failures;
        QMutex failuresLock;
        QtConcurrent::blockingMap(&hashers, toHash, [&](Found *f) {
            QString error;
            f->sha256 = Util::Sha256::hexOfFile(f->path, &error);
            if (!error.isEmpty()) {
                const QMutexLocker lock(&failuresLock);
                failures << error;
            }
        });
        stats.problems << failures;
        for (const Found *f : std::as_const(toHash)) {
            if (!f->sha256.isEmpty()) {
                ++stats.hashed;
                stats.hashedBytes += f->stat.size;
            }
        }
        QSet<QString> foundPaths;
        for (const Found &f : std::as_const(found))
            foundPaths.insert(f.path);
        for (auto it = known.cbegin(); it != known.cend(); ++it)
            stats.removed += foundPaths.contains(it.key()) ? 0 : 1;
        stats.files += int(found.size());
        QString error;
        if (!store(connection.db(), root, found, known, &error))
            stats.problems << QCoreApplication::translate("Library::LibraryIndex",
                                                          "Could not update the library index: %1")
                                  .arg(error);
    }
    // Folders no longer configured are forgotten.
    QSqlQuery roots_(connection.db());
    if (roots_.exec(QStringLiteral("SELECT DISTINCT root FROM files"))) {
        QStringList gone;
        while (roots_.next()) {
            if (!rootPaths.contains(roots_.value(0).toString()))
                gone << roots_.value(0).toString();
        }
        QSqlQuery forget(connection.db());
        forget.prepare(QStringLiteral("DELETE FROM files WHERE root = ?"));
        for (const QString &root : std::as_const(gone)) {
            forget.addBindValue(root);
            forget.exec();
            stats.removed += forget.numRowsAffected();
        }
    }
    stats.milliseconds = timer.elapsed();
    return stats;
}

LibraryIndex::LibraryIndex(QString databasePath, QObject *parent)
    : QObject(parent)
    , m_path(std::move(databasePath))
    , m_connection(QStringLiteral("library-index-main-%1").arg(g_connections.fetch_add(1)))
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(300);
    m_worker.setMaxThreadCount(1);
    connect(&m_settle, &QTimer::timeout, this, &LibraryIndex::scanInBackground);
}

LibraryIndex::~LibraryIndex()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

bool LibraryIndex::open(QString *error)
{
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSqlDatabase db = Util::Sqlite::open(m_connection, m_path, error);
    if (!db.isOpen())
        return false;
    return Util::Sqlite::migrate(
        db, kMigrations, -1, QCoreApplication::translate("Library::LibraryIndex", "the library index %1").arg(m_path),
        error);
}

void LibraryIndex::setRoots(const QList<IndexRoot> &roots)
{
    if (roots == m_roots)
        return;
    m_roots = roots;
    if (m_watcher)
        rewatch();
}

ScanStats LibraryIndex::scan()
{
    const ScanStats stats = scanNow(m_path, m_roots, m_hashing);
    if (stats.changed())
        Q_EMIT changed();
    return stats;
}

void LibraryIndex::scanInBackground()
{
    if (m_scanning) {
        m_scanAgain = true;
        return;
    }
    m_scanning = true;
    Util::whenFinished(this, scanOnWorker(m_hashing), [this](const ScanStats &stats) { finishScan(stats); });
}

QFuture<ScanStats> LibraryIndex::scanOnWorker(Hashing hashing)
{
    return QtConcurrent::run(&m_worker, &LibraryIndex::scanNow, m_path, m_roots, hashing);
}

void LibraryIndex::finishScan(const ScanStats &stats)
{
    m_scanning = false;
    for (const QString &problem : stats.problems)
        qCWarning(lcLibrary) << problem;
    qCDebug(lcLibrary) << "library scan:" << stats.files << "files," << stats.added << "new or changed,"
                       << stats.removed << "gone," << stats.hashed << "hashed in" << stats.milliseconds << "ms";
    if (m_watcher)
        rewatch();
    Q_EMIT scanFinished(stats);
    if (stats.changed())
        Q_EMIT changed();
    if (std::exchange(m_scanAgain, false))
        scanInBackground();
}

void LibraryIndex::setWatching(bool on)
{
    if (!on) {
        m_watcher.reset();
        return;
    }
    if (m_watcher)
        return;
    m_watcher = std::make_unique<QFileSystemWatcher>();
    connect(m_watcher.get(), &QFileSystemWatcher::directoryChanged, this, [this](const QString &folder) {
        // A parent watched for a root that does not exist yet (~/.cache for a cache nobody
        // wrote to) changes often for other reasons: only the root's arrival counts.
        if (m_parentWatches.contains(folder) &&
            std::none_of(m_roots.cbegin(), m_roots.cend(), [&](const IndexRoot &root) {
                return root.path.startsWith(folder + QLatin1Char('/')) && QFileInfo(root.path).isDir();
            })) {
            rewatch();  // a folder on the way to the root may have appeared: watch the nearer parent
            return;
        }
        m_settle.start();
    });
    rewatch();
}

void LibraryIndex::rewatch()
{
    // inotify watches are a shared, limited resource: folders only, and at most this many.
    constexpr int kMaxFolders = 4096;
    QStringList folders;
    m_parentWatches.clear();
    for (const IndexRoot &root : std::as_const(m_roots)) {
        if (!QFileInfo(root.path).isDir()) {
            // Not there yet (a cache nobody wrote to): its nearest existing parent tells when.
            QString parent = QFileInfo(root.path).absolutePath();
            while (!QFileInfo(parent).isDir() && parent.size() > 1)
                parent = QFileInfo(parent).absolutePath();
            folders << parent;
            m_parentWatches.insert(parent);
            continue;
        }
        folders << root.path;
        if (root.kind == IndexRoot::Kind::Ollama)
            continue;
        QDirIterator it(root.path, QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext() && folders.size() < kMaxFolders) {
            const QString folder = it.next();
            // The HF cache changes in blobs/ (content) and refs/ (versions); snapshots only link.
            if (root.kind == IndexRoot::Kind::HfCache && folder.contains(QLatin1String("/snapshots")))
                continue;
            folders << folder;
        }
    }
    // A parent that is itself a root's folder is watched for its own files too.
    for (const QString &folder : std::as_const(folders)) {
        if (m_parentWatches.contains(folder) &&
            std::any_of(m_roots.cbegin(), m_roots.cend(), [&](const IndexRoot &root) {
                return folder == root.path || folder.startsWith(root.path + QLatin1Char('/'));
            }))
            m_parentWatches.remove(folder);
    }
    folders.removeDuplicates();
    const QStringList watched = m_watcher->directories();
    const QSet<QString> wanted(folders.cbegin(), folders.cend());
    QStringList stale;
    for (const QString &folder : watched) {
        if (!wanted.contains(folder))
            stale << folder;
    }
    if (!stale.isEmpty())
        m_watcher->removePaths(stale);
    QStringList fresh;
    for (const QString &folder : std::as_const(folders)) {
        if (!watched.contains(folder))
            fresh << folder;
    }
    if (!fresh.isEmpty()) {
        // Files may have landed in a new folder before it was watched: one more look.
        const bool first = watched.isEmpty();
        m_watcher->addPaths(fresh);
        if (!first)
            m_settle.start();
    }
}

QList<IndexedFile> LibraryIndex::candidates(const QString &sha256, qint64 size) const
{
    QList<IndexedFile> files;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT path, kind, size, sha256, oid, repo FROM files WHERE sha256 = ?"
                             " UNION ALL SELECT path, kind, size, sha256, oid, repo FROM files"
                             " WHERE sha256 = '' AND oid = '' AND size = ?"));
    q.addBindValue(sha256.toLower());
    q.addBindValue(size >= 0 ? size : -2);
    if (!q.exec())
        return files;
    while (q.next()) {
        files << IndexedFile{q.value(0).toString(),   kindNamed(q.value(1).toString()),
                             q.value(2).toLongLong(), q.value(3).toString(),
                             q.value(4).toString(),   q.value(5).toString()};
    }
    return files;
}

void LibraryIndex::record(const QString &path, const QString &sha256)
{
    const Stat stat = statOf(path);
    if (stat.size < 0 || sha256.isEmpty())
        return;
    // Under which root? The longest configured root that holds it; none: not ours to index.
    const IndexRoot *owner = nullptr;
    for (const IndexRoot &root : std::as_const(m_roots)) {
        if (path.startsWith(root.path + QLatin1Char('/')) && (!owner || root.path.size() > owner->path.size()))
            owner = &root;
    }
    if (!owner)
        return;
    if (owner->kind == IndexRoot::Kind::HfCache || owner->kind == IndexRoot::Kind::Ollama) {
        // Their files are named by their hashes: a scan reads them without hashing.
        scanInBackground();
        return;
    }
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("UPDATE files SET size = ?, mtime = ?, inode = ?, sha256 = ? WHERE path = ?"));
    for (const QVariant &v : {QVariant(stat.size), QVariant(stat.mtimeNs), QVariant(stat.inode),
                              QVariant(sha256.toLower()), QVariant(path)})
        q.addBindValue(v);
    if (q.exec() && q.numRowsAffected() > 0) {
        Q_EMIT changed();
        return;
    }
    QString repo;
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO files(path, root, kind, size, mtime, inode, sha256, oid, repo)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, '', '')"));
    for (const QVariant &v :
         {QVariant(path), QVariant(owner->path), QVariant(indexRootKindName(owner->kind)), QVariant(stat.size),
          QVariant(stat.mtimeNs), QVariant(stat.inode), QVariant(sha256.toLower())})
        q.addBindValue(v);
    if (!q.exec())
        qCWarning(lcLibrary) << "library index:" << q.lastError().text();
    Q_EMIT changed();
}

QHash<QString, QSet<QString>> LibraryIndex::hfBlobs() const
{
    QHash<QString, QSet<QString>> blobs;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (q.exec(QStringLiteral("SELECT repo, sha256, oid FROM files WHERE kind = 'hf-cache'"))) {
        while (q.next())
            blobs[q.value(0).toString()].insert(q.value(1).toString().isEmpty() ? q.value(2).toString()
                                                                                : q.value(1).toString());
    }
    return blobs;
}

QSet<QString> LibraryIndex::knownHashes() const
{
    QSet<QString> hashes;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (q.exec(QStringLiteral("SELECT DISTINCT sha256 FROM files WHERE sha256 != ''"))) {
        while (q.next())
            hashes.insert(q.value(0).toString());
    }
    return hashes;
}

QList<IndexedFile> LibraryIndex::hashedFiles() const
{
    QList<IndexedFile> files;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT path, kind, size, sha256, oid, repo, root FROM files WHERE sha256 != ''")))
        return files;
    QSet<QString> roots;
    for (const IndexRoot &root : std::as_const(m_roots))
        roots.insert(root.path);
    while (q.next()) {
        if (!roots.contains(q.value(6).toString()))
            continue;  // a folder no longer read
        files << IndexedFile{q.value(0).toString(),   kindNamed(q.value(1).toString()),
                             q.value(2).toLongLong(), q.value(3).toString(),
                             q.value(4).toString(),   q.value(5).toString()};
    }
    return files;
}

int LibraryIndex::fileCount() const
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    return q.exec(QStringLiteral("SELECT count(*) FROM files")) && q.next() ? q.value(0).toInt() : 0;
}

}  // namespace Library
