#pragma once

#include <QFuture>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QThreadPool>
#include <QTimer>

#include <memory>

class QFileSystemWatcher;

namespace Library {

// A folder the index reads, and how its files are named.
struct IndexRoot
{
    enum class Kind
    {
        HfCache,   // <root>/models--ns--name/blobs/<sha256 or git oid>: the name is the content's hash
        Library,   // ModelDock's library folder (Civitai files): hashed
        LmStudio,  // ~/.lmstudio/models/<publisher>/<repo>/<file>: hashed when wanted
        Ollama,    // ~/.ollama/models/blobs/sha256-<hex>: the name is the hash
        Folder,    // any other folder (ComfyUI, AUTOMATIC1111, llama.cpp's cache, a setting): hashed
    };
    Kind kind = Kind::Folder;
    QString path;

    friend bool operator==(const IndexRoot &, const IndexRoot &) = default;
};
QString indexRootKindName(IndexRoot::Kind kind);  // "hf-cache", "library", "lm-studio", "ollama", "folder"

struct IndexedFile
{
    QString path;
    IndexRoot::Kind kind = IndexRoot::Kind::Folder;
    qint64 size = 0;
    QString sha256;  // lowercase hex; empty until hashed
    QString oid;     // HF cache blobs of small files: their git blob id
    QString repo;    // HF cache blobs: "ns/name"
};

struct ScanStats
{
    int files = 0;    // files the roots hold
    int added = 0;    // new or changed since the last scan
    int removed = 0;  // gone since the last scan
    int hashed = 0;   // hashed in this scan
    qint64 hashedBytes = 0;
    qint64 milliseconds = 0;
    QStringList problems;  // unreadable files, a database error
    bool changed() const { return added > 0 || removed > 0 || hashed > 0; }
};

// The one owner of "what is on disk": every file in the Hugging Face cache (whoever downloaded
// it), the library folder and the folders of other apps (LM Studio, Ollama, ComfyUI…), with
// its SHA-256 cached by (path, size, mtime, inode) in SQLite. A scan stats every file and
// hashes only what is new or changed; hashing runs on worker threads through OpenSSL.
//
// Lives on the thread that creates it (its lookups use that thread's connection); scans run on
// a worker with a connection of their own. Watching (setWatching) rescans a root shortly after
// anything in it changes, which is how a download by the CLI or another tool reaches a running
// window; changed() tells the readers.
class LibraryIndex : public QObject
{
    Q_OBJECT
public:
    enum class Hashing
    {
        Wanted,   // hash only what lookups need: files are found by size first, then verified
        Library,  // and the library folder's files (matched to Civitai by SHA-256)
        All,      // every file (identify what is on disk)
    };

    explicit LibraryIndex(QString databasePath, QObject *parent = nullptr);
    ~LibraryIndex() override;

    bool open(QString *error);
    QString databasePath() const { return m_path; }

    void setRoots(const QList<IndexRoot> &roots);
    QList<IndexRoot> roots() const { return m_roots; }
    void setHashing(Hashing hashing) { m_hashing = hashing; }

    // Scans every root now, on this thread (the CLI, tests, benchmarks).
    ScanStats scan();
    // Scans on a worker; scanFinished() follows. A request while a scan runs queues one more.
    void scanInBackground();
    // Scans every root with `hashing` on the index's own worker, after the scans queued before
    // it: scans never write the database at the same time, and long hashing never waits behind
    // (or holds up) the global thread pool. Identifying runs a Hashing::All scan this way.
    QFuture<ScanStats> scanOnWorker(Hashing hashing);
    // Rescans a root a short moment after anything in it changes (folders are watched).
    void setWatching(bool on);

    // Files with this content, those known to hold it first, then (size >= 0) files of that
    // size not hashed yet, which a reader must verify.
    QList<IndexedFile> candidates(const QString &sha256, qint64 size) const;
    // Remembers a file whose content is known (a verified download), so no scan hashes it again.
    void record(const QString &path, const QString &sha256);
    // For the catalog's states: the HF blobs present per repo ("ns/name" → blob names), and
    // the SHA-256 of every hashed file.
    QHash<QString, QSet<QString>> hfBlobs() const;
    QSet<QString> knownHashes() const;
    // Every hashed file under the current roots (what identifying sends to the hubs).
    QList<IndexedFile> hashedFiles() const;
    int fileCount() const;

    // The scan itself, for any thread: `connection` names the SQLite connection to use.
    static ScanStats scanNow(const QString &databasePath, const QList<IndexRoot> &roots, Hashing hashing);

Q_SIGNALS:
    void scanFinished(const Library::ScanStats &stats);
    // The index changed: after a scan that found something, or record().
    void changed();

private:
    void finishScan(const ScanStats &stats);
    void rewatch();

    QString m_path;
    QString m_connection;
    QList<IndexRoot> m_roots;
    Hashing m_hashing = Hashing::Wanted;
    bool m_scanning = false;
    bool m_scanAgain = false;
    std::unique_ptr<QFileSystemWatcher> m_watcher;
    QTimer m_settle;                // gathers a burst of file system events into one scan
    QSet<QString> m_parentWatches;  // parents watched for roots that do not exist yet
    QThreadPool m_worker;           // one thread: scans one after another; last, so it ends first
};

}  // namespace Library
