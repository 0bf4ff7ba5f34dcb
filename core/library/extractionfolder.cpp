#include "extractionfolder.h"

#include "util/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Library {

namespace {

constexpr int kMaxLinkHops = 40;  // what the kernel follows before ELOOP

QByteArray native(const QString &name)
{
    return QFile::encodeName(name);
}

// rename(2) without renameat2's flags, for file systems that refuse them (some FUSE mounts).
int renamePlainly(const QByteArray &from, const QByteArray &to, bool exists)
{
    if (!exists)
        return ::rename(from.constData(), to.constData()) == 0 ? 0 : errno;
    const QByteArray old = from + ".old";
    if (::rename(to.constData(), old.constData()) != 0)
        return errno;
    if (::rename(from.constData(), to.constData()) != 0) {
        const int error = errno;
        ::rename(old.constData(), to.constData());
        return error;
    }
    return ::rename(old.constData(), from.constData()) == 0 ? 0 : errno;
}

}  // namespace

ExtractionFolder::ExtractionFolder(QString finalPath)
    : m_finalPath(std::move(finalPath))
{
}

ExtractionFolder::~ExtractionFolder()
{
    discard();
}

int ExtractionFolder::create()
{
    const QFileInfo final(m_finalPath);
    const QString parent = final.absolutePath();
    if (!QDir().mkpath(parent))
        return errno != 0 ? errno : EIO;
    // At most 40 characters of the name, so the temporary name fits in 255 bytes however long
    // the final one is.
    const QString prefix = QLatin1Char('.') + final.fileName().left(40) + QStringLiteral(".modeldock-extracting-");
    // A crash during an earlier extraction into the same place left this behind.
    const QStringList entries = QDir(parent).entryList(QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        if (entry.startsWith(prefix) && QDir(parent + QLatin1Char('/') + entry).removeRecursively())
            qCInfo(lcLibrary) << "removed an interrupted extraction" << entry;
    }
    for (int attempt = 0; attempt < 16; ++attempt) {
        const QString candidate = parent + QLatin1Char('/') + prefix +
                                  QString::number(QRandomGenerator::global()->generate(), 16).rightJustified(8, u'0');
        // mkdir (not mkdtemp, which makes it 0700): the finished folder gets the usual mode.
        if (::mkdir(native(candidate).constData(), 0777) != 0) {
            if (errno == EEXIST)
                continue;
            return errno;
        }
        m_tempPath = candidate;
        m_root = ::open(native(candidate).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        return m_root < 0 ? errno : 0;
    }
    return EEXIST;
}

int ExtractionFolder::openParent(const QString &relative, bool create, QString *leaf) const
{
    QStringList parts = relative.split(QLatin1Char('/'));
    *leaf = parts.takeLast();
    int current = ::openat(m_root, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (current < 0)
        return -errno;
    for (const QString &part : std::as_const(parts)) {
        const QByteArray name = native(part);
        const int flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
        int next = ::openat(current, name.constData(), flags);
        if (next < 0 && errno == ENOENT && create) {
            if (::mkdirat(current, name.constData(), 0777) != 0 && errno != EEXIST) {
                const int error = errno;
                ::close(current);
                return -error;
            }
            next = ::openat(current, name.constData(), flags);
        }
        const int error = errno;
        ::close(current);
        if (next < 0)
            return -error;
        current = next;
    }
    return current;
}

int ExtractionFolder::makeDirectory(const QString &relative)
{
    QString leaf;
    const int parent = openParent(relative, true, &leaf);
    if (parent < 0)
        return -parent;
    int error = ::mkdirat(parent, native(leaf).constData(), 0777) == 0 ? 0 : errno;
    if (error == EEXIST) {
        // A folder named twice, or made already for an entry inside it, is the same folder.
        struct stat info = {};
        if (::fstatat(parent, native(leaf).constData(), &info, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(info.st_mode))
            error = 0;
    }
    ::close(parent);
    return error;
}

int ExtractionFolder::createFile(const QString &relative, bool executable, int *fd)
{
    QString leaf;
    const int parent = openParent(relative, true, &leaf);
    if (parent < 0)
        return -parent;
    *fd = ::openat(parent, native(leaf).constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                   executable ? 0777 : 0666);
    const int error = *fd < 0 ? errno : 0;
    ::close(parent);
    return error;
}

int ExtractionFolder::makeSymlink(const QString &relative, const QString &target)
{
    QString leaf;
    const int parent = openParent(relative, true, &leaf);
    if (parent < 0)
        return -parent;
    const int error = ::symlinkat(native(target).constData(), parent, native(leaf).constData()) == 0 ? 0 : errno;
    ::close(parent);
    if (error == 0)
        m_links.insert(relative, target);
    return error;
}

int ExtractionFolder::makeHardlink(const QString &relative, const QString &existing)
{
    QString sourceLeaf;
    const int sourceParent = openParent(existing, false, &sourceLeaf);
    if (sourceParent < 0)
        return -sourceParent;
    struct stat info = {};
    int error = ::fstatat(sourceParent, native(sourceLeaf).constData(), &info, AT_SYMLINK_NOFOLLOW) == 0 ? 0 : errno;
    if (error == 0 && !S_ISREG(info.st_mode))
        error = EPERM;  // a hard link to a link or a folder is not a file of this archive
    QString leaf;
    const int parent = error == 0 ? openParent(relative, true, &leaf) : -error;
    if (parent < 0) {
        ::close(sourceParent);
        return -parent;
    }
    // Flags 0: link the entry itself, never what it might point at.
    error =
        ::linkat(sourceParent, native(sourceLeaf).constData(), parent, native(leaf).constData(), 0) == 0 ? 0 : errno;
    ::close(parent);
    ::close(sourceParent);
    return error;
}

int ExtractionFolder::remove(const QString &relative)
{
    QString leaf;
    const int parent = openParent(relative, false, &leaf);
    if (parent < 0)
        return -parent;
    const int error = ::unlinkat(parent, native(leaf).constData(), 0) == 0 ? 0 : errno;
    ::close(parent);
    return error;
}

bool ExtractionFolder::escapes(const QString &link) const
{
    // Resolves like the kernel, with the links of this folder as the only links there are:
    // `place` is always a real path from the top, so ".." from it is the real parent.
    QStringList place = link.split(QLatin1Char('/'));
    place.removeLast();
    QStringList pending = m_links.value(link).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    int hops = 0;
    while (!pending.isEmpty()) {
        const QString part = pending.takeFirst();
        if (part == QLatin1String("."))
            continue;
        if (part == QLatin1String("..")) {
            if (place.isEmpty())
                return true;
            place.removeLast();
            continue;
        }
        place << part;
        const auto next = m_links.constFind(place.join(QLatin1Char('/')));
        if (next == m_links.cend())
            continue;
        if (++hops > kMaxLinkHops)
            return false;  // a loop resolves to nothing, so it leads nowhere either
        place.removeLast();
        pending = next->split(QLatin1Char('/'), Qt::SkipEmptyParts) + pending;
    }
    return false;
}

QStringList ExtractionFolder::removeEscapingLinks()
{
    QStringList escaping;
    for (auto it = m_links.cbegin(); it != m_links.cend(); ++it) {
        if (escapes(it.key()))
            escaping << it.key();
    }
    for (const QString &link : std::as_const(escaping)) {
        QString leaf;
        const int parent = openParent(link, false, &leaf);
        if (parent >= 0) {
            ::unlinkat(parent, native(leaf).constData(), 0);
            ::close(parent);
        }
        m_links.remove(link);
    }
    escaping.sort();
    return escaping;
}

int ExtractionFolder::commit(bool replace)
{
    if (m_root < 0)
        return EBADF;
    // One flush for the whole file system instead of an fsync per file: archives of 100,000
    // small files would otherwise take minutes. Writeback errors (a full disk) surface here.
    if (::syncfs(m_root) != 0)
        return errno;
    const QByteArray from = native(m_tempPath);
    const QByteArray to = native(m_finalPath);
    struct stat existing = {};
    const bool exists = ::lstat(to.constData(), &existing) == 0;
    if (exists && (!replace || !S_ISDIR(existing.st_mode)))
        return EEXIST;
    int error = ::renameat2(AT_FDCWD, from.constData(), AT_FDCWD, to.constData(),
                            exists ? RENAME_EXCHANGE : RENAME_NOREPLACE) == 0
                    ? 0
                    : errno;
    if (error == EINVAL || error == ENOSYS)
        error = renamePlainly(from, to, exists);
    if (error != 0)
        return error;
    m_committed = true;
    ::close(m_root);
    m_root = -1;
    if (exists && !QDir(m_tempPath).removeRecursively())  // the folder that was replaced
        qCWarning(lcLibrary) << "could not remove the replaced folder" << m_tempPath;
    const int parent =
        ::open(native(QFileInfo(m_finalPath).absolutePath()).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (parent >= 0) {
        ::fsync(parent);
        ::close(parent);
    }
    return 0;
}

void ExtractionFolder::discard()
{
    if (m_root >= 0) {
        ::close(m_root);
        m_root = -1;
    }
    if (!m_committed && !m_tempPath.isEmpty() && !QDir(m_tempPath).removeRecursively())
        qCWarning(lcLibrary) << "could not remove the temporary folder" << m_tempPath;
    m_tempPath.clear();
}

}  // namespace Library
