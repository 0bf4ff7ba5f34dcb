#pragma once

#include "catalog/syncstate.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QAbstractItemModel;
class QLabel;

namespace Catalog {
class SourceStore;
class SyncEngine;
}  // namespace Catalog

namespace Ui {

// The sync part of the status bar, in one line:
//   "Synced 5 min ago · 12 new · next in 55 min"
//   "Syncing Civitai LoRAs… 3/10 pages"
//   "Offline — showing cached catalog"
//   "Hub is rate-limiting, retrying in 40 s"   (counting down each second)
//   "Sync of cortexso failed: <the reason>"
// It reads the engine's states, the sources' unseen counts (from the Sources model, which
// already holds them) and the background timer; it ticks every second while a countdown or a
// sync runs, else twice a minute for the ages.
class SyncStatus : public QObject
{
    Q_OBJECT
public:
    SyncStatus(Catalog::SyncEngine *engine, Catalog::SourceStore *sources, QLabel *label, QObject *parent = nullptr);

    // The Sources model whose NewCountRole rows add up to "12 new"; may be null.
    void setSourcesModel(QAbstractItemModel *model);

    // What one source looks like for the line.
    struct SourceLine
    {
        QString name;
        Catalog::SyncState state;
        QDateTime retryAt;  // throttled: when the engine asks again
    };
    // The line for these sources at `now` (pure: the tests' data rows use it directly).
    static QString compose(const QList<SourceLine> &sources, int unseenNew, const QDateTime &nextSync,
                           const QDateTime &now);

    QString text() const;

public Q_SLOTS:
    void update();

private:
    void onStateChanged(qint64 sourceId, const Catalog::SyncState &state);
    int unseenNew() const;

    Catalog::SyncEngine *m_engine;
    Catalog::SourceStore *m_sources;
    QLabel *m_label;
    QPointer<QAbstractItemModel> m_sourcesModel;
    QHash<qint64, QDateTime> m_retryAt;
    QTimer m_tick;
};

}  // namespace Ui
