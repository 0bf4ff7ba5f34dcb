#pragma once

#include "catalogservices.h"
#include "clicommand.h"
#include "downloadservices.h"

#include <QObject>

#include <memory>

namespace Library {
class LibraryIndex;
struct ScanStats;
}  // namespace Library
namespace Identify {
class IdentityStore;
class ModelIdentifier;
class SidecarWriter;
struct IdentifyReport;
}  // namespace Identify

namespace Cli {

class DownloadCommand;

// `modeldock-cli library scan [DIR…] [--identify] [--write-sidecars] [--update-all]`: reads
// what is on disk into the library index — the Hugging Face cache, the library, the folders
// of LM Studio, Ollama and llama.cpp, the folders of library.reuseFolders and the ones named —
// hashing every file not hashed before (a rescan with nothing changed reads no file), and
// says what it found and how fast it hashed. With --identify it then says what each file is
// (Identify::ModelIdentifier: the catalog, then Civitai in bulk), may write previews and
// sidecars beside the Civitai files, and may download their newer versions as one group.
class LibraryCommand : public QObject, public CliCommand
{
    Q_OBJECT
public:
    LibraryCommand(CatalogServicesFactory catalogFactory = {}, DownloadServicesFactory downloadFactory = {});
    ~LibraryCommand() override;
    QString name() const override { return QStringLiteral("library"); }
    QString summary() const override;
    QString usage() const override;
    void start(CliContext &context, const QStringList &arguments) override;

private:
    void report(const Library::ScanStats &stats);
    void identify();
    void onIdentified(const Identify::IdentifyReport &report);
    void writeSidecars();
    void updateAll();
    void done();

    CatalogServicesFactory m_catalogFactory;
    DownloadServicesFactory m_downloadFactory;
    CliContext *m_context = nullptr;
    bool m_identify = false;
    bool m_writeSidecars = false;
    bool m_updateAll = false;
    int m_code = ExitOk;
    std::unique_ptr<Library::LibraryIndex> m_index;
    CatalogServices m_catalog;
    std::unique_ptr<Identify::IdentityStore> m_identities;
    std::unique_ptr<Identify::ModelIdentifier> m_identifier;
    std::unique_ptr<Identify::IdentifyReport> m_report;
    std::unique_ptr<Identify::SidecarWriter> m_sidecars;
    CliContext m_downloadContext;
    std::unique_ptr<DownloadCommand> m_download;
};

}  // namespace Cli
