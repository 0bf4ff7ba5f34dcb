#pragma once

// Writes real archives with libarchive's writer, including what no honest archiver makes
// (names with "..", absolute paths, links that leave the folder, device entries), so the
// extractor is tested on the bytes an attacker would send. Header-only; link LibArchive.

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>

#include <archive.h>
#include <archive_entry.h>
#include <memory>

struct ArchiveEntrySpec
{
    QByteArray path;
    QByteArray data;
    mode_t type = AE_IFREG;
    QByteArray link;    // the target of a symbolic link, or the entry a hard link names
    bool hard = false;  // a hard link (to `link`)
    qint64 zeros = 0;   // this many zero bytes instead of `data`
    int permissions = 0644;

    static ArchiveEntrySpec file(const QByteArray &path, const QByteArray &data, int permissions = 0644)
    {
        ArchiveEntrySpec e;
        e.path = path;
        e.data = data;
        e.permissions = permissions;
        return e;
    }
    static ArchiveEntrySpec folder(const QByteArray &path)
    {
        ArchiveEntrySpec e;
        e.path = path;
        e.type = AE_IFDIR;
        e.permissions = 0755;
        return e;
    }
    static ArchiveEntrySpec symlink(const QByteArray &path, const QByteArray &target)
    {
        ArchiveEntrySpec e;
        e.path = path;
        e.type = AE_IFLNK;
        e.link = target;
        e.permissions = 0777;
        return e;
    }
    static ArchiveEntrySpec hardlink(const QByteArray &path, const QByteArray &target)
    {
        ArchiveEntrySpec e;
        e.path = path;
        e.link = target;
        e.hard = true;
        return e;
    }
    static ArchiveEntrySpec special(const QByteArray &path, mode_t type)
    {
        ArchiveEntrySpec e;
        e.path = path;
        e.type = type;
        return e;
    }
    static ArchiveEntrySpec zeroes(const QByteArray &path, qint64 bytes)
    {
        ArchiveEntrySpec e;
        e.path = path;
        e.zeros = bytes;
        return e;
    }
};

// format: ARCHIVE_FORMAT_ZIP, ARCHIVE_FORMAT_7ZIP, ARCHIVE_FORMAT_TAR_PAX_RESTRICTED…;
// filter: ARCHIVE_FILTER_NONE, ARCHIVE_FILTER_GZIP, ARCHIVE_FILTER_XZ…
// passphrase: encrypts a zip's entries (zipcrypt) with it.
inline bool writeArchive(const QString &path, const QList<ArchiveEntrySpec> &entries, int format,
                         int filter = ARCHIVE_FILTER_NONE, QString *error = nullptr, const QByteArray &passphrase = {})
{
    std::unique_ptr<struct archive, decltype(&archive_write_free)> writer(archive_write_new(), &archive_write_free);
    struct archive *a = writer.get();
    auto failed = [a, error]() {
        if (error)
            *error = QString::fromLocal8Bit(archive_error_string(a));
        return false;
    };
    if (archive_write_set_format(a, format) != ARCHIVE_OK || archive_write_add_filter(a, filter) != ARCHIVE_OK)
        return failed();
    if (!passphrase.isEmpty() && (archive_write_set_options(a, "zip:encryption=zipcrypt") != ARCHIVE_OK ||
                                  archive_write_set_passphrase(a, passphrase.constData()) != ARCHIVE_OK))
        return failed();
    if (archive_write_open_filename(a, QFile::encodeName(path).constData()) != ARCHIVE_OK)
        return failed();
    const QByteArray zeros(1 << 20, '\0');
    for (const ArchiveEntrySpec &spec : entries) {
        std::unique_ptr<struct archive_entry, decltype(&archive_entry_free)> entry(archive_entry_new(),
                                                                                   &archive_entry_free);
        struct archive_entry *e = entry.get();
        archive_entry_set_pathname(e, spec.path.constData());
        archive_entry_set_filetype(e, spec.hard ? AE_IFREG : spec.type);
        archive_entry_set_perm(e, spec.permissions);
        archive_entry_set_mtime(e, 1700000000, 0);
        const qint64 size = spec.type == AE_IFREG && !spec.hard ? (spec.zeros > 0 ? spec.zeros : spec.data.size()) : 0;
        archive_entry_set_size(e, size);
        if (spec.hard)
            archive_entry_set_hardlink(e, spec.link.constData());
        else if (spec.type == AE_IFLNK)
            archive_entry_set_symlink(e, spec.link.constData());
        else if (spec.type == AE_IFCHR || spec.type == AE_IFBLK)
            archive_entry_set_rdev(e, 0x0103);  // 1,3: /dev/null
        if (archive_write_header(a, e) < ARCHIVE_WARN)
            return failed();
        if (spec.zeros > 0) {
            for (qint64 left = spec.zeros; left > 0; left -= zeros.size()) {
                if (archive_write_data(a, zeros.constData(), size_t(qMin<qint64>(left, zeros.size()))) < 0)
                    return failed();
            }
        } else if (size > 0 && archive_write_data(a, spec.data.constData(), size_t(spec.data.size())) < 0) {
            return failed();
        }
    }
    return archive_write_close(a) == ARCHIVE_OK || failed();
}
