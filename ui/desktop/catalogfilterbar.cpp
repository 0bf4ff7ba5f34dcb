#include "catalogfilterbar.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>

namespace Ui {

namespace {
QComboBox *makeBox(QWidget *parent, const QString &objectName, const QString &accessibleName)
{
    auto *box = new QComboBox(parent);
    box->setObjectName(objectName);
    box->setAccessibleName(accessibleName);
    box->setToolTip(accessibleName);
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    return box;
}
}  // namespace

CatalogFilterBar::CatalogFilterBar(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("catalogFilters"));
    setAccessibleName(tr("Catalog filters"));
    m_hub = makeBox(this, QStringLiteral("hubFilter"), tr("Hub"));
    m_hub->addItem(tr("All hubs"), QString());
    m_hub->addItem(tr("Hugging Face"), QStringLiteral("hf"));
    m_hub->addItem(tr("Civitai"), QStringLiteral("civitai"));

    m_type = makeBox(this, QStringLiteral("typeFilter"), tr("Model type"));
    m_type->addItem(tr("All types"), QString());
    m_type->addItem(tr("GGUF"), QString::fromLatin1(Catalog::ModelType::Gguf));
    m_type->addItem(tr("Checkpoint"), QString::fromLatin1(Catalog::ModelType::Checkpoint));
    m_type->addItem(tr("LoRA"), QString::fromLatin1(Catalog::ModelType::Lora));

    m_base = makeBox(this, QStringLiteral("baseModelFilter"), tr("Base model"));
    m_base->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_base->setMinimumContentsLength(16);
    m_base->addItem(tr("Any base model"), QString());

    m_downloaded = makeBox(this, QStringLiteral("downloadedFilter"), tr("Downloaded"));
    m_downloaded->addItem(tr("Downloaded or not"), int(Catalog::CatalogStore::Downloaded::Any));
    m_downloaded->addItem(tr("Downloaded only"), int(Catalog::CatalogStore::Downloaded::Only));
    m_downloaded->addItem(tr("Not downloaded"), int(Catalog::CatalogStore::Downloaded::Not));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    const auto addLabelled = [this, layout](const QString &text, QComboBox *box) {
        auto *label = new QLabel(text, this);
        label->setBuddy(box);
        layout->addWidget(label);
        layout->addWidget(box);
    };
    addLabelled(tr("&Hub:"), m_hub);
    addLabelled(tr("T&ype:"), m_type);
    addLabelled(tr("&Base:"), m_base);
    layout->addWidget(m_downloaded);
    layout->addStretch(1);

    for (QComboBox *box : {m_hub, m_type, m_base, m_downloaded}) {
        connect(box, &QComboBox::currentIndexChanged, this, [this] {
            if (!m_filling)
                Q_EMIT changed();
        });
    }
    connect(m_hub, &QComboBox::currentIndexChanged, this, &CatalogFilterBar::hubChanged);
}

QString CatalogFilterBar::hub() const
{
    return m_hub->currentData().toString();
}

void CatalogFilterBar::applyTo(Catalog::CatalogStore::Query *query) const
{
    query->hub = hub();
    query->type = m_type->currentData().toString();
    query->baseModel = m_base->currentData().toString();
    query->downloaded = Catalog::CatalogStore::Downloaded(m_downloaded->currentData().toInt());
}

void CatalogFilterBar::setBaseModels(const QList<QPair<QString, int>> &bases)
{
    const QString current = m_base->currentData().toString();
    m_filling = true;
    m_base->clear();
    m_base->addItem(tr("Any base model"), QString());
    const QLocale locale;
    int keep = 0;
    for (const auto &[name, count] : bases) {
        m_base->addItem(tr("%1 (%2)").arg(name, locale.toString(count)), name);
        if (name == current)
            keep = m_base->count() - 1;
    }
    if (!current.isEmpty() && keep == 0) {
        // Still chosen, though nothing in this hub is built on it now: keep it visible.
        m_base->addItem(current, current);
        keep = m_base->count() - 1;
    }
    m_base->setCurrentIndex(keep);
    m_filling = false;
}

void CatalogFilterBar::reset()
{
    m_filling = true;
    for (QComboBox *box : {m_hub, m_type, m_base, m_downloaded})
        box->setCurrentIndex(0);
    m_filling = false;
    Q_EMIT changed();
}

}  // namespace Ui
