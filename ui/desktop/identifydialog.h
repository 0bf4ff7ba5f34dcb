#pragma once

#include "downloadrequester.h"
#include "identify/fileidentity.h"

#include <QDialog>

#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace Catalog {
class CatalogStore;
}
namespace Hub {
class CivitaiClient;
}
namespace Identify {
class IdentityStore;
class ModelIdentifier;
class SidecarWriter;
}  // namespace Identify
namespace Library {
class LibraryIndex;
struct ScanStats;
}  // namespace Library
namespace Net {
class Session;
}

namespace Ui {

class IdentifyModel;

// Find my models: hashes every file of the folders the library index reads (on a worker),
// asks what they are (Identify::ModelIdentifier: the catalog, then Civitai in bulk), lists
// each file with its model, version and newer version, and offers to write previews and
// sidecars beside the Civitai files and to download every newer version as one group through
// the window's DownloadRequester (its summary first, then the Downloads dashboard).
class IdentifyDialog : public QDialog
{
    Q_OBJECT
public:
    struct Services
    {
        Library::LibraryIndex *index = nullptr;
        Hub::CivitaiClient *civitai = nullptr;
        Identify::IdentityStore *identities = nullptr;
        const Catalog::CatalogStore *catalog = nullptr;  // may be null
        const Net::Session *session = nullptr;
        DownloadRequester *requester = nullptr;  // may be null: no Update all
    };
    IdentifyDialog(const Services &services, QWidget *parent = nullptr);
    ~IdentifyDialog() override;

    // Scans and identifies; the list fills when the answer is in.
    void start();
    bool isBusy() const { return m_busy; }

    QTableView *view() const { return m_view; }
    IdentifyModel *model() const { return m_model; }
    QPushButton *writeSidecarsButton() const { return m_writeSidecars; }
    QPushButton *updateAllButton() const { return m_updateAll; }
    QLabel *statusLabel() const { return m_status; }

Q_SIGNALS:
    void identified(const Identify::IdentifyReport &report);
    void sidecarsWritten(const QStringList &written, const QStringList &problems);

private:
    void onScanned(const Library::ScanStats &stats);
    void onIdentified(const Identify::IdentifyReport &report);
    void writeSidecars();
    void updateAll();
    DownloadRequester::Pick pickOf(const Identify::FileIdentity &file) const;
    void setBusy(bool busy);

    Services m_services;
    QLabel *m_status = nullptr;
    QProgressBar *m_progress = nullptr;
    QTableView *m_view = nullptr;
    IdentifyModel *m_model = nullptr;
    QPushButton *m_writeSidecars = nullptr;
    QPushButton *m_updateAll = nullptr;
    std::unique_ptr<Identify::ModelIdentifier> m_identifier;
    std::unique_ptr<Identify::SidecarWriter> m_sidecars;
    bool m_busy = false;
    QStringList m_scanProblems;  // files the scan could not read: said with the summary
};

}  // namespace Ui
