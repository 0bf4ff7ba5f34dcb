#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

#include <chrono>

namespace Catalog {

class CatalogDatabase;
class SourceStore;

// Notices changes to the sources table made by someone else: `modeldock-cli sources add |
// edit | remove` while the app runs, or another thread. SQLite's data_version moves whenever
// another connection commits, so a poll costs one PRAGMA until something changed; then the
// stored sources are compared with the last ones seen.
class SourceWatcher : public QObject
{
    Q_OBJECT
public:
    SourceWatcher(CatalogDatabase *database, SourceStore *sources, QObject *parent = nullptr);

    void setInterval(std::chrono::milliseconds interval) { m_timer.setInterval(interval); }
    void start();
    void stop() { m_timer.stop(); }
    // Takes the stored sources as seen: changes made through this process are not news.
    void acknowledge();
    // Polls once now (the timer calls this).
    void check();

Q_SIGNALS:
    void sourcesChanged(const QList<qint64> &added, const QList<qint64> &edited, const QList<qint64> &removed);

private:
    QHash<qint64, QByteArray> snapshot() const;
    qint64 dataVersion() const;

    CatalogDatabase *m_database;
    SourceStore *m_sources;
    QTimer m_timer;
    QHash<qint64, QByteArray> m_seen;
    qint64 m_version = -1;
};

}  // namespace Catalog
