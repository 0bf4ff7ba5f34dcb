#pragma once

#include "clicommand.h"

#include <QObject>

#include <memory>

namespace Library {
class LibraryIndex;
struct ScanStats;
}  // namespace Library

namespace Cli {

// `modeldock-cli library scan [DIR…]`: reads what is on disk into the library index — the
// Hugging Face cache, the library, the folders of LM Studio, Ollama and llama.cpp, the folders
// of library.reuseFolders and the ones named — hashing every file not hashed before (a rescan
// with nothing changed reads no file), and says what it found and how fast it hashed.
class LibraryCommand : public QObject, public CliCommand
{
    Q_OBJECT
public:
    LibraryCommand();
    ~LibraryCommand() override;
    QString name() const override { return QStringLiteral("library"); }
    QString summary() const override;
    QString usage() const override;
    void start(CliContext &context, const QStringList &arguments) override;

private:
    void report(const Library::ScanStats &stats);

    CliContext *m_context = nullptr;
    std::unique_ptr<Library::LibraryIndex> m_index;
};

}  // namespace Cli
