#pragma once

#include "catalog/catalogtypes.h"
#include "catalog/previewimages.h"
#include "previewviewer.h"

#include <QPointer>
#include <QTextBrowser>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSplitter;
class QTreeView;
class QHBoxLayout;
class QScrollArea;

namespace Hub {
class HuggingFaceClient;
}

namespace Insight {
class ModelInsight;
}

namespace Ui {

class InsightPanel;

class CatalogModel;
class FileListModel;
class ImageCache;
class VariantList;

// The model card's browser. Cards come from the hubs: it never loads a resource (no remote
// images, no file: URLs, nothing relative) and never follows a link itself; QTextDocument runs
// no scripts. Links the user clicks go to DetailsPane, which opens web links outside.
class CardBrowser : public QTextBrowser
{
    Q_OBJECT
public:
    explicit CardBrowser(QWidget *parent = nullptr);
    QVariant loadResource(int type, const QUrl &name) override;
    // What the card asked for and did not get, for tests and diagnostics.
    const QList<QUrl> &refusedResources() const { return m_refused; }

private:
    QList<QUrl> m_refused;
};

// The details pane on the right: the rendered card (description, license, tags), a gated notice
// with a link to the model page, the variants with a Download button each, a variant picker
// filtering the file list (sizes, SHA-256,
// local state, check boxes), LoRA trigger words with a Copy button and the Civitai preview
// images, loaded asynchronously through ImageCache.
class DetailsPane : public QWidget
{
    Q_OBJECT
public:
    explicit DetailsPane(QWidget *parent = nullptr);

    // catalog gives the file list its ticks and live states; images the previews. Either may be null.
    void setServices(CatalogModel *catalog, ImageCache *images);
    // Hugging Face cards (README.md) are read from the hub when a model is shown; without a
    // client the card is the catalog's description.
    void setCardSource(Hub::HuggingFaceClient *huggingFace) { m_huggingFace = huggingFace; }
    // Where the insight panel reads file headers (none: the panel stays hidden).
    void setInsightSource(Insight::ModelInsight *insight);
    InsightPanel *insightPanel() const { return m_insightPanel; }

    void showModel(const Catalog::ModelRecord &record);
    // The same model with new stored states: keeps the variant picked and the scroll position.
    void updateRecord(const Catalog::ModelRecord &record);
    void clear();
    QString modelKey() const { return m_record.key; }

    CardBrowser *browser() const { return m_browser; }
    QComboBox *variantPicker() const { return m_variants; }
    VariantList *variantList() const { return m_variantList; }
    QTreeView *fileView() const { return m_fileView; }
    FileListModel *files() const { return m_files; }
    QLabel *triggerWordsLabel() const { return m_triggerWords; }
    QPushButton *copyTriggerWordsButton() const { return m_copyWords; }
    QLabel *gatedNotice() const { return m_gated; }
    QSplitter *splitter() const { return m_splitter; }
    QStringList triggerWords() const;
    QList<QUrl> previewUrls() const;
    // Pictures rated for adults: shown, blurred or left out (the setting ui.nsfwImages), here
    // and in the galleries opened from now on.
    void setNsfwPolicy(Catalog::NsfwPolicy policy);
    Catalog::NsfwPolicy nsfwPolicy() const { return m_policy; }
    // The pictures of the picked version (the newest when "All variants" is picked) as the
    // policy lets them through.
    QList<Catalog::CardImage> galleryPictures() const;
    // Opens every picture of the picked version large once they are loaded.
    void openGallery();
    PreviewViewer *gallery() const { return m_gallery; }
    int previewsShown() const;  // previews whose image arrived

    // The card shows `markdown` (a README) when given, else the model's description.
    static QString cardHtml(const Catalog::ModelRecord &model, const QString &markdown = {});
    QString cardMarkdown() const { return m_card; }

public Q_SLOTS:
    // Opens http(s) links with the desktop; anything else is refused.
    void openLink(const QUrl &url);
    // Opens the preview at `index` of the shown ones large, with the others a click away.
    void enlargePreview(int index);

Q_SIGNALS:
    // A variant's own Download button: exactly that variant of the model shown.
    void downloadVariantRequested(const QString &modelKey, const QString &variant);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onVariantChosen();
    void updateExtras();
    void updatePreviews();
    void onImageReady(const QUrl &url, const QImage &image);
    void onImageFailed(const QUrl &url, const QString &reason);
    int thumbnailHeight() const;
    void loadCard();

    CatalogModel *m_catalog = nullptr;
    ImageCache *m_images = nullptr;
    Catalog::ModelRecord m_record;
    Hub::HuggingFaceClient *m_huggingFace = nullptr;
    QString m_card;                   // the shown model's README, once it arrived
    QHash<QString, QString> m_cards;  // READMEs read this session, by repo@commit
    QSplitter *m_splitter;
    CardBrowser *m_browser;
    QLabel *m_gated;
    QComboBox *m_variants;
    VariantList *m_variantList;
    QTreeView *m_fileView;
    InsightPanel *m_insightPanel;
    FileListModel *m_files;
    QWidget *m_wordsRow;
    QLabel *m_triggerWords;
    QPushButton *m_copyWords;
    QScrollArea *m_previewScroll;
    QWidget *m_previewStrip;
    QHBoxLayout *m_previewLayout;
    QList<QLabel *> m_previewLabels;
    QHash<QUrl, QImage> m_previewImages;  // shown ones, kept to rescale when the font changes
    Catalog::NsfwPolicy m_policy = Catalog::NsfwPolicy::Blur;
    QSet<QUrl> m_obscured;  // previews shown blurred
    QPointer<PreviewViewer> m_gallery;
};

}  // namespace Ui
