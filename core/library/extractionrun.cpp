#include "extractionrun.h"

#include "archiveentryname.h"
#include "safepath.h"
#include "util/bytesizes.h"
#include "util/logging.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QLocale>

#include <archive.h>
#include <archive_entry.h>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace Library {

namespace {

QString count(qint64 number)
{
    QLocale english(QLocale::English);
    english.setNumberOptions(QLocale::DefaultNumberOptions);
    return english.toString(number);
}

QString plural(qint64 number, const char *one, const char *many)
{
    return count(number) + QLatin1Char(' ') + QLatin1String(number == 1 ? one : many);
}

QString systemError(int code)
{
    return QString::fromLocal8Bit(std::strerror(code));
}

QString text(const char *utf8, const char *raw)
{
    if (utf8)
        return QString::fromUtf8(utf8);
    return raw ? QFile::decodeName(raw) : QString();
}

// Only what a model pack can be. Not "all": mtree copies files named in it from this
// computer's disk, and some filters run external programs.
void supportFormats(struct archive *reader)
{
    archive_read_support_format_zip(reader);
    archive_read_support_format_7zip(reader);
    archive_read_support_format_tar(reader);
    archive_read_support_format_rar(reader);
    archive_read_support_format_rar5(reader);
    archive_read_support_filter_gzip(reader);
    archive_read_support_filter_bzip2(reader);
    archive_read_support_filter_xz(reader);
    archive_read_support_filter_lzma(reader);
    archive_read_support_filter_zstd(reader);
    archive_read_support_filter_lz4(reader);
}

QString typeRefusal(mode_t type)
{
    switch (type) {
    case AE_IFCHR:
        return QCoreApplication::translate("Library::ExtractionRun", "it is a character device");
    case AE_IFBLK:
        return QCoreApplication::translate("Library::ExtractionRun", "it is a block device");
    case AE_IFIFO:
        return QCoreApplication::translate("Library::ExtractionRun", "it is a named pipe (FIFO)");
    case AE_IFSOCK:
        return QCoreApplication::translate("Library::ExtractionRun", "it is a socket");
    default:
        return QCoreApplication::translate("Library::ExtractionRun", "it is not a file, a folder or a link");
    }
}

// What an errno from writing one entry means: that entry cannot be written (left out), or
// nothing more can be (empty reason).
QString entryProblem(int error)
{
    switch (error) {
    case EEXIST:
        return QCoreApplication::translate("Library::ExtractionRun", "an earlier entry already has that name");
    case ELOOP:
    case ENOTDIR:
        return QCoreApplication::translate("Library::ExtractionRun", "a folder on its path is a link or a file");
    case ENAMETOOLONG:
        return QCoreApplication::translate("Library::ExtractionRun", "its name is too long for this file system");
    case EILSEQ:
    case EINVAL:
        return QCoreApplication::translate("Library::ExtractionRun", "this file system does not accept its name");
    case ENOENT:
        return QCoreApplication::translate("Library::ExtractionRun",
                                           "it links to an entry that is not in the archive before it");
    case EPERM:
        return QCoreApplication::translate("Library::ExtractionRun", "it links to something that is not a file");
    default:
        return {};
    }
}

}  // namespace

ExtractionRun::ExtractionRun(const QString &archivePath, const QString &target, const ArchiveLimits &limits,
                             ArchiveExtractor::IfTargetExists ifExists, const std::atomic_bool *cancel)
    : m_archivePath(archivePath)
    , m_name(QFileInfo(archivePath).fileName())
    , m_limits(limits)
    , m_replace(ifExists == ArchiveExtractor::IfTargetExists::Replace)
    , m_cancel(cancel)
    , m_folder(target)
    , m_reader(archive_read_new())
{
    m_result.folder = target;
}

ExtractionRun::~ExtractionRun() = default;

void ExtractionRun::ReaderFree::operator()(struct archive *reader) const
{
    archive_read_free(reader);
}

ArchiveExtractor::Result ExtractionRun::run()
{
    if (open() && readEntries() && finish())
        m_result.status = Status::Extracted;
    if (!m_result.ok()) {
        m_folder.discard();
        m_result.folder.clear();
    }
    return m_result;
}

bool ExtractionRun::open()
{
    m_archiveSize = QFileInfo(m_archivePath).size();
    const int error = m_folder.create();
    if (error != 0)
        return writeFailed(error, QString());
    supportFormats(m_reader.get());
    if (archive_read_open_filename(m_reader.get(), QFile::encodeName(m_archivePath).constData(), 1 << 16) != ARCHIVE_OK)
        return unreadable();
    return true;
}

bool ExtractionRun::readEntries()
{
    int entries = 0;
    for (;;) {
        if (cancelled())
            return false;
        struct archive_entry *entry = nullptr;
        const int read = archive_read_next_header(m_reader.get(), &entry);
        if (read == ARCHIVE_EOF)
            return true;
        if (read == ARCHIVE_FATAL)
            return unreadable();
        if (++entries > m_limits.maxEntries)
            return stop(
                Status::LimitExceeded,
                QCoreApplication::translate("Library::ExtractionRun", "it has more than %1, the limit for one archive")
                    .arg(plural(m_limits.maxEntries, "entry", "entries")));
        if (read == ARCHIVE_FAILED || read == ARCHIVE_RETRY) {
            refuse(
                text(archive_entry_pathname_utf8(entry), archive_entry_pathname(entry)),
                QCoreApplication::translate("Library::ExtractionRun", "it could not be read (%1)").arg(libraryError()));
            continue;
        }
        if (!handle(entry))
            return false;
    }
}

bool ExtractionRun::handle(struct archive_entry *entry)
{
    const QString raw = text(archive_entry_pathname_utf8(entry), archive_entry_pathname(entry));
    QString why;
    const QString path = ArchiveEntryName::sanitize(raw, &why);
    const mode_t type = archive_entry_filetype(entry);
    if (path.isEmpty()) {
        if (type != AE_IFDIR || !why.isEmpty())
            refuse(raw, why.isEmpty() ? QCoreApplication::translate("Library::ExtractionRun", "it has no name") : why);
        return true;
    }
    if (archive_entry_is_encrypted(entry)) {
        refuse(raw, QCoreApplication::translate("Library::ExtractionRun",
                                                "it is encrypted, and ModelDock asks for no password"));
        return true;
    }
    noteRename(raw, path);
    if (archive_entry_hardlink(entry) || archive_entry_hardlink_utf8(entry))
        return writeHardlink(raw, path, entry);
    switch (type) {
    case AE_IFDIR:
        return writeDirectory(raw, path);
    case AE_IFREG:
        return writeFile(raw, path, entry);
    case AE_IFLNK:
        return writeSymlink(raw, path, entry);
    default:
        refuse(raw, typeRefusal(type) + QCoreApplication::translate("Library::ExtractionRun",
                                                                    "; only files, folders and links are extracted"));
        return true;
    }
}

bool ExtractionRun::writeDirectory(const QString &raw, const QString &path)
{
    const int error = m_folder.makeDirectory(path);
    return error == 0 || entryFailed(error, raw, path);
}

bool ExtractionRun::writeFile(const QString &raw, const QString &path, struct archive_entry *entry)
{
    const qint64 declared = archive_entry_size_is_set(entry) ? qMax<qint64>(0, archive_entry_size(entry)) : 0;
    // A size the archive admits to up front stops it before a byte is written.
    if (declared > m_limits.maxTotalBytes - m_result.bytes)
        return tooLarge(m_result.bytes + declared, raw);
    if (tooExpanded(m_result.bytes + declared))
        return expandedTooFar(m_result.bytes + declared, raw);
    int fd = -1;
    const int error = m_folder.createFile(path, (archive_entry_perm(entry) & 0111) != 0, &fd);
    if (error != 0)
        return entryFailed(error, raw, path);
    const int copied = copyData(fd, raw, declared);
    if (copied == 0 && archive_entry_mtime_is_set(entry)) {
        const struct timespec times[2] = {{0, UTIME_OMIT},
                                          {archive_entry_mtime(entry), archive_entry_mtime_nsec(entry)}};
        ::futimens(fd, times);
    }
    ::close(fd);
    if (copied == 0)
        ++m_result.files;
    else if (copied > 0)
        m_folder.remove(path);  // a damaged entry leaves no half file behind
    return copied >= 0;
}

int ExtractionRun::copyData(int fd, const QString &raw, qint64 declared)
{
    qint64 end = 0;
    for (;;) {
        if (cancelled())
            return -1;
        const void *block = nullptr;
        size_t size = 0;
        la_int64_t offset = 0;
        const int read = archive_read_data_block(m_reader.get(), &block, &size, &offset);
        if (read == ARCHIVE_EOF)
            break;
        if (read == ARCHIVE_FATAL) {
            unreadable();
            return -1;
        }
        if (read != ARCHIVE_OK && read != ARCHIVE_WARN) {
            refuse(raw, QCoreApplication::translate("Library::ExtractionRun", "its data could not be read (%1)")
                            .arg(libraryError()));
            return 1;
        }
        if (offset < 0 || offset > m_limits.maxTotalBytes) {
            refuse(raw, QCoreApplication::translate("Library::ExtractionRun",
                                                    "its data claims an impossible place in the file (offset %1)")
                            .arg(offset));
            return 1;
        }
        // Sparse entries come as blocks at offsets; the holes count as bytes too.
        const qint64 blockEnd = offset + qint64(size);
        if (!grow(qMax<qint64>(0, blockEnd - end), raw))
            return -1;
        end = qMax(end, blockEnd);
        if (!writeAll(fd, static_cast<const char *>(block), size, offset, raw))
            return -1;
    }
    if (declared > end) {
        if (!grow(declared - end, raw))
            return -1;
        if (::ftruncate(fd, declared) != 0) {
            writeFailed(errno, raw);
            return -1;
        }
    }
    return 0;
}

bool ExtractionRun::writeAll(int fd, const char *data, size_t size, qint64 offset, const QString &raw)
{
    while (size > 0) {
        const ssize_t written = ::pwrite(fd, data, size, offset);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return writeFailed(written < 0 ? errno : EIO, raw);
        data += written;
        size -= size_t(written);
        offset += written;
    }
    return true;
}

bool ExtractionRun::writeSymlink(const QString &raw, const QString &path, struct archive_entry *entry)
{
    QString why;
    const QString target = ArchiveEntryName::symlinkTarget(
        path, text(archive_entry_symlink_utf8(entry), archive_entry_symlink(entry)), &why);
    if (target.isEmpty()) {
        refuse(raw, why);
        return true;
    }
    const int error = m_folder.makeSymlink(path, target);
    if (error == 0)
        ++m_result.links;
    return error == 0 || entryFailed(error, raw, path);
}

bool ExtractionRun::writeHardlink(const QString &raw, const QString &path, struct archive_entry *entry)
{
    const QString rawTarget = text(archive_entry_hardlink_utf8(entry), archive_entry_hardlink(entry));
    QString why;
    const QString target = ArchiveEntryName::sanitize(rawTarget, &why);
    if (target.isEmpty()) {
        refuse(raw, QCoreApplication::translate("Library::ExtractionRun", "it is a hard link to \"%1\", and %2")
                        .arg(SafePath::printable(rawTarget),
                             why.isEmpty()
                                 ? QCoreApplication::translate("Library::ExtractionRun", "that is the folder itself")
                                 : why));
        return true;
    }
    const int error = m_folder.makeHardlink(path, target);
    if (error == 0)
        ++m_result.links;
    return error == 0 || entryFailed(error, raw, path);
}

bool ExtractionRun::finish()
{
    for (const QString &link : m_folder.removeEscapingLinks()) {
        refuse(link, QCoreApplication::translate("Library::ExtractionRun",
                                                 "it links outside the folder through another link"));
        --m_result.links;
    }
    if (m_result.files + m_result.links == 0) {
        const QString what =
            m_result.refused.isEmpty()
                ? QCoreApplication::translate("Library::ExtractionRun", "it holds no files")
                : QCoreApplication::translate("Library::ExtractionRun", "nothing in it was safe to extract");
        return stop(Status::NothingExtracted, what);
    }
    const int error = m_folder.commit(m_replace);
    if (error == EEXIST)
        return stop(Status::Failed,
                    QCoreApplication::translate("Library::ExtractionRun", "\"%1\" already exists and was left as it is")
                        .arg(m_result.folder));
    return error == 0 || writeFailed(error, QString());
}

// --- limits, refusals and failures ----------------------------------------------------

bool ExtractionRun::grow(qint64 bytes, const QString &raw)
{
    m_result.bytes += bytes;
    if (m_result.bytes > m_limits.maxTotalBytes)
        return tooLarge(m_result.bytes, raw);
    if (tooExpanded(m_result.bytes))
        return expandedTooFar(m_result.bytes, raw);
    return true;
}

bool ExtractionRun::tooExpanded(qint64 bytes) const
{
    return bytes > m_limits.ratioFloorBytes && double(bytes) > m_limits.maxRatio * double(m_archiveSize);
}

bool ExtractionRun::expandedTooFar(qint64 bytes, const QString &raw)
{
    return stop(
        Status::LimitExceeded,
        QCoreApplication::translate("Library::ExtractionRun",
                                    "it expands to more than %1 times its own size (%2 to %3 with \"%4\"), as a zip "
                                    "bomb does")
            .arg(m_limits.maxRatio)
            .arg(Util::ByteSizes::rounded(m_archiveSize), Util::ByteSizes::rounded(bytes), SafePath::printable(raw)));
}

bool ExtractionRun::tooLarge(qint64 bytes, const QString &raw)
{
    return stop(Status::LimitExceeded,
                QCoreApplication::translate("Library::ExtractionRun",
                                            "its contents exceed %1, the size limit for one archive (%2 with \"%3\")")
                    .arg(Util::ByteSizes::rounded(m_limits.maxTotalBytes), Util::ByteSizes::rounded(bytes),
                         SafePath::printable(raw)));
}

bool ExtractionRun::entryFailed(int error, const QString &raw, const QString &path)
{
    const QString problem = entryProblem(error);
    if (problem.isEmpty())
        return writeFailed(error, raw);
    refuse(raw, problem + (path == raw ? QString() : QStringLiteral(" (as \"%1\")").arg(path)));
    return true;
}

bool ExtractionRun::writeFailed(int error, const QString &raw)
{
    const QString where =
        raw.isEmpty()
            ? QString()
            : QCoreApplication::translate("Library::ExtractionRun", " at \"%1\"").arg(SafePath::printable(raw));
    if (error == ENOSPC || error == EDQUOT)
        return stop(Status::DiskFull,
                    QCoreApplication::translate("Library::ExtractionRun", "the disk is full%1 (%2 written)")
                        .arg(where, Util::ByteSizes::rounded(m_result.bytes)));
    return stop(
        Status::Failed,
        QCoreApplication::translate("Library::ExtractionRun", "writing failed%1: %2").arg(where, systemError(error)));
}

bool ExtractionRun::unreadable()
{
    return stop(Status::Unreadable,
                QCoreApplication::translate("Library::ExtractionRun", "it could not be read as an archive (%1)")
                    .arg(libraryError()));
}

bool ExtractionRun::cancelled()
{
    if (!m_cancel || !m_cancel->load())
        return false;
    stop(Status::Cancelled, QCoreApplication::translate("Library::ExtractionRun", "it was cancelled"));
    return true;
}

bool ExtractionRun::stop(Status status, const QString &why)
{
    m_result.status = status;
    const QString removed = status == Status::NothingExtracted || status == Status::Unreadable
                                ? QString()
                                : QCoreApplication::translate("Library::ExtractionRun", " Nothing of it was kept.");
    m_result.errorString =
        QCoreApplication::translate("Library::ExtractionRun", "Could not extract %1: %2.%3").arg(m_name, why, removed);
    qCInfo(lcLibrary) << "extraction of" << m_archivePath << "stopped:" << why;
    return false;
}

void ExtractionRun::refuse(const QString &raw, const QString &reason)
{
    qCInfo(lcLibrary) << "left out" << raw << "of" << m_archivePath << ":" << reason;
    m_result.refused.append({SafePath::printable(raw), reason});
}

void ExtractionRun::noteRename(const QString &raw, const QString &path)
{
    QStringList plain =
        QString(raw).replace(QLatin1Char('\\'), QLatin1Char('/')).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    plain.removeAll(QStringLiteral("."));
    if (plain.join(QLatin1Char('/')) != path)
        m_result.renamed << SafePath::printable(raw) + QStringLiteral(" → ") + path;
}

QString ExtractionRun::libraryError() const
{
    const char *message = archive_error_string(m_reader.get());
    return message ? QString::fromLocal8Bit(message)
                   : QCoreApplication::translate("Library::ExtractionRun", "no reason given");
}

}  // namespace Library
