#pragma once

#include "catalog/catalogstore.h"

#include <QPair>
#include <QWidget>

class QComboBox;

namespace Ui {

// The filters over the catalog tree: hub, model type (GGUF / checkpoint / LoRA), base model
// and downloaded or not. They become CatalogStore::Query fields, so the store filters in SQL
// over the whole catalog, never over the rows a view has loaded.
class CatalogFilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit CatalogFilterBar(QWidget *parent = nullptr);

    QComboBox *hubBox() const { return m_hub; }
    QComboBox *typeBox() const { return m_type; }
    QComboBox *baseModelBox() const { return m_base; }
    QComboBox *downloadedBox() const { return m_downloaded; }

    // Sets the filter fields of `query` from the boxes.
    void applyTo(Catalog::CatalogStore::Query *query) const;
    QString hub() const;
    // The base models to offer (name, models built on it), most used first. The current
    // choice stays when it is still offered.
    void setBaseModels(const QList<QPair<QString, int>> &bases);
    // Back to "everything".
    void reset();

Q_SIGNALS:
    void changed();
    void hubChanged();

private:
    QComboBox *m_hub;
    QComboBox *m_type;
    QComboBox *m_base;
    QComboBox *m_downloaded;
    bool m_filling = false;
};

}  // namespace Ui
