#pragma once

#include "download/taskenvironment.h"
#include "library/archiveinstaller.h"

#include <QObject>

#include <atomic>
#include <memory>

namespace Download {

// The last step of a file that is an archive (FileRequest::archive), after IntegrityPipeline
// verified and committed it: Library::ArchiveInstaller extracts it beside itself on a worker
// (TaskEnvironment::unpack, one extraction at a time), and finished() brings the outcome back
// to the task's thread as a value. What it does is read from PoolOptions when it starts, so
// library.extractArchives and library.keepArchives apply to the next extraction.
//
// cancel() (and the destructor) make the worker stop at its next block and remove what it
// wrote; an outcome that arrives after cancel() is dropped. Owned by one DownloadTask.
class ArchiveStep : public QObject
{
    Q_OBJECT
public:
    explicit ArchiveStep(const TaskEnvironment &environment, QObject *parent = nullptr);
    ~ArchiveStep() override;

    // Whether `request` ends in this step (an archive, and extraction is on).
    bool wanted(const FileRequest &request) const;
    bool running() const { return m_running; }
    void start(const Destination &destination);
    void cancel();

Q_SIGNALS:
    void finished(const Library::ArchiveInstaller::Outcome &outcome);

private:
    TaskEnvironment m_env;
    std::shared_ptr<std::atomic_bool> m_cancel;
    int m_generation = 0;
    bool m_running = false;
};

}  // namespace Download
