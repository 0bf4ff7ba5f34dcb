#pragma once

#include <QObject>
#include <QSet>
#include <QString>

class QAction;

namespace Activity {
class ActivityLog;
}
namespace Catalog {
class CatalogStore;
}
namespace Updates {
class ModelUpdater;
}

namespace Ui {

// "Update" and "Roll back" for the model the user has selected, both through
// Updates::ModelUpdater, so the switch is atomic and the previous version is kept. Update is
// enabled when the catalog says the hub has something newer; Roll back when an earlier
// version is still on disk. Outcomes go to the activity log, and the catalog's local states
// follow the version in force.
class ModelUpdateActions : public QObject
{
    Q_OBJECT
public:
    ModelUpdateActions(Updates::ModelUpdater *updater, Catalog::CatalogStore *store, Activity::ActivityLog *log,
                       QObject *parent = nullptr);

    QAction *updateAction() const { return m_update; }
    QAction *rollbackAction() const { return m_rollback; }

    // The model the actions apply to ("ns/name" or "civitai:<id>"); empty: none.
    void setModel(const QString &modelKey);
    QString model() const { return m_model; }
    // Re-reads what is enabled (after a sync or a download changed the catalog).
    void refresh();

Q_SIGNALS:
    void catalogStatesChanged();
    void finished(const QString &modelKey, bool ok, const QString &message);

private:
    void update();
    void rollBack();
    void report(const QString &modelKey, bool ok, const QString &message);

    Updates::ModelUpdater *m_updater;
    Catalog::CatalogStore *m_store;
    Activity::ActivityLog *m_log;
    QAction *m_update;
    QAction *m_rollback;
    QString m_model;
    QSet<QString> m_running;
};

}  // namespace Ui
