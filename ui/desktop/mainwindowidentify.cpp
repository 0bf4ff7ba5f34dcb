// MainWindow's Find my models action (File menu): IdentifyDialog over the services.
#include "identifydialog.h"
#include "mainwindow.h"

#include <QAction>
#include <QMenu>

namespace Ui {

void MainWindow::createIdentifyAction(QMenu *menu)
{
    m_findMyModelsAction = new QAction(tr("Find &my models…"), this);
    m_findMyModelsAction->setObjectName(QStringLiteral("findMyModelsAction"));
    m_findMyModelsAction->setStatusTip(
        tr("Hash the model files already on disk and find out which models and versions they are"));
    m_findMyModelsAction->setEnabled(m_services.index && m_services.civitai && m_services.identities);
    connect(m_findMyModelsAction, &QAction::triggered, this, &MainWindow::showFindMyModels);
    menu->addAction(m_findMyModelsAction);
}

void MainWindow::showFindMyModels()
{
    if (!m_findMyModelsAction->isEnabled())
        return;
    IdentifyDialog::Services services;
    services.index = m_services.index;
    services.civitai = m_services.civitai;
    services.identities = m_services.identities;
    services.catalog = m_services.store;
    services.session = m_services.session;
    services.requester = m_requester;
    auto *dialog = new IdentifyDialog(services, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    dialog->start();
}

}  // namespace Ui
