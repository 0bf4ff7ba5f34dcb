#include "downloadsummarydialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Ui {

namespace {
// Groups are expanded while the list stays short enough to read at a glance.
constexpr int kExpandBelowRows = 120;
}  // namespace

DownloadSummaryDialog::DownloadSummaryDialog(QWidget *parent)
    : QDialog(parent)
    , m_summary(new QLabel(this))
    , m_tree(new QTreeWidget(this))
    , m_allVersions(new QCheckBox(tr("Download &all versions"), this))
{
    setObjectName(QStringLiteral("downloadSummary"));
    setWindowTitle(tr("Download"));
    auto *layout = new QVBoxLayout(this);
    m_summary->setObjectName(QStringLiteral("summaryText"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(m_summary);

    m_tree->setObjectName(QStringLiteral("summaryFiles"));
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("File"), tr("Size"), tr("On disk")});
    m_tree->setUniformRowHeights(true);
    m_tree->setTextElideMode(Qt::ElideMiddle);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(SizeColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(StateColumn, QHeaderView::ResizeToContents);
    m_tree->setMinimumSize(560, 260);
    layout->addWidget(m_tree, 1);

    m_allVersions->setObjectName(QStringLiteral("allVersions"));
    m_allVersions->setToolTip(tr("Every version of the Civitai models picked, as one pack"));
    m_allVersions->hide();
    layout->addWidget(m_allVersions);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_download = buttons->button(QDialogButtonBox::Ok);
    m_download->setText(tr("&Download"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_allVersions, &QCheckBox::toggled, this, &DownloadSummaryDialog::allVersionsToggled);
    // A group's box changes each of its files (and each reports): one recount per burst.
    connect(m_tree, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem *, int column) {
        if (m_filling || column != NameColumn || m_ticksPending)
            return;
        m_ticksPending = true;
        QTimer::singleShot(0, this, [this] {
            m_ticksPending = false;
            Q_EMIT ticksChanged();
        });
    });
}

void DownloadSummaryDialog::setRows(const QList<Row> &rows)
{
    m_filling = true;
    m_tree->clear();
    m_items.clear();
    // Nothing to list (only queued picks, or only refusals): the sentences say it all.
    m_tree->setVisible(!rows.isEmpty());
    const QLocale locale;
    QHash<QString, QTreeWidgetItem *> groups;
    for (int i = 0; i < rows.size(); ++i) {
        const Row &row = rows.at(i);
        QTreeWidgetItem *&group = groups[row.group];
        if (!group) {
            group = new QTreeWidgetItem(m_tree, {row.group});
            group->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsAutoTristate);
            group->setFirstColumnSpanned(false);
            group->setToolTip(NameColumn, row.group);
        }
        auto *item = new QTreeWidgetItem(group);
        item->setText(NameColumn, row.name);
        item->setToolTip(NameColumn, row.name);
        item->setData(NameColumn, RowRole, i);
        item->setText(SizeColumn, row.size >= 0 ? locale.formattedDataSize(row.size) : tr("unknown"));
        item->setTextAlignment(SizeColumn, Qt::AlignRight | Qt::AlignVCenter);
        if (row.onDisk) {
            // Nothing to decide about a file that is there: it is listed so the person sees it.
            item->setFlags(Qt::ItemIsEnabled);
            item->setText(StateColumn, tr("already on disk"));
        } else {
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            item->setCheckState(NameColumn, row.ticked ? Qt::Checked : Qt::Unchecked);
            if (row.present)
                item->setText(StateColumn, tr("already on disk"));
        }
        m_items << item;
    }
    // Group sizes: what the ticked files of the group weigh is in the summary; here the total.
    for (QTreeWidgetItem *group : std::as_const(groups)) {
        qint64 bytes = 0;
        for (int c = 0; c < group->childCount(); ++c)
            bytes += qMax<qint64>(0, rows.at(group->child(c)->data(NameColumn, RowRole).toInt()).size);
        group->setText(SizeColumn, locale.formattedDataSize(bytes));
        group->setTextAlignment(SizeColumn, Qt::AlignRight | Qt::AlignVCenter);
        int there = 0;
        for (int c = 0; c < group->childCount(); ++c)
            there += group->child(c)->text(StateColumn).isEmpty() ? 0 : 1;
        if (there > 0)
            group->setText(StateColumn, tr("%1 of %2").arg(there).arg(group->childCount()));
    }
    if (rows.size() < kExpandBelowRows)
        m_tree->expandAll();
    m_filling = false;
}

QList<bool> DownloadSummaryDialog::ticks() const
{
    QList<bool> out;
    out.reserve(m_items.size());
    for (const QTreeWidgetItem *item : m_items)
        out << ((item->flags() & Qt::ItemIsUserCheckable) && item->checkState(NameColumn) == Qt::Checked);
    return out;
}

void DownloadSummaryDialog::setTicked(int row, bool ticked)
{
    if (row >= 0 && row < m_items.size() && (m_items.at(row)->flags() & Qt::ItemIsUserCheckable))
        m_items.at(row)->setCheckState(NameColumn, ticked ? Qt::Checked : Qt::Unchecked);
}

void DownloadSummaryDialog::setSummary(const QString &text, bool canStart, const QString &whyNot)
{
    m_summary->setText(text);
    m_download->setEnabled(canStart);
    m_download->setToolTip(whyNot);
}

void DownloadSummaryDialog::offerAllVersions(bool on)
{
    const QSignalBlocker block(m_allVersions);
    m_allVersions->setChecked(on);
    m_allVersions->show();
}

QTreeWidgetItem *DownloadSummaryDialog::itemFor(const QString &name, const QString &group) const
{
    for (QTreeWidgetItem *item : m_items) {
        if (item->text(NameColumn) == name && (group.isEmpty() || item->parent()->text(NameColumn) == group))
            return item;
    }
    return nullptr;
}

}  // namespace Ui
