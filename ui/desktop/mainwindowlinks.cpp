// The part of MainWindow that opens a pasted link: the model's row in the catalog tree, with
// the branch, version or file the link names selected, ready for Download.
#include "catalog/catalogstore.h"
#include "catalog/hubbrowser.h"
#include "catalog/modellink.h"
#include "catalogmodel.h"
#include "catalogpane.h"
#include "mainwindow.h"
#include "sourcesmodel.h"

#include <QApplication>
#include <QClipboard>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QListView>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTreeView>

#include <memory>

namespace Ui {

namespace {
// The row under `model` the link points at: a file, else a variant, else the model itself.
QModelIndex rowFor(const QAbstractItemModel *proxy, const QModelIndex &model, const Catalog::ModelLink &link)
{
    QModelIndex best = model;
    for (int v = 0; v < proxy->rowCount(model); ++v) {
        const QModelIndex variant = proxy->index(v, 0, model);
        const QString name = variant.data(CatalogModel::VariantNameRole).toString();
        // A branch variant is named after its branch; a Civitai version row carries its id
        // as the revision the catalog knows it by, which the tree shows as the variant.
        const bool namedRevision = !link.revision.isEmpty() && name == link.revision;
        if (!link.path.isEmpty()) {
            for (int f = 0; f < proxy->rowCount(variant); ++f) {
                const QModelIndex file = proxy->index(f, 0, variant);
                if (file.data(CatalogModel::FilePathRole).toString() == link.path && (namedRevision || best == model))
                    best = file;
            }
        } else if (namedRevision) {
            best = variant;
        }
    }
    return best;
}
}  // namespace

void MainWindow::openLinkFromClipboard()
{
    const QString text = QApplication::clipboard()->text().trimmed();
    Catalog::ModelLink link;
    if (Catalog::ModelLink::parse(text, &link)) {
        openLink(text);
        return;
    }
    auto *ask = new QInputDialog(this);
    ask->setObjectName(QStringLiteral("openLinkDialog"));
    ask->setWindowTitle(tr("Open link"));
    ask->setLabelText(tr("A Hugging Face or Civitai link, or ns/name:"));
    ask->setAttribute(Qt::WA_DeleteOnClose);
    connect(ask, &QInputDialog::textValueSelected, this, &MainWindow::openLink);
    ask->open();
}

void MainWindow::openLink(const QString &text)
{
    Catalog::ModelLink link;
    if (!m_catalogPane || !Catalog::ModelLink::parse(text, &link)) {
        statusBar()->showMessage(tr("Not a model link: %1").arg(text.left(200)), 8000);
        return;
    }
    const std::optional<Catalog::ModelRecord> record = m_services.store->model(link.key);
    if (!record) {
        if (!m_services.browser) {
            statusBar()->showMessage(
                tr("%1 is not in the catalog yet: add a source that lists it (File → Add source…).").arg(link.key),
                10000);
            return;
        }
        // Not synced by any source: ask its hub, keep it in the catalog, then open it as if it
        // had been there.
        statusBar()->showMessage(tr("Looking up %1 on the hub…").arg(link.key));
        m_services.browser->ensureDetails(
            link.key, this, [this, text, key = link.key](const Hub::Result<Catalog::ModelRecord> &found) {
                if (found.error.isError() || !m_services.store->model(key)) {
                    statusBar()->showMessage(
                        tr("Could not open %1: %2")
                            .arg(key, found.error.isError() ? found.error.message : tr("the hub does not know it.")),
                        15000);
                    return;
                }
                m_catalogPane->sourcesModel()->recount();
                openLink(text);
            });
        return;
    }
    // Civitai links name the version by id; the tree names versions by their title.
    if (record->hub == QLatin1String("civitai") && !link.revision.isEmpty()) {
        for (const Catalog::VariantRecord &variant : record->variants) {
            if (variant.revision == link.revision)
                link.revision = variant.name;
        }
    }
    const QString words = record->hub == QLatin1String("civitai") && !record->name.isEmpty()
                              ? record->name
                              : link.key.section(QLatin1Char('/'), -1);
    // Every source, the model's words; the row is selected once that search answered.
    m_sourcesView->setCurrentIndex(m_sourcesView->model()->index(0, 0));
    m_search->setText(words);
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(m_catalogPane->model(), &CatalogModel::queryFinished, this, [this, link, words, connection] {
        if (m_catalogPane->model()->query().text != words.simplified())
            return;  // an earlier search answering
        QObject::disconnect(*connection);
        QSortFilterProxyModel *proxy = m_catalogPane->proxy();
        for (int row = 0; row < proxy->rowCount(); ++row) {
            const QModelIndex model = proxy->index(row, 0);
            if (model.data(CatalogModel::ModelKeyRole).toString() != link.key)
                continue;
            m_catalogView->expand(model);
            const QModelIndex target = rowFor(proxy, model, link);
            if (target.parent().isValid())
                m_catalogView->expand(target.parent());
            m_catalogView->selectionModel()->setCurrentIndex(target, QItemSelectionModel::ClearAndSelect |
                                                                         QItemSelectionModel::Rows);
            m_catalogView->scrollTo(target);
            m_catalogView->setFocus(Qt::OtherFocusReason);
            statusBar()->showMessage(tr("Opened %1; Download (Ctrl+D) takes what is selected.").arg(link.key), 8000);
            return;
        }
    });
}

}  // namespace Ui
