#include "identifydialog.h"

#include "catalog/catalogstore.h"
#include "downloadrequester.h"
#include "identify/modelidentifier.h"
#include "identify/sidecarwriter.h"
#include "identifymodel.h"
#include "library/libraryindex.h"
#include "util/futurewatch.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSet>
#include <QTableView>
#include <QVBoxLayout>

namespace Ui {

namespace {

// Core sentences may start with their subject in lower case ("a lookup of 4 file hashes: …");
// a label starts a sentence.
QString sentence(QString text)
{
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    return text;
}

}  // namespace

IdentifyDialog::IdentifyDialog(const Services &services, QWidget *parent)
    : QDialog(parent)
    , m_services(services)
{
    setWindowTitle(tr("Find my models"));
    setObjectName(QStringLiteral("identifyDialog"));
    auto *layout = new QVBoxLayout(this);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("identifyStatus"));
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Find my models status"));
    layout->addWidget(m_status);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("identifyProgress"));
    m_progress->setAccessibleName(tr("Find my models progress"));
    layout->addWidget(m_progress);

    m_model = new IdentifyModel(this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("identifyView"));
    m_view->setAccessibleName(tr("Files found on disk"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(IdentifyModel::FileColumn, QHeaderView::Interactive);
    m_view->setColumnWidth(IdentifyModel::FileColumn, 280);
    m_view->setColumnWidth(IdentifyModel::HubColumn, 100);
    m_view->setColumnWidth(IdentifyModel::ModelColumn, 220);
    m_view->setColumnWidth(IdentifyModel::VersionColumn, 160);
    layout->addWidget(m_view, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_writeSidecars = buttons->addButton(tr("&Write previews and sidecars"), QDialogButtonBox::ActionRole);
    m_writeSidecars->setObjectName(QStringLiteral("writeSidecarsButton"));
    m_writeSidecars->setAccessibleName(tr("Write previews and sidecars"));
    m_writeSidecars->setToolTip(tr("Write <name>.civitai.info and <name>.preview.png beside each file found on "
                                   "Civitai; files already there are kept"));
    m_updateAll = buttons->addButton(tr("&Update all"), QDialogButtonBox::ActionRole);
    m_updateAll->setObjectName(QStringLiteral("updateAllButton"));
    m_updateAll->setAccessibleName(tr("Update all"));
    m_updateAll->setToolTip(tr("Download the newer version of every model found, as one download"));
    buttons->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_writeSidecars, &QPushButton::clicked, this, &IdentifyDialog::writeSidecars);
    connect(m_updateAll, &QPushButton::clicked, this, &IdentifyDialog::updateAll);
    layout->addWidget(buttons);
    m_writeSidecars->setEnabled(false);
    m_updateAll->setEnabled(false);
    resize(980, 520);
}

IdentifyDialog::~IdentifyDialog() = default;

void IdentifyDialog::setBusy(bool busy)
{
    m_busy = busy;
    if (busy) {
        m_writeSidecars->setEnabled(false);
        m_updateAll->setEnabled(false);
    }
}

void IdentifyDialog::start()
{
    if (m_busy || !m_services.index || !m_services.civitai || !m_services.identities)
        return;
    setBusy(true);
    m_status->setText(tr("Reading and hashing the files in your model folders…"));
    m_progress->setRange(0, 0);  // busy: hashing says nothing of how far it is
    // Every file is hashed, on the index's worker after the scan the window may be running;
    // the window's index keeps hashing only what it needs.
    Util::whenFinished(this, m_services.index->scanOnWorker(Library::LibraryIndex::Hashing::All),
                       [this](const Library::ScanStats &stats) { onScanned(stats); });
}

void IdentifyDialog::onScanned(const Library::ScanStats &stats)
{
    m_scanProblems = stats.problems;
    const QList<Library::IndexedFile> files = m_services.index->hashedFiles();
    m_status->setText(tr("Asking which models these %n file(s) are…", nullptr, int(files.size())));
    m_identifier =
        std::make_unique<Identify::ModelIdentifier>(m_services.civitai, m_services.identities, m_services.catalog);
    connect(m_identifier.get(), &Identify::ModelIdentifier::progress, this, [this](int done, int total) {
        m_progress->setRange(0, qMax(total, 1));
        m_progress->setValue(total > 0 ? done : 1);
    });
    connect(m_identifier.get(), &Identify::ModelIdentifier::retrying, m_status,
            [this](const QString &text) { m_status->setText(sentence(text)); });
    connect(m_identifier.get(), &Identify::ModelIdentifier::finished, this, &IdentifyDialog::onIdentified);
    m_identifier->identify(files);
}

void IdentifyDialog::onIdentified(const Identify::IdentifyReport &report)
{
    QList<Identify::FileIdentity> found;
    for (const Identify::FileIdentity &file : report.files) {
        if (file.identified())
            found << file;
    }
    m_model->setFiles(found);
    QString summary = sentence(report.summary()) + QLatin1Char('.');
    if (report.error.isError())
        summary += QLatin1Char('\n') + sentence(report.error.message);
    for (const QString &problem : std::as_const(m_scanProblems))
        summary += QLatin1Char('\n') + problem;
    m_status->setText(summary);
    m_progress->setRange(0, 1);
    m_progress->setValue(1);
    setBusy(false);
    bool civitai = false;
    for (const Identify::FileIdentity &file : std::as_const(found))
        civitai = civitai || file.hub == Identify::FileIdentity::Hub::Civitai;
    m_writeSidecars->setEnabled(civitai && m_services.session);
    m_updateAll->setEnabled(report.newerCount() > 0 && m_services.requester);
    Q_EMIT identified(report);
}

void IdentifyDialog::writeSidecars()
{
    if (m_busy)
        return;
    setBusy(true);
    m_status->setText(tr("Writing previews and sidecars…"));
    m_sidecars = std::make_unique<Identify::SidecarWriter>(m_services.session);
    connect(m_sidecars.get(), &Identify::SidecarWriter::finished, this,
            [this](const QStringList &written, const QStringList &problems) {
                QString text = tr("Wrote %n file(s) beside your models.", nullptr, int(written.size()));
                if (!problems.isEmpty())
                    text += QLatin1Char('\n') + problems.join(QLatin1Char('\n'));
                m_status->setText(text);
                setBusy(false);
                m_writeSidecars->setEnabled(true);
                bool newer = false;
                for (const Identify::FileIdentity &file : m_model->files())
                    newer = newer || file.hasNewer();
                m_updateAll->setEnabled(newer && m_services.requester);
                Q_EMIT sidecarsWritten(written, problems);
            });
    m_sidecars->write(m_model->files());
}

DownloadRequester::Pick IdentifyDialog::pickOf(const Identify::FileIdentity &file) const
{
    // The catalog's version row when it lists the model, so the summary names it and the
    // tree shows its state; else the version as the CLI names it.
    if (m_services.catalog) {
        if (const std::optional<Catalog::ModelRecord> model = m_services.catalog->model(file.modelKey)) {
            for (const Catalog::VariantRecord &variant : model->variants) {
                if (variant.revision == QString::number(file.newerVersionId))
                    return DownloadRequester::Pick{file.modelKey, variant.name, {}, false};
            }
        }
    }
    return DownloadRequester::Pick{
        QStringLiteral("civitai:%1@%2").arg(file.modelId).arg(file.newerVersionId), {}, {}, false};
}

void IdentifyDialog::updateAll()
{
    if (m_busy || !m_services.requester)
        return;
    QList<DownloadRequester::Pick> picks;
    QSet<qint64> versions;
    for (const Identify::FileIdentity &file : m_model->files()) {
        if (!file.hasNewer() || versions.contains(file.newerVersionId))
            continue;
        versions.insert(file.newerVersionId);
        picks << pickOf(file);
    }
    m_services.requester->request(picks, this);
}

}  // namespace Ui
