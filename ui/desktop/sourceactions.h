#pragma once

#include <QObject>

class QAction;
class QListView;
class QWidget;

namespace Catalog {
class SourceStore;
class SyncEngine;
} // namespace Catalog

namespace Ui {

// Add, edit and remove catalog sources from the window: the actions sit on the sources list's
// context menu (and in the Sources menu), open a SourceDialog, and go through the sync
// engine, which stores the change and syncs that source at once.
class SourceActions : public QObject
{
    Q_OBJECT
public:
    SourceActions(Catalog::SyncEngine *engine, Catalog::SourceStore *sources, QListView *view, QObject *parent = nullptr);

    QList<QAction *> actions() const;
    void addSource();
    void editSource();
    void removeSource();

private:
    qint64 currentSourceId() const;
    void updateEnabled();

    Catalog::SyncEngine *m_engine;
    Catalog::SourceStore *m_sources;
    QListView *m_view;
    QAction *m_add;
    QAction *m_edit;
    QAction *m_remove;
};

} // namespace Ui
