#pragma once

// A small, real file system that fills up: a tmpfs of a few MiB mounted for one test (root or
// CAP_SYS_ADMIN needed; tests QSKIP when mounting is not permitted), plus a filler file that
// takes all but a few bytes of it. Header-only; shared by the pool and CLI tests.

#include <QByteArray>
#include <QFile>
#include <QProcess>
#include <QStorageInfo>
#include <QString>
#include <QTemporaryDir>

class ScopedTmpfs
{
public:
    explicit ScopedTmpfs(int megabytes)
    {
        if (!m_dir.isValid()) {
            m_error = QStringLiteral("no temporary folder");
            return;
        }
        QProcess mount;
        mount.setProcessChannelMode(QProcess::MergedChannels);
        mount.start(QStringLiteral("mount"),
                    {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                     QStringLiteral("size=%1m").arg(megabytes), QStringLiteral("tmpfs"), m_dir.path()});
        if (!mount.waitForFinished(10000) || mount.exitStatus() != QProcess::NormalExit || mount.exitCode() != 0) {
            m_error = QStringLiteral("cannot mount a tmpfs here: ") + QString::fromLocal8Bit(mount.readAll()).trimmed();
            return;
        }
        m_mounted = true;
    }
    ~ScopedTmpfs()
    {
        if (!m_mounted)
            return;
        QProcess umount;
        umount.start(QStringLiteral("umount"), {QStringLiteral("-l"), m_dir.path()});
        umount.waitForFinished(10000);
    }
    ScopedTmpfs(const ScopedTmpfs &) = delete;
    ScopedTmpfs &operator=(const ScopedTmpfs &) = delete;

    bool isMounted() const { return m_mounted; }
    QString error() const { return m_error; }
    QString path() const { return m_dir.path(); }
    qint64 available() const { return QStorageInfo(m_dir.path()).bytesAvailable(); }

    // Writes a file until only about `leave` bytes stay free. Returns its path.
    QString fill(qint64 leave)
    {
        const QString path = m_dir.filePath(QStringLiteral("filler.bin"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Append))
            return path;
        const QByteArray chunk(64 * 1024, 'x');
        while (available() > leave + chunk.size()) {
            if (file.write(chunk) != chunk.size() || !file.flush())
                break;
        }
        return path;
    }

private:
    QTemporaryDir m_dir;
    bool m_mounted = false;
    QString m_error;
};
