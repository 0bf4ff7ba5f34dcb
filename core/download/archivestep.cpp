#include "download/archivestep.h"

#include "util/futurewatch.h"
#include "util/logging.h"

#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace Download {

ArchiveStep::ArchiveStep(const TaskEnvironment &environment, QObject *parent)
    : QObject(parent)
    , m_env(environment)
{
}

ArchiveStep::~ArchiveStep()
{
    if (m_cancel)
        m_cancel->store(true);
}

bool ArchiveStep::wanted(const FileRequest &request) const
{
    return request.archive && m_env.options->extractArchives;
}

void ArchiveStep::start(const Destination &destination)
{
    cancel();
    m_cancel = std::make_shared<std::atomic_bool>(false);
    Library::ArchiveInstaller::Options options;
    options.keepArchive = m_env.options->keepArchives;
    options.limits = m_env.options->archiveLimits;
    const std::shared_ptr<std::atomic_bool> cancelled = m_cancel;
    const int generation = ++m_generation;
    m_running = true;
    qCInfo(lcDownload) << "extracting" << destination.relativePath;
    QThreadPool *pool = m_env.unpack ? m_env.unpack : m_env.io;
    QFuture<Library::ArchiveInstaller::Outcome> extracting = QtConcurrent::run(pool, [destination, options, cancelled] {
        return Library::ArchiveInstaller::install(destination, options, cancelled.get());
    });
    Util::whenFinished(this, std::move(extracting),
                       [this, generation](const Library::ArchiveInstaller::Outcome &outcome) {
                           if (generation != m_generation)
                               return;
                           m_running = false;
                           Q_EMIT finished(outcome);
                       });
}

void ArchiveStep::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
    ++m_generation;
    m_running = false;
}

}  // namespace Download
