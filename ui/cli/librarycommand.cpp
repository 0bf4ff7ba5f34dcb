#include "librarycommand.h"

#include "library/libraryindex.h"
#include "library/reuseroots.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Cli {

LibraryCommand::LibraryCommand() = default;
LibraryCommand::~LibraryCommand() = default;

QString LibraryCommand::summary() const
{
    return QStringLiteral("read what is on disk into the library index (library scan)");
}

QString LibraryCommand::usage() const
{
    return QStringLiteral("Usage:\n"
                          "  modeldock-cli library scan [DIR]...\n\n"
                          "Reads the Hugging Face cache, the library, the model folders of LM Studio, Ollama and\n"
                          "llama.cpp, the folders of the setting library.reuseFolders and each DIR into the library\n"
                          "index, and hashes (SHA-256) every file not hashed before. A file unchanged since the last\n"
                          "scan (same size, time and inode) is not read again. Downloads then link or copy files\n"
                          "found here instead of fetching them.\n\n"
                          "Exit status: 0 scanned, 1 a file or folder could not be read, 2 wrong usage.\n");
}

void LibraryCommand::start(CliContext &context, const QStringList &arguments)
{
    m_context = &context;
    if (arguments.isEmpty() || arguments.first() != QLatin1String("scan")) {
        *context.err << "modeldock-cli library: expected \"scan\"\n" << usage();
        context.finish(ExitUsage);
        return;
    }
    QStringList folders;
    for (const QString &argument : arguments.mid(1)) {
        if (argument.startsWith(QLatin1Char('-')) || !QFileInfo(argument).isDir()) {
            *context.err << "modeldock-cli library scan: \"" << argument << "\" is not a folder\n";
            context.finish(ExitUsage);
            return;
        }
        folders << QFileInfo(argument).absoluteFilePath();
    }
    const Config::RuntimeConfig &config = context.config;
    QDir().mkpath(config.dataDir);
    m_index = std::make_unique<Library::LibraryIndex>(QDir(config.dataDir).filePath(QStringLiteral("library.sqlite")));
    QString error;
    if (!m_index->open(&error)) {
        *context.err << "modeldock-cli library scan: " << error << '\n';
        context.finish(ExitFailed);
        return;
    }
    m_index->setRoots(Library::indexRoots(QDir(config.hfCacheDir).absolutePath(),
                                          QDir(config.libraryDir).absolutePath(), folders + config.reuseFolders,
                                          config.reuseFromApps));
    m_index->setHashing(Library::LibraryIndex::Hashing::All);
    connect(m_index.get(), &Library::LibraryIndex::scanFinished, this, &LibraryCommand::report);
    m_index->scanInBackground();
}

void LibraryCommand::report(const Library::ScanStats &stats)
{
    QTextStream &out = *m_context->out;
    const double seconds = qMax<qint64>(stats.milliseconds, 1) / 1000.0;
    const double mibPerSecond = double(stats.hashedBytes) / (1024.0 * 1024.0) / seconds;
    if (m_context->json) {
        QJsonArray roots;
        for (const Library::IndexRoot &root : m_index->roots())
            roots.append(QJsonObject{{QStringLiteral("kind"), Library::indexRootKindName(root.kind)},
                                     {QStringLiteral("path"), root.path}});
        const QJsonObject summary{{QStringLiteral("event"), QStringLiteral("scanned")},
                                  {QStringLiteral("roots"), roots},
                                  {QStringLiteral("files"), stats.files},
                                  {QStringLiteral("newOrChanged"), stats.added},
                                  {QStringLiteral("removed"), stats.removed},
                                  {QStringLiteral("hashed"), stats.hashed},
                                  {QStringLiteral("hashedBytes"), stats.hashedBytes},
                                  {QStringLiteral("milliseconds"), stats.milliseconds},
                                  {QStringLiteral("problems"), QJsonArray::fromStringList(stats.problems)}};
        out << QJsonDocument(summary).toJson(QJsonDocument::Compact) << '\n';
    } else {
        for (const Library::IndexRoot &root : m_index->roots())
            out << "  " << Library::indexRootKindName(root.kind) << "  " << root.path << '\n';
        out << stats.files << " file(s), " << stats.added << " new or changed, " << stats.removed << " gone; hashed "
            << stats.hashed << " (" << Download::formatBytes(stats.hashedBytes) << ") in "
            << QString::number(seconds, 'f', 2) << " s";
        if (stats.hashedBytes > 0)
            out << " (" << QString::number(mibPerSecond, 'f', 0) << " MiB/s)";
        out << '\n';
        for (const QString &problem : stats.problems)
            *m_context->err << "modeldock-cli library scan: " << problem << '\n';
    }
    out.flush();
    m_context->finish(stats.problems.isEmpty() ? ExitOk : ExitFailed);
}

}  // namespace Cli
