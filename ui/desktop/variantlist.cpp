#include "variantlist.h"

#include "itemstate.h"

#include <QHeaderView>
#include <QLocale>
#include <QStyle>
#include <QToolButton>

namespace Ui {

namespace {
QString stateText(Catalog::LocalState state)
{
    return state == Catalog::LocalState::None ? QString() : itemStateText(itemStateFromLocal(state));
}
}  // namespace

VariantList::VariantList(QWidget *parent)
    : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("variantList"));
    setAccessibleName(tr("Variants of the model"));
    setColumnCount(ColumnCount);
    setHeaderLabels({tr("Variant"), tr("Size"), tr("State"), QString()});
    // Name, size, state and a button read without headings; the space goes to the names.
    setHeaderHidden(true);
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setSelectionMode(QAbstractItemView::NoSelection);
    setTextElideMode(Qt::ElideMiddle);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    header()->setSectionResizeMode(SizeColumn, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(StateColumn, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(ButtonColumn, QHeaderView::ResizeToContents);
}

void VariantList::setRecord(const Catalog::ModelRecord &record)
{
    clear();
    m_modelKey = record.key;
    const QLocale locale;
    for (const Catalog::VariantRecord &variant : record.variants) {
        auto *item = new QTreeWidgetItem(this);
        item->setText(NameColumn, variant.name);
        item->setToolTip(NameColumn, variant.name);
        const qint64 size = variant.totalSize();
        item->setText(SizeColumn, size > 0 ? locale.formattedDataSize(size) : QString());
        item->setTextAlignment(SizeColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(StateColumn, stateText(variant.state));
        // An icon button (its name and tooltip say what it does): the pane is narrow and the
        // variant's name needs the width.
        auto *button = new QToolButton(this);
        button->setObjectName(QStringLiteral("downloadVariant"));
        button->setIcon(style()->standardIcon(QStyle::SP_ArrowDown));
        button->setText(tr("Download"));
        button->setToolButtonStyle(Qt::ToolButtonIconOnly);
        button->setAccessibleName(tr("Download %1").arg(variant.name));
        button->setToolTip(tr("Download %1 (%n file(s))", nullptr, int(variant.files.size())).arg(variant.name));
        const QString name = variant.name;
        connect(button, &QToolButton::clicked, this, [this, name] { Q_EMIT downloadRequested(m_modelKey, name); });
        setItemWidget(item, ButtonColumn, button);
    }
    updateStateColumn();
}

void VariantList::updateStateColumn()
{
    bool any = false;
    for (int i = 0; i < topLevelItemCount(); ++i)
        any = any || !topLevelItem(i)->text(StateColumn).isEmpty();
    setColumnHidden(StateColumn, !any);
}

void VariantList::updateStates(const Catalog::ModelRecord &record)
{
    if (record.key != m_modelKey || record.variants.size() != topLevelItemCount()) {
        setRecord(record);
        return;
    }
    for (int i = 0; i < record.variants.size(); ++i)
        topLevelItem(i)->setText(StateColumn, stateText(record.variants.at(i).state));
    updateStateColumn();
}

void VariantList::clearRecord()
{
    clear();
    m_modelKey.clear();
}

QToolButton *VariantList::buttonFor(const QString &variant) const
{
    for (int i = 0; i < topLevelItemCount(); ++i) {
        if (topLevelItem(i)->text(NameColumn) == variant)
            return qobject_cast<QToolButton *>(itemWidget(topLevelItem(i), ButtonColumn));
    }
    return nullptr;
}

}  // namespace Ui
