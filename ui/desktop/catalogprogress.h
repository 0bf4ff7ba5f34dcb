#pragma once

#include "download/types.h"
#include "itemstate.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <optional>

namespace Download {
class DownloadPool;
}

namespace Ui {

// The download pool seen from the catalog: which catalog files have a task in the pool and how
// far each is. It follows the pool's batched tasksChanged (one update per tick however many
// tasks moved) and maps each task to its catalog model by the task's destination (repo id or
// "civitai:<id>", the model key) and to the file by its path. Lives next to DownloadRequester,
// which writes only final outcomes to the catalog; this gives the tree its live column.
class CatalogProgress : public QObject
{
    Q_OBJECT
public:
    struct Live
    {
        ItemState state = ItemState::None;
        qint64 done = 0;
        qint64 total = -1;
        double progress() const { return total > 0 ? double(done) / double(total) : -1.0; }
    };

    explicit CatalogProgress(Download::DownloadPool *pool, QObject *parent = nullptr);

    // The task for the catalog file `path` of `modelKey` at `commit` (empty: any commit), if the
    // pool holds one that is not cancelled.
    std::optional<Live> file(const QString &modelKey, const QString &commit, const QString &path) const;
    bool hasModel(const QString &modelKey) const { return m_byModel.contains(modelKey); }
    int trackedTasks() const { return int(m_modelOf.size()); }

    // Models whose tasks finished or left the pool since the last call: their stored catalog
    // states changed (the requester writes outcomes) and are worth reading again.
    QSet<QString> takeSettled() { return std::exchange(m_settled, {}); }

Q_SIGNALS:
    void modelsChanged(const QSet<QString> &keys);

private:
    struct Entry
    {
        Download::TaskId id = 0;
        QString relativePath;
        QString commit;
        Live live;
    };
    void onTasksChanged(const QList<Download::TaskId> &ids);
    void onGroupsRemoved();
    // Returns the model key the task was filed under ("" when the pool no longer has it).
    QString update(Download::TaskId id);
    void forget(Download::TaskId id);

    Download::DownloadPool *m_pool;
    QHash<QString, QList<Entry>> m_byModel;
    QHash<Download::TaskId, QString> m_modelOf;
    QSet<QString> m_settled;
};

}  // namespace Ui
