#include "machinememory.h"

#include "download/types.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>

namespace Insight {

namespace {

QByteArray readSmall(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.read(64 * 1024) : QByteArray();
}

// "MemTotal:       32768000 kB" → bytes; -1 when absent.
qint64 meminfoField(const QByteArray &meminfo, const QByteArray &name)
{
    for (const QByteArray &line : meminfo.split('\n')) {
        if (!line.startsWith(QByteArray(name + ':')))
            continue;
        const QList<QByteArray> parts = line.mid(name.size() + 1).simplified().split(' ');
        bool ok = false;
        const qint64 value = parts.value(0).toLongLong(&ok);
        if (!ok)
            return -1;
        return parts.value(1) == "kB" ? value * 1024 : value;
    }
    return -1;
}

}  // namespace

MachineMemory MachineMemory::read(const QString &root, const QString &nvidiaSmi)
{
    MachineMemory m;
    const QByteArray meminfo = readSmall(QDir(root).filePath(QStringLiteral("proc/meminfo")));
    m.ramTotal = qMax<qint64>(0, meminfoField(meminfo, "MemTotal"));
    m.ramAvailable = qMax<qint64>(0, meminfoField(meminfo, "MemAvailable"));

    const QDir drm(QDir(root).filePath(QStringLiteral("sys/class/drm")));
    for (const QString &card : drm.entryList({QStringLiteral("card*")}, QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (card.contains(QLatin1Char('-')))
            continue;  // connectors (card0-DP-1), not devices
        bool ok = false;
        const qint64 vram =
            readSmall(drm.filePath(card + QStringLiteral("/device/mem_info_vram_total"))).trimmed().toLongLong(&ok);
        if (ok && vram > m.gpuTotal) {
            m.gpuTotal = vram;
            const QString driver = QFileInfo(drm.filePath(card + QStringLiteral("/device/driver")))
                                       .symLinkTarget()
                                       .section(QLatin1Char('/'), -1);
            m.gpuName = driver.isEmpty() ? card : QStringLiteral("%1 (%2)").arg(card, driver);
        }
    }

    if (!nvidiaSmi.isEmpty() && !QStandardPaths::findExecutable(nvidiaSmi).isEmpty()) {
        QProcess smi;
        smi.start(nvidiaSmi,
                  {QStringLiteral("--query-gpu=name,memory.total"), QStringLiteral("--format=csv,noheader,nounits")});
        if (smi.waitForFinished(3000) && smi.exitStatus() == QProcess::NormalExit && smi.exitCode() == 0) {
            for (const QByteArray &line : smi.readAllStandardOutput().split('\n')) {
                const QList<QByteArray> fields = line.split(',');
                bool ok = false;
                const qint64 mib = fields.value(1).trimmed().toLongLong(&ok);
                if (ok && mib * 1024 * 1024 > m.gpuTotal) {
                    m.gpuTotal = mib * 1024 * 1024;
                    m.gpuName = QString::fromUtf8(fields.value(0).trimmed());
                }
            }
        } else if (smi.state() != QProcess::NotRunning) {
            smi.kill();
            smi.waitForFinished(1000);
        }
    }
    return m;
}

const MachineMemory &MachineMemory::current()
{
    static const MachineMemory memory = [] {
        const QString root = qEnvironmentVariable("MODELDOCK_MACHINE_ROOT");
        return root.isEmpty() ? read() : read(root, {});
    }();
    return memory;
}

QString MachineMemory::describe() const
{
    QString text = QCoreApplication::translate("Insight", "RAM %1 (%2 free)")
                       .arg(Download::formatBytes(ramTotal), Download::formatBytes(ramAvailable));
    if (gpuTotal > 0)
        text += QCoreApplication::translate("Insight", ", GPU %1 (%2)").arg(Download::formatBytes(gpuTotal), gpuName);
    else
        text += QCoreApplication::translate("Insight", ", no GPU memory reported");
    return text;
}

}  // namespace Insight
