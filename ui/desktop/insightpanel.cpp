#include "insightpanel.h"

#include "catalog/variantinference.h"
#include "download/types.h"
#include "insight/fitestimate.h"
#include "insight/modelinsight.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QVBoxLayout>

namespace Ui {

namespace {
const quint64 kContexts[] = {2048, 4096, 8192, 16384, 32768, 65536, 131072};
}

InsightPanel::InsightPanel(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_facts(new QLabel(this))
    , m_context(new QComboBox(this))
    , m_fit(new QLabel(this))
{
    setObjectName(QStringLiteral("insightPanel"));
    m_title->setObjectName(QStringLiteral("insightTitle"));
    m_facts->setObjectName(QStringLiteral("insightFacts"));
    m_facts->setAccessibleName(tr("What the model file says"));
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_facts->setWordWrap(true);
    m_context->setObjectName(QStringLiteral("insightContext"));
    m_context->setAccessibleName(tr("Context length for the memory estimate"));
    m_fit->setObjectName(QStringLiteral("insightFit"));
    m_fit->setAccessibleName(tr("Will it fit on this machine"));
    m_fit->setWordWrap(true);
    m_fit->setTextFormat(Qt::RichText);
    m_facts->setTextFormat(Qt::RichText);

    // In a scroll area of its own: the panel never takes more than about a dozen lines from
    // the file list and the card above it, and nothing in it is ever cut off.
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("insightScroll"));
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *inner = new QWidget(scroll);
    m_contextRow = new QWidget(inner);
    auto *contextRow = new QHBoxLayout(m_contextRow);
    contextRow->setContentsMargins(0, 0, 0, 0);
    auto *contextLabel = new QLabel(tr("&Context:"), m_contextRow);
    contextLabel->setBuddy(m_context);
    m_context->setParent(m_contextRow);
    contextRow->addWidget(contextLabel);
    contextRow->addWidget(m_context);
    contextRow->addStretch(1);
    m_title->setParent(inner);
    m_facts->setParent(inner);
    m_fit->setParent(inner);
    auto *innerLayout = new QVBoxLayout(inner);
    innerLayout->setContentsMargins(0, 0, 0, 0);
    // "Will it run here?" first, then what the header says.
    innerLayout->addWidget(m_title);
    innerLayout->addWidget(m_contextRow);
    innerLayout->addWidget(m_fit);
    innerLayout->addWidget(m_facts);
    innerLayout->addStretch(1);
    scroll->setWidget(inner);
    scroll->setMaximumHeight(fontMetrics().lineSpacing() * 12);
    scroll->setMinimumHeight(fontMetrics().lineSpacing() * 4);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(scroll);
    connect(m_context, &QComboBox::currentIndexChanged, this, [this] { showFit(); });
    clear();
}

void InsightPanel::setSource(Insight::ModelInsight *insight)
{
    m_source = insight;
    if (insight)
        connect(insight, &Insight::ModelInsight::ready, this, &InsightPanel::onReady);
}

void InsightPanel::clear()
{
    m_record = {};
    m_variant.clear();
    m_insight = {};
    m_reading = false;
    hide();
}

void InsightPanel::showModel(const Catalog::ModelRecord &record, const QString &variant)
{
    if (!m_source)
        return;
    int index = -1;
    for (int i = 0; i < record.variants.size() && index < 0; ++i) {
        if (!variant.isEmpty() && record.variants.at(i).name == variant)
            index = i;
    }
    if (index < 0 && variant.isEmpty()) {
        index = Catalog::VariantInference::recommendedVariant(record.variants);
        for (int i = 0; i < record.variants.size() && index < 0; ++i) {
            if (!Insight::ModelInsight::headerFiles(record.variants.at(i)).isEmpty())
                index = i;
        }
    }
    if (index < 0 || Insight::ModelInsight::headerFiles(record.variants.at(index)).isEmpty()) {
        m_source->cancel();
        clear();
        return;
    }
    const QString name = record.variants.at(index).name;
    if (record.key == m_record.key && name == m_variant && (m_reading || m_insight.isValid())) {
        m_record = record;  // states moved; the header did not
        return;
    }
    m_record = record;
    m_variant = name;
    m_insight = {};
    m_reading = true;
    m_title->setText(tr("<b>Inside %1</b>").arg(name.toHtmlEscaped()));
    m_facts->setText(tr("Reading the file header…"));
    m_fit->clear();
    m_contextRow->hide();
    show();
    m_source->request(record.key, record.variants.at(index));
}

void InsightPanel::onReady(const QString &modelKey, const QString &variant, const Insight::FileInsight &insight,
                           const QString &error)
{
    if (modelKey != m_record.key || variant != m_variant)
        return;
    m_reading = false;
    m_insight = insight;
    if (!insight.isValid()) {
        m_facts->setText(tr("The header could not be read: %1").arg(error.toHtmlEscaped()));
        m_fit->clear();
        m_contextRow->hide();
        Q_EMIT insightShown();
        return;
    }
    // Two facts to a row: the panel stays short.
    const QList<QPair<QString, QString>> facts = insight.facts();
    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"1\">");
    for (int i = 0; i < facts.size(); ++i) {
        if (i % 2 == 0)
            html += QStringLiteral("<tr>");
        html += QStringLiteral("<td><i>%1</i>&nbsp;&nbsp;</td><td>%2&nbsp;&nbsp;&nbsp;&nbsp;</td>")
                    .arg(facts.at(i).first.toHtmlEscaped(), facts.at(i).second.toHtmlEscaped());
        if (i % 2 == 1 || i + 1 == facts.size())
            html += QStringLiteral("</tr>");
    }
    html += QStringLiteral("</table>");
    m_facts->setText(html);
    const bool gguf = insight.format == Insight::FileInsight::Format::Gguf && insight.blockCount > 0;
    if (gguf) {
        const QSignalBlocker blocker(m_context);
        m_context->clear();
        const quint64 own = insight.contextLength > 0 ? insight.contextLength : Insight::FitEstimate::kDefaultContext;
        const quint64 fallback = qMin(own, Insight::FitEstimate::kDefaultContext);
        for (const quint64 tokens : kContexts) {
            if (tokens > own)
                break;
            m_context->addItem(tr("%1 tokens").arg(QLocale().toString(tokens)), QVariant::fromValue(tokens));
            if (tokens == fallback)
                m_context->setCurrentIndex(m_context->count() - 1);
        }
        if (m_context->findData(QVariant::fromValue(fallback)) < 0) {
            m_context->addItem(tr("%1 tokens").arg(QLocale().toString(fallback)), QVariant::fromValue(fallback));
            m_context->setCurrentIndex(m_context->count() - 1);
        }
    }
    m_contextRow->setVisible(gguf);
    showFit();
    Q_EMIT insightShown();
}

void InsightPanel::showFit()
{
    if (!m_insight.isValid() || m_insight.format != Insight::FileInsight::Format::Gguf || m_insight.blockCount == 0) {
        m_fit->clear();
        m_fit->setVisible(false);
        return;
    }
    const quint64 context = m_context->currentData().toULongLong();
    const Insight::MachineMemory &machine = Insight::MachineMemory::current();
    const QList<Insight::FitEstimate> fits = m_source->fits(m_record, m_variant, m_insight, machine, context);
    const int recommended = Insight::ModelInsight::recommended(m_record, fits, machine);
    QString html = tr("This machine: %1").arg(machine.describe().toHtmlEscaped()) + QStringLiteral("<br>");
    for (int i = 0; i < m_record.variants.size(); ++i) {
        const Insight::FitEstimate &fit = fits.at(i);
        if (Insight::ModelInsight::headerFiles(m_record.variants.at(i)).isEmpty())
            continue;
        if (fit.verdict == Insight::FitEstimate::Verdict::Unknown) {
            html +=
                tr("%1: another model; pick it to read its header").arg(m_record.variants.at(i).name.toHtmlEscaped()) +
                QStringLiteral("<br>");
            continue;
        }
        const QString color = fit.verdict == Insight::FitEstimate::Verdict::FitsGpu  ? QStringLiteral("#2e7d32")
                              : fit.verdict == Insight::FitEstimate::Verdict::TooBig ? QStringLiteral("#c62828")
                                                                                     : QStringLiteral("#8d6e00");
        html += QStringLiteral("%1: <b style=\"color:%2\">%3</b>")
                    .arg(m_record.variants.at(i).name.toHtmlEscaped(), color, fit.badge().toHtmlEscaped());
        html += QStringLiteral(" <span title=\"%1\">(%2)</span>")
                    .arg(fit.describe().toHtmlEscaped(), tr("needs %1").arg(Download::formatBytes(fit.needed)));
        if (i == recommended)
            html += QStringLiteral(" \u2014 <b>") + tr("recommended here") + QStringLiteral("</b>");
        html += QStringLiteral("<br>");
    }
    m_fit->setText(html);
    m_fit->setVisible(true);
}

}  // namespace Ui
