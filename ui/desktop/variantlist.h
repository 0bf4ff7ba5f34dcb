#pragma once

#include "catalog/catalogtypes.h"

#include <QTreeWidget>

class QToolButton;

namespace Ui {

// The variants of the model shown, one row each (a quantization, a branch, a Civitai
// version) with its size, its state on disk and a Download button for exactly that variant,
// the way LM Studio lists quantizations.
class VariantList : public QTreeWidget
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        SizeColumn,
        StateColumn,
        ButtonColumn,
        ColumnCount
    };

    explicit VariantList(QWidget *parent = nullptr);

    void setRecord(const Catalog::ModelRecord &record);
    // The same model with new stored states: only the state texts change.
    void updateStates(const Catalog::ModelRecord &record);
    void clearRecord();
    // The Download button of a variant, or null.
    QToolButton *buttonFor(const QString &variant) const;

Q_SIGNALS:
    void downloadRequested(const QString &modelKey, const QString &variant);

private:
    void updateStateColumn();  // shown only when a variant has a state to show

    QString m_modelKey;
};

}  // namespace Ui
