#include "catalogpane.h"

#include "catalogmodel.h"
#include "catalog/syncengine.h"
#include "progressdelegate.h"
#include "sourcesmodel.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTreeView>

namespace Ui {

CatalogPane::CatalogPane(Catalog::CatalogStore *store, Catalog::SourceStore *sources, Catalog::SyncEngine *engine,
                         QListView *sourcesView, QLineEdit *search, QTreeView *tree, QTextBrowser *details,
                         QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_sourcesView(sourcesView)
    , m_search(search)
    , m_tree(tree)
    , m_details(details)
    , m_model(new CatalogModel(store, this))
    , m_sourcesModel(new SourcesModel(sources, engine, this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(CatalogModel::SortRole);
    m_tree->setModel(m_proxy);
    m_tree->setItemDelegateForColumn(CatalogModel::StateColumn, new ProgressDelegate(CatalogModel::ProgressRole, CatalogModel::StateRole, m_tree));
    m_tree->header()->resizeSection(CatalogModel::NameColumn, 300);
    m_sourcesView->setModel(m_sourcesModel);
    m_sourcesView->setCurrentIndex(m_sourcesModel->index(0));

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, &CatalogPane::requery);
    connect(m_search, &QLineEdit::textChanged, &m_debounce, qOverload<>(&QTimer::start));
    connect(m_sourcesView->selectionModel(), &QItemSelectionModel::currentChanged, this, &CatalogPane::requery);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &CatalogPane::showDetails);
    if (engine) {
        connect(engine, &Catalog::SyncEngine::syncFinished, this, [this] { requery(); });
    }
    requery();
}

void CatalogPane::requery()
{
    Catalog::CatalogStore::Query query;
    query.text = m_search->text().simplified();
    query.limit = 200;
    query.sort = query.text.isEmpty() ? Catalog::CatalogStore::Sort::Downloads : Catalog::CatalogStore::Sort::Relevance;
    query.sourceId = m_sourcesView->currentIndex().data(SourcesModel::SourceIdRole).toLongLong();
    m_model->setQuery(query);
}

void CatalogPane::showDetails()
{
    const QString key = m_tree->currentIndex().data(CatalogModel::ModelKeyRole).toString();
    const std::optional<Catalog::ModelRecord> record = key.isEmpty() ? std::nullopt : m_model->record(key);
    if (!record) {
        m_details->clear();
        return;
    }
    m_details->setHtml(detailsHtml(*record));
}

QString CatalogPane::detailsHtml(const Catalog::ModelRecord &m)
{
    const QLocale locale;
    // The card is rendered to HTML by QTextDocument itself; the browser's loadResource never
    // fetches anything remote (QTextBrowser only resolves local and qrc URLs).
    QTextDocument card;
    if (m.description.contains(QLatin1Char('<')) && m.hub == QStringLiteral("civitai"))
        card.setHtml(m.description);
    else
        card.setMarkdown(m.description);
    QString html = QStringLiteral("<h2>%1</h2>").arg(m.name.toHtmlEscaped());
    html += QStringLiteral("<p>%1</p>").arg(CatalogModel::tr("by %1 · %2 downloads · %3 likes")
                                                .arg(m.author.toHtmlEscaped(), locale.toString(m.downloads),
                                                     locale.toString(m.likes)));
    if (!m.gated.isEmpty() && m.gated != QStringLiteral("false"))
        html += QStringLiteral("<p><b>%1</b></p>").arg(
            CatalogModel::tr("Gated: accept the conditions on the hub and set a token before downloading."));
    const QString license = m.extra.value(QStringLiteral("license")).toString();
    if (!license.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(CatalogModel::tr("License: %1").arg(license.toHtmlEscaped()));
    if (!m.tags.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(CatalogModel::tr("Tags: %1").arg(m.tags.join(QStringLiteral(", ")).toHtmlEscaped()));
    for (const Catalog::VariantRecord &variant : m.variants) {
        html += QStringLiteral("<h3>%1</h3><ul>").arg(variant.name.toHtmlEscaped());
        for (const Catalog::FileRecord &file : variant.files) {
            html += QStringLiteral("<li>%1 — %2").arg(file.path.toHtmlEscaped(),
                                                      file.size < 0 ? CatalogModel::tr("size unknown")
                                                                    : locale.formattedDataSize(file.size));
            if (!file.sha256.isEmpty())
                html += QStringLiteral("<br/><small>sha256 %1</small>").arg(file.sha256);
            const QString state = localStateText(file.state);
            if (!state.isEmpty())
                html += QStringLiteral(" <b>%1</b>").arg(state.toHtmlEscaped());
            html += QStringLiteral("</li>");
        }
        html += QStringLiteral("</ul>");
    }
    QString body = card.toHtml();
    const int start = body.indexOf(QStringLiteral("<body"));
    if (start >= 0)
        body = body.mid(body.indexOf(QLatin1Char('>'), start) + 1).remove(QStringLiteral("</body></html>"));
    html += QStringLiteral("<hr/>") + body;
    return html;
}

} // namespace Ui
