#pragma once

// A real exFAT file system for one test: an image formatted with mkfs.exfat, attached to a
// loop device and mounted with exfat-fuse (Debian packages exfatprogs, exfat-fuse; root and
// /dev/fuse needed). exFAT holds no symlinks and no hard links, as the USB drives and SD
// cards people keep models on. Tests QSKIP with errorString() when it cannot be mounted.

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

class ScopedExfat
{
public:
    explicit ScopedExfat(int megabytes)
    {
        if (!m_dir.isValid()) {
            m_error = QStringLiteral("no temporary folder");
            return;
        }
        const QString image = m_dir.filePath(QStringLiteral("drive.img"));
        m_mountPoint = m_dir.filePath(QStringLiteral("mnt"));
        QString out;
        if (!run(QStringLiteral("truncate"), {QStringLiteral("-s"), QStringLiteral("%1M").arg(megabytes), image},
                 &out) ||
            !run(QStringLiteral("mkfs.exfat"), {image}, &out) || !run(QStringLiteral("mkdir"), {m_mountPoint}, &out) ||
            !run(QStringLiteral("losetup"), {QStringLiteral("-f"), QStringLiteral("--show"), image}, &out)) {
            m_error = QStringLiteral("cannot make an exFAT drive here: ") + out;
            return;
        }
        m_loop = out.trimmed();
        if (!run(QStringLiteral("mount.exfat-fuse"), {m_loop, m_mountPoint}, &out)) {
            m_error = QStringLiteral("cannot mount exFAT here: ") + out;
            return;
        }
        m_mounted = true;
    }
    ~ScopedExfat()
    {
        QString out;
        if (m_mounted)
            run(QStringLiteral("umount"), {m_mountPoint}, &out);
        if (!m_loop.isEmpty())
            run(QStringLiteral("losetup"), {QStringLiteral("-d"), m_loop}, &out);
    }
    ScopedExfat(const ScopedExfat &) = delete;
    ScopedExfat &operator=(const ScopedExfat &) = delete;

    bool isMounted() const { return m_mounted; }
    QString errorString() const { return m_error; }
    QString path() const { return m_mountPoint; }

private:
    static bool run(const QString &program, const QStringList &arguments, QString *out)
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(program, arguments);
        const bool ok = p.waitForFinished(20000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
        *out = QString::fromLocal8Bit(p.readAll()).trimmed();
        if (out->isEmpty() && !ok)
            *out = program + QStringLiteral(" failed");
        return ok;
    }

    QTemporaryDir m_dir;
    QString m_mountPoint;
    QString m_loop;
    QString m_error;
    bool m_mounted = false;
};
