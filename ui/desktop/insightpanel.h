#pragma once

#include "catalog/catalogtypes.h"
#include "insight/fileinsight.h"

#include <QWidget>

class QComboBox;
class QLabel;

namespace Insight {
class ModelInsight;
}

namespace Ui {

// "What is in the file" under a model's details: the facts its header gives (read from the
// hub with Range requests the first time, from the catalog's cache afterwards) and, for a
// GGUF, every variant weighed against this machine's memory at a chosen context length, with
// the one recommended here.
class InsightPanel : public QWidget
{
    Q_OBJECT
public:
    explicit InsightPanel(QWidget *parent = nullptr);

    void setSource(Insight::ModelInsight *insight);
    // The model shown; `variant` empty: the recommended one.
    void showModel(const Catalog::ModelRecord &record, const QString &variant);
    void clear();

    QLabel *factsLabel() const { return m_facts; }
    QLabel *fitLabel() const { return m_fit; }
    QComboBox *contextPicker() const { return m_context; }
    QString shownVariant() const { return m_variant; }
    bool isReading() const { return m_reading; }

Q_SIGNALS:
    void insightShown();  // facts (or the reason there are none) are on screen

private:
    void onReady(const QString &modelKey, const QString &variant, const Insight::FileInsight &insight,
                 const QString &error);
    void showFit();

    Insight::ModelInsight *m_source = nullptr;
    Catalog::ModelRecord m_record;
    QString m_variant;
    Insight::FileInsight m_insight;
    bool m_reading = false;
    QLabel *m_title;
    QLabel *m_facts;
    QComboBox *m_context;
    QWidget *m_contextRow = nullptr;  // the label and the box, shown for a GGUF only
    QLabel *m_fit;
};

}  // namespace Ui
