#pragma once

#include "library/archiveextractor.h"
#include "library/extractionfolder.h"

#include <memory>

struct archive;
struct archive_entry;

namespace Library {

// One run of ArchiveExtractor::extract: the entries read with libarchive one by one, each name
// checked (ArchiveEntryName) and each entry written through the ExtractionFolder, the limits
// counted as the bytes arrive, and the folder committed at the end or discarded at any stop.
// Internal to ArchiveExtractor: one object per extraction, used on one thread.
class ExtractionRun
{
public:
    ExtractionRun(const QString &archivePath, const QString &target, const ArchiveLimits &limits,
                  ArchiveExtractor::IfTargetExists ifExists, const std::atomic_bool *cancel);
    ~ExtractionRun();
    ExtractionRun(const ExtractionRun &) = delete;
    ExtractionRun &operator=(const ExtractionRun &) = delete;

    ArchiveExtractor::Result run();

private:
    using Status = ArchiveExtractor::Status;
    struct ReaderFree
    {
        void operator()(struct archive *reader) const;
    };

    // Each returns false when the run must stop (the result then says why); an entry that
    // cannot be written is left out with its reason and the run goes on.
    bool open();
    bool readEntries();
    bool handle(struct archive_entry *entry);
    bool writeDirectory(const QString &raw, const QString &path);
    bool writeFile(const QString &raw, const QString &path, struct archive_entry *entry);
    // 0: copied; 1: this entry is damaged (left out, the rest goes on); -1: stop.
    int copyData(int fd, const QString &raw, qint64 declared);
    bool writeAll(int fd, const char *data, size_t size, qint64 offset, const QString &raw);
    bool writeSymlink(const QString &raw, const QString &path, struct archive_entry *entry);
    bool writeHardlink(const QString &raw, const QString &path, struct archive_entry *entry);
    bool finish();
    // Limits, refusals and failures. stop() records why and returns false, so "return stop(…)"
    // ends the run wherever it is.
    bool grow(qint64 bytes, const QString &raw);
    bool tooExpanded(qint64 bytes) const;
    bool expandedTooFar(qint64 bytes, const QString &raw);
    bool tooLarge(qint64 bytes, const QString &raw);
    bool entryFailed(int error, const QString &raw, const QString &path);
    bool writeFailed(int error, const QString &raw);
    bool unreadable();
    bool cancelled();
    bool stop(Status status, const QString &why);
    void refuse(const QString &raw, const QString &reason);
    void noteRename(const QString &raw, const QString &path);
    QString libraryError() const;

    QString m_archivePath;
    QString m_name;
    ArchiveLimits m_limits;
    bool m_replace = false;
    const std::atomic_bool *m_cancel = nullptr;
    qint64 m_archiveSize = 0;
    ExtractionFolder m_folder;
    std::unique_ptr<struct archive, ReaderFree> m_reader;
    ArchiveExtractor::Result m_result;
};

}  // namespace Library
