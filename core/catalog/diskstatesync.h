#pragma once

#include <QHash>
#include <QObject>
#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QTimer>

namespace Library {
class LibraryIndex;
}

namespace Catalog {

class CatalogDatabase;

// Keeps the catalog's "verified" file states true to what is on disk, as the library index
// sees it, whoever put the files there: a download by the CLI or by another tool shows as
// downloaded, a file removed by hand no longer does. A Hugging Face file is on disk when its
// repo's cache folder holds its blob; a Civitai file when any indexed file has its SHA-256.
// Transfers in progress (queued, downloading, failed) are the download side's to say.
class DiskStateSync : public QObject
{
    Q_OBJECT
public:
    struct OnDisk
    {
        QHash<QString, QSet<QString>> hfBlobs;  // "ns/name" → blob names (SHA-256 or git oid)
        QSet<QString> hashes;                   // SHA-256 of every hashed file, lowercase
    };

    DiskStateSync(Library::LibraryIndex *index, CatalogDatabase *database, QObject *parent = nullptr);

    // Reads the index and updates the catalog now; the keys of the models whose files changed.
    QStringList refresh();

    // The rule itself, on a catalog connection.
    static QStringList apply(QSqlDatabase db, const OnDisk &onDisk, QString *error);

Q_SIGNALS:
    void statesChanged(const QStringList &modelKeys);

private:
    Library::LibraryIndex *m_index;
    CatalogDatabase *m_database;
    QTimer m_settle;  // one refresh per burst of index changes
};

}  // namespace Catalog
