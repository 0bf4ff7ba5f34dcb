#include "catalogprogress.h"

#include "download/downloadpool.h"

namespace Ui {

using Download::TaskId;

CatalogProgress::CatalogProgress(Download::DownloadPool *pool, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
{
    // Tasks restored from the journal are there before the first tick.
    for (Download::GroupId group : pool->groups()) {
        for (TaskId id : pool->tasks(group))
            update(id);
    }
    m_settled.clear();
    connect(pool, &Download::DownloadPool::tasksChanged, this, &CatalogProgress::onTasksChanged);
    connect(pool, &Download::DownloadPool::groupsRemoved, this, &CatalogProgress::onGroupsRemoved);
}

std::optional<CatalogProgress::Live> CatalogProgress::file(const QString &modelKey, const QString &commit,
                                                           const QString &path) const
{
    const auto it = m_byModel.constFind(modelKey);
    if (it == m_byModel.cend() || path.isEmpty())
        return std::nullopt;
    for (const Entry &entry : *it) {
        // Hugging Face paths are relative to the repo; Civitai files sit in a type folder of
        // the library ("Lora/x.safetensors") while the catalog names only the file.
        const bool samePath = entry.relativePath == path ||
                              (entry.relativePath.endsWith(path) &&
                               entry.relativePath.at(entry.relativePath.size() - path.size() - 1) == QLatin1Char('/'));
        // Branch variants of one repo hold files of the same name at different commits.
        const bool sameCommit = entry.commit.isEmpty() || commit.isEmpty() || entry.commit == commit;
        if (samePath && sameCommit && entry.live.state != ItemState::Cancelled)
            return entry.live;
    }
    return std::nullopt;
}

QString CatalogProgress::update(TaskId id)
{
    const Download::TaskSnapshot snapshot = m_pool->task(id);
    if (!snapshot.isValid()) {
        const QString key = m_modelOf.value(id);
        forget(id);
        return key;
    }
    QString key = m_modelOf.value(id);
    if (key.isNull()) {
        const Download::Destination destination = m_pool->request(id).destination;
        key = destination.repoId;
        m_modelOf.insert(id, key);
        m_byModel[key].append(Entry{id, destination.relativePath, destination.commit, {}});
    }
    QList<Entry> &entries = m_byModel[key];
    for (Entry &entry : entries) {
        if (entry.id != id)
            continue;
        const ItemState state = itemStateFromTask(snapshot.state);
        const bool settledNow = Download::isTerminal(snapshot.state) &&
                                (entry.live.state != state || entry.live.done != snapshot.bytesDone);
        if (settledNow)
            m_settled.insert(key);
        entry.live = Live{state, snapshot.bytesDone, snapshot.bytesTotal};
        break;
    }
    return key;
}

void CatalogProgress::forget(TaskId id)
{
    const QString key = m_modelOf.take(id);
    if (key.isNull())
        return;
    auto it = m_byModel.find(key);
    if (it == m_byModel.end())
        return;
    it->removeIf([id](const Entry &entry) { return entry.id == id; });
    if (it->isEmpty())
        m_byModel.erase(it);
    m_settled.insert(key);
}

void CatalogProgress::onTasksChanged(const QList<TaskId> &ids)
{
    QSet<QString> keys;
    for (TaskId id : ids) {
        const QString key = update(id);
        if (!key.isEmpty())
            keys.insert(key);
    }
    if (!keys.isEmpty())
        Q_EMIT modelsChanged(keys);
}

void CatalogProgress::onGroupsRemoved()
{
    QSet<QString> keys;
    const QList<TaskId> tracked = m_modelOf.keys();
    for (TaskId id : tracked) {
        if (!m_pool->task(id).isValid()) {
            keys.insert(m_modelOf.value(id));
            forget(id);
        }
    }
    if (!keys.isEmpty())
        Q_EMIT modelsChanged(keys);
}

}  // namespace Ui
