#include "detailspane.h"

#include "catalogmodel.h"
#include "filelistmodel.h"
#include "hub/huggingfaceclient.h"
#include "imagecache.h"
#include "insightpanel.h"
#include "previewviewer.h"
#include "progressdelegate.h"
#include "uilogging.h"
#include "variantlist.h"
#include "versiongallery.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTextDocument>
#include <QTreeView>
#include <QVBoxLayout>

namespace Ui {

namespace {
constexpr int kMaxPreviews = 8;

bool isWebLink(const QUrl &url)
{
    return url.isValid() && (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http"));
}
}  // namespace

CardBrowser::CardBrowser(QWidget *parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    setOpenExternalLinks(false);
}

QVariant CardBrowser::loadResource(int type, const QUrl &name)
{
    Q_UNUSED(type);
    // Nothing from a card is ever fetched: no tracking pixels, no local files.
    m_refused.append(name);
    return {};
}

DetailsPane::DetailsPane(QWidget *parent)
    : QWidget(parent)
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_browser(new CardBrowser(m_splitter))
    , m_gated(new QLabel(this))
    , m_variants(new QComboBox(this))
    , m_variantList(new VariantList(this))
    , m_fileView(new QTreeView(this))
    , m_insightPanel(new InsightPanel(this))
    , m_files(new FileListModel(nullptr, this))
    , m_wordsRow(new QWidget(this))
    , m_triggerWords(new QLabel(m_wordsRow))
    , m_copyWords(new QPushButton(tr("&Copy"), m_wordsRow))
    , m_previewScroll(new QScrollArea(this))
    , m_previewStrip(new QWidget(this))
    , m_previewLayout(new QHBoxLayout(m_previewStrip))
{
    setObjectName(QStringLiteral("detailsPane"));
    m_splitter->setObjectName(QStringLiteral("detailsSplitter"));
    m_browser->setObjectName(QStringLiteral("detailsView"));
    m_browser->setAccessibleName(tr("Model card"));
    m_browser->setPlaceholderText(tr("Select a model to see its card, variants and files."));
    connect(m_browser, &QTextBrowser::anchorClicked, this, &DetailsPane::openLink);

    m_gated->setObjectName(QStringLiteral("gatedNotice"));
    m_gated->setAccessibleName(tr("Gated model notice"));
    m_gated->setWordWrap(true);
    m_gated->setTextFormat(Qt::RichText);
    m_gated->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_gated->setOpenExternalLinks(false);
    m_gated->hide();
    connect(m_gated, &QLabel::linkActivated, this, [this](const QString &link) { openLink(QUrl(link)); });

    auto *variantLabel = new QLabel(tr("&Variant:"), this);
    variantLabel->setBuddy(m_variants);
    m_variants->setObjectName(QStringLiteral("variantPicker"));
    m_variants->setAccessibleName(tr("Variant or quantization"));
    m_variants->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_variants, &QComboBox::currentIndexChanged, this, &DetailsPane::onVariantChosen);

    connect(m_variantList, &VariantList::downloadRequested, this, &DetailsPane::downloadVariantRequested);

    m_fileView->setObjectName(QStringLiteral("detailsFiles"));
    m_fileView->setAccessibleName(tr("Files of the model"));
    m_fileView->setRootIsDecorated(false);
    m_fileView->setUniformRowHeights(true);
    m_fileView->setModel(m_files);
    m_fileView->setItemDelegateForColumn(FileListModel::StateColumn, new ProgressDelegate(m_fileView));
    m_fileView->header()->setSectionResizeMode(FileListModel::NameColumn, QHeaderView::Stretch);
    m_fileView->header()->setStretchLastSection(false);
    m_fileView->setTextElideMode(Qt::ElideMiddle);

    m_triggerWords->setObjectName(QStringLiteral("triggerWords"));
    m_triggerWords->setAccessibleName(tr("Trigger words"));
    m_triggerWords->setWordWrap(true);
    m_triggerWords->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_copyWords->setObjectName(QStringLiteral("copyTriggerWords"));
    m_copyWords->setAccessibleName(tr("Copy the trigger words"));
    m_copyWords->setToolTip(tr("Copy the trigger words to the clipboard"));
    connect(m_copyWords, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(triggerWords().join(QStringLiteral(", "))); });
    auto *wordsLayout = new QHBoxLayout(m_wordsRow);
    wordsLayout->setContentsMargins(0, 0, 0, 0);
    auto *wordsTitle = new QLabel(tr("Trigger words:"), m_wordsRow);
    wordsLayout->addWidget(wordsTitle);
    wordsLayout->addWidget(m_triggerWords, 1);
    wordsLayout->addWidget(m_copyWords);
    m_wordsRow->hide();

    m_previewStrip->setObjectName(QStringLiteral("previewImages"));
    m_previewStrip->setAccessibleName(tr("Preview images"));
    m_previewLayout->setContentsMargins(0, 0, 0, 0);
    m_previewLayout->addStretch(1);
    m_previewScroll->setWidget(m_previewStrip);
    m_previewScroll->setWidgetResizable(true);
    m_previewScroll->setFrameShape(QFrame::NoFrame);
    m_previewScroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_previewScroll->setFixedHeight(thumbnailHeight() + m_previewScroll->horizontalScrollBar()->sizeHint().height() +
                                    4);
    m_previewScroll->hide();

    auto *lower = new QWidget(m_splitter);
    auto *lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    auto *pickerRow = new QHBoxLayout;
    pickerRow->addWidget(variantLabel);
    pickerRow->addWidget(m_variants, 1);
    lowerLayout->addWidget(m_gated);
    lowerLayout->addWidget(m_variantList, 1);
    lowerLayout->addLayout(pickerRow);
    lowerLayout->addWidget(m_fileView, 1);
    lowerLayout->addWidget(m_insightPanel, 2);
    lowerLayout->addWidget(m_wordsRow);
    lowerLayout->addWidget(m_previewScroll);
    m_splitter->addWidget(m_browser);
    m_splitter->addWidget(lower);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);
    clear();
}

void DetailsPane::setInsightSource(Insight::ModelInsight *insight)
{
    m_insightPanel->setSource(insight);
}

void DetailsPane::setServices(CatalogModel *catalog, ImageCache *images)
{
    m_catalog = catalog;
    m_images = images;
    auto *files = new FileListModel(catalog, this);
    m_fileView->setModel(files);
    delete m_files;
    m_files = files;
    if (images) {
        connect(images, &ImageCache::ready, this, &DetailsPane::onImageReady);
        connect(images, &ImageCache::failed, this, &DetailsPane::onImageFailed);
    }
}

void DetailsPane::clear()
{
    m_record = {};
    m_browser->clear();
    m_gated->hide();
    const QSignalBlocker blocker(m_variants);
    m_variants->clear();
    m_variants->setEnabled(false);
    m_variantList->clearRecord();
    m_files->clear();
    m_insightPanel->clear();
    updateExtras();
}

void DetailsPane::showModel(const Catalog::ModelRecord &record)
{
    m_record = record;
    m_card.clear();
    m_browser->setHtml(cardHtml(record));
    loadCard();
    const bool gated = !record.gated.isEmpty() && record.gated != QLatin1String("false");
    if (gated) {
        QString text = tr("This model is gated: accept its conditions on the hub and set a token in Settings "
                          "before downloading.");
        if (isWebLink(record.webUrl))
            text += QStringLiteral(" <a href=\"%1\">%2</a>")
                        .arg(record.webUrl.toString(QUrl::FullyEncoded).toHtmlEscaped(), tr("Open the model page"));
        m_gated->setText(text);
    }
    m_gated->setVisible(gated);
    {
        const QSignalBlocker blocker(m_variants);
        m_variants->clear();
        m_variants->addItem(tr("All variants (%n)", nullptr, int(record.variants.size())), QString());
        for (const Catalog::VariantRecord &variant : record.variants)
            m_variants->addItem(variant.name, variant.name);
        m_variants->setEnabled(record.variants.size() > 1);
    }
    m_variantList->setRecord(record);
    m_files->setRecord(record);
    m_insightPanel->showModel(record, {});
    updateExtras();
}

void DetailsPane::loadCard()
{
    if (!m_huggingFace || m_record.hub != QLatin1String("hf"))
        return;
    const QString repo = m_record.hubId.isEmpty() ? m_record.key : m_record.hubId;
    const QString revision = m_record.headCommit.isEmpty() ? QStringLiteral("main") : m_record.headCommit;
    const QString cacheKey = repo + u'@' + revision;
    const auto cached = m_cards.constFind(cacheKey);
    if (cached != m_cards.cend()) {
        m_card = *cached;
        if (!m_card.isEmpty())
            m_browser->setHtml(cardHtml(m_record, m_card));
        return;
    }
    const QString key = m_record.key;
    m_huggingFace->modelCard(repo, revision, this, [this, key, cacheKey](const Hub::Result<QString> &card) {
        if (!card.ok())
            return;  // offline or refused: the description stays
        if (m_cards.size() >= 64)
            m_cards.clear();  // a session's worth of cards, not a cache that grows forever
        m_cards.insert(cacheKey, card.value);
        if (m_record.key != key || card.value.isEmpty())
            return;
        m_card = card.value;
        m_browser->setHtml(cardHtml(m_record, m_card));
    });
}

void DetailsPane::updateRecord(const Catalog::ModelRecord &record)
{
    if (record.key != m_record.key) {
        showModel(record);
        return;
    }
    m_record = record;
    m_variantList->updateStates(record);
    m_files->updateStates(record);
    m_insightPanel->showModel(record, m_variants->currentData().toString());
}

void DetailsPane::onVariantChosen()
{
    m_files->setVariantFilter(m_variants->currentData().toString());
    m_insightPanel->showModel(m_record, m_variants->currentData().toString());
    updateExtras();
}

QStringList DetailsPane::triggerWords() const
{
    const QString picked = m_variants->currentData().toString();
    QStringList words;
    for (const Catalog::VariantRecord &variant : m_record.variants) {
        if (!picked.isEmpty() && variant.name != picked)
            continue;
        for (const QJsonValue &word : variant.extra.value(QLatin1String("trainedWords")).toArray()) {
            const QString text = word.toString().trimmed();
            if (!text.isEmpty() && !words.contains(text))
                words << text;
        }
    }
    return words;
}

QList<QUrl> DetailsPane::previewUrls() const
{
    // One picture per version (its first the policy lets through), as many as fit the strip.
    const QString picked = m_variants->currentData().toString();
    QList<QUrl> urls;
    for (const Catalog::VariantRecord &variant : m_record.variants) {
        if (!picked.isEmpty() && variant.name != picked)
            continue;
        const QUrl url = Catalog::cardImage(Catalog::previewImages(variant, m_record.nsfw), m_policy).url;
        if (isWebLink(url) && !urls.contains(url))
            urls << url;
        if (urls.size() >= kMaxPreviews)
            break;
    }
    return urls;
}

void DetailsPane::setNsfwPolicy(Catalog::NsfwPolicy policy)
{
    if (policy == m_policy)
        return;
    m_policy = policy;
    updatePreviews();
}

QList<Catalog::CardImage> DetailsPane::galleryPictures() const
{
    const QString picked = m_variants->currentData().toString();
    for (const Catalog::VariantRecord &variant : m_record.variants) {
        if (picked.isEmpty() || variant.name == picked)
            return Catalog::galleryImages(Catalog::previewImages(variant, m_record.nsfw), m_policy);
    }
    return {};
}

void DetailsPane::openGallery()
{
    const QList<Catalog::CardImage> pictures = galleryPictures();
    if (!m_images || pictures.isEmpty())
        return;
    auto *gallery = new VersionGallery(m_images, pictures, this);
    connect(gallery, &VersionGallery::opened, this, [this](PreviewViewer *viewer) { m_gallery = viewer; });
    gallery->start();
}

int DetailsPane::previewsShown() const
{
    int shown = 0;
    for (const QLabel *label : m_previewLabels)
        shown += label->pixmap().isNull() ? 0 : 1;
    return shown;
}

void DetailsPane::updateExtras()
{
    const QStringList words = triggerWords();
    m_triggerWords->setText(words.join(QStringLiteral(", ")));
    m_wordsRow->setVisible(!words.isEmpty());
    updatePreviews();
}

int DetailsPane::thumbnailHeight() const
{
    return fontMetrics().height() * 8;
}

void DetailsPane::updatePreviews()
{
    qDeleteAll(m_previewLabels);
    m_previewLabels.clear();
    m_previewImages.clear();
    m_obscured.clear();
    for (const Catalog::VariantRecord &variant : std::as_const(m_record.variants)) {
        const Catalog::CardImage shown = Catalog::cardImage(Catalog::previewImages(variant, m_record.nsfw), m_policy);
        if (shown.obscured)
            m_obscured.insert(shown.url);
    }
    const QList<QUrl> urls = m_images ? previewUrls() : QList<QUrl>();
    m_previewScroll->setVisible(!urls.isEmpty());
    for (const QUrl &url : urls) {
        auto *label = new QLabel(tr("Loading preview…"), m_previewStrip);
        label->setObjectName(QStringLiteral("preview"));
        label->setAccessibleName(tr("Preview image"));
        label->setAlignment(Qt::AlignCenter);
        label->setMinimumSize(thumbnailHeight() * 3 / 4, thumbnailHeight());
        label->setProperty("url", url);
        label->installEventFilter(this);  // a click opens it large
        m_previewLayout->insertWidget(m_previewLayout->count() - 1, label);
        m_previewLabels << label;
        const QImage image = m_images->cached(url);
        if (!image.isNull())
            onImageReady(url, image);
        else
            m_images->request(url);
    }
}

void DetailsPane::onImageReady(const QUrl &url, const QImage &image)
{
    for (QLabel *label : std::as_const(m_previewLabels)) {
        if (label->property("url").toUrl() != url)
            continue;
        m_previewImages.insert(url, image);  // as it came: blurred again for each use
        const QImage shown = m_obscured.contains(url) ? ImageCache::obscure(image) : image;
        // Scaled for the screen's pixel ratio so a high-DPI screen shows every pixel.
        const qreal ratio = label->devicePixelRatioF();
        QPixmap pixmap =
            QPixmap::fromImage(shown.scaledToHeight(int(thumbnailHeight() * ratio), Qt::SmoothTransformation));
        pixmap.setDevicePixelRatio(ratio);
        label->setText(QString());
        label->setPixmap(pixmap);
        label->setToolTip(tr("Click to enlarge") + QLatin1Char('\n') + url.toString());
        label->setCursor(Qt::PointingHandCursor);
    }
}

void DetailsPane::onImageFailed(const QUrl &url, const QString &reason)
{
    for (QLabel *label : std::as_const(m_previewLabels)) {
        if (label->property("url").toUrl() == url) {
            label->setText(tr("Preview unavailable"));
            label->setToolTip(reason);
        }
    }
}

bool DetailsPane::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::MouseButtonRelease) {
        const int at = int(m_previewLabels.indexOf(qobject_cast<QLabel *>(watched)));
        if (at >= 0 && static_cast<QMouseEvent *>(event)->button() == Qt::LeftButton) {
            enlargePreview(at);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void DetailsPane::enlargePreview(int index)
{
    // The gallery: the previews that arrived, in their order; the clicked one first shown.
    QList<QImage> images;
    int current = 0;
    for (int i = 0; i < m_previewLabels.size(); ++i) {
        const QUrl url = m_previewLabels.at(i)->property("url").toUrl();
        const QImage image = m_previewImages.value(url);
        if (image.isNull())
            continue;
        if (i == index)
            current = int(images.size());
        images << (m_obscured.contains(url) ? ImageCache::obscure(image) : image);
    }
    if (images.isEmpty())
        return;
    auto *viewer = new PreviewViewer(images, current, this);
    viewer->setAttribute(Qt::WA_DeleteOnClose);
    viewer->open();
}

void DetailsPane::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        const QHash<QUrl, QImage> images = m_previewImages;
        for (auto it = images.cbegin(); it != images.cend(); ++it)
            onImageReady(it.key(), it.value());
    }
}

void DetailsPane::openLink(const QUrl &url)
{
    if (!isWebLink(url)) {
        qCInfo(lcUi) << "refused to open a link that is not a web address:" << url.scheme();
        return;
    }
    QDesktopServices::openUrl(url);
}

QString DetailsPane::cardHtml(const Catalog::ModelRecord &m, const QString &markdown)
{
    const QLocale locale;
    QString html = QStringLiteral("<h2>%1</h2>").arg((m.name.isEmpty() ? m.key : m.name).toHtmlEscaped());
    html += QStringLiteral("<p>%1</p>")
                .arg(tr("by %1 · %2 downloads · %3 likes")
                         .arg(m.author.toHtmlEscaped(), locale.toString(m.downloads), locale.toString(m.likes))
                         .toHtmlEscaped());
    if (isWebLink(m.webUrl))
        html += QStringLiteral("<p><a href=\"%1\">%2</a></p>")
                    .arg(m.webUrl.toString(QUrl::FullyEncoded).toHtmlEscaped(), tr("Model page on the hub"));
    const QString license = m.extra.value(QLatin1String("license")).toString();
    if (!license.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(tr("License: %1").arg(license).toHtmlEscaped());
    if (!m.tags.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(tr("Tags: %1").arg(m.tags.join(QStringLiteral(", "))).toHtmlEscaped());
    // The description is Markdown (Hugging Face) or text (Civitai, tags already stripped). Raw
    // HTML inside Markdown is shown as text, so a card cannot smuggle markup in.
    QTextDocument card;
    card.setMarkdown(
        markdown.isEmpty() ? m.description : markdown,
        QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub | QTextDocument::MarkdownNoHTML));
    QString body = card.toHtml();
    const int start = body.indexOf(QStringLiteral("<body"));
    if (start >= 0)
        body = body.mid(body.indexOf(QLatin1Char('>'), start) + 1).remove(QStringLiteral("</body></html>"));
    return html + QStringLiteral("<hr/>") + body;
}

}  // namespace Ui
