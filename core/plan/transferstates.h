#pragma once

#include "catalog/catalogtypes.h"
#include "download/types.h"

#include <QHash>
#include <QObject>
#include <QStringList>

namespace Catalog {
class CatalogDatabase;
}
namespace Download {
class DownloadPool;
}

namespace Plan {

// Keeps the catalog's transfer states (queued, downloading, failed) true to the download pool,
// whoever added the task: the window, the CLI, or the journal on a restart. A task's file is
// found in the catalog by what it writes, not by who asked: a Hugging Face file by its repo and
// path, a Civitai file by its model and SHA-256. A finished file becomes verified, a failed one
// failed, a cancelled one goes back to what it was before; whether a verified file is still on disk
// is Catalog::DiskStateSync's to say.
class TransferStates : public QObject
{
    Q_OBJECT
public:
    TransferStates(Download::DownloadPool *pool, Catalog::CatalogDatabase *database, QObject *parent = nullptr);

    // Writes the state of every task the pool holds now (after restoreFromJournal()).
    void refreshAll();

    // The catalog state a task in this state gives its file.
    static Catalog::LocalState stateFor(Download::TaskState state);

Q_SIGNALS:
    // The keys of the models whose files changed state.
    void statesChanged(const QStringList &modelKeys);

private:
    void write(const QList<Download::TaskId> &ids);

    Download::DownloadPool *m_pool;
    Catalog::CatalogDatabase *m_database;
    struct Written
    {
        Catalog::LocalState state = Catalog::LocalState::None;   // what the task last wrote
        Catalog::LocalState before = Catalog::LocalState::None;  // the file's state before it
        bool cancelled = false;
    };
    QHash<Download::TaskId, Written> m_written;
};

}  // namespace Plan
