#include "download/types.h"

#include <QCoreApplication>
#include <QLocale>

namespace Download {

namespace {

struct StateName
{
    TaskState state;
    const char *name;
};

constexpr StateName kStateNames[] = {
    {TaskState::Queued, "queued"}, {TaskState::Connecting, "connecting"}, {TaskState::Downloading, "downloading"},
    {TaskState::Paused, "paused"}, {TaskState::Verifying, "verifying"},   {TaskState::Completed, "completed"},
    {TaskState::Failed, "failed"}, {TaskState::Cancelled, "cancelled"},
};

QString str(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toString();
}

}  // namespace

QString taskStateName(TaskState state)
{
    for (const StateName &entry : kStateNames) {
        if (entry.state == state)
            return QLatin1String(entry.name);
    }
    return QStringLiteral("queued");
}

TaskState taskStateFromName(const QString &name)
{
    for (const StateName &entry : kStateNames) {
        if (name == QLatin1String(entry.name))
            return entry.state;
    }
    return TaskState::Queued;
}

bool isTerminal(TaskState state)
{
    return state == TaskState::Completed || state == TaskState::Failed || state == TaskState::Cancelled;
}

bool isActive(TaskState state)
{
    return state == TaskState::Connecting || state == TaskState::Downloading || state == TaskState::Verifying;
}

QJsonObject FileRequest::toJson() const
{
    QJsonObject object{{QStringLiteral("url"), url.toString(QUrl::FullyEncoded)},
                       {QStringLiteral("displayName"), displayName},
                       {QStringLiteral("destination"), destination.toJson()}};
    if (!expectedSha256.isEmpty())
        object.insert(QStringLiteral("sha256"), expectedSha256);
    if (!expectedGitOid.isEmpty())
        object.insert(QStringLiteral("gitOid"), expectedGitOid);
    if (!xetHash.isEmpty())
        object.insert(QStringLiteral("xetHash"), xetHash);
    // JSON numbers are doubles: exact up to 2^53 bytes, far beyond any file.
    if (expectedSize >= 0)
        object.insert(QStringLiteral("size"), double(expectedSize));
    if (archive)
        object.insert(QStringLiteral("archive"), true);
    if (previewUrl.isValid() && !previewPath.isEmpty()) {
        object.insert(QStringLiteral("previewUrl"), previewUrl.toString(QUrl::FullyEncoded));
        object.insert(QStringLiteral("previewPath"), previewPath);
    }
    return object;
}

FileRequest FileRequest::fromJson(const QJsonObject &object)
{
    FileRequest r;
    r.url = QUrl(str(object, "url"), QUrl::StrictMode);
    r.expectedSha256 = str(object, "sha256").toLower();
    r.expectedGitOid = str(object, "gitOid").toLower();
    r.xetHash = str(object, "xetHash").toLower();
    r.expectedSize =
        object.contains(QLatin1String("size")) ? qint64(object.value(QLatin1String("size")).toDouble()) : -1;
    r.displayName = str(object, "displayName");
    r.destination = Destination::fromJson(object.value(QLatin1String("destination")).toObject());
    r.archive = object.value(QLatin1String("archive")).toBool();
    if (object.contains(QLatin1String("previewUrl"))) {
        r.previewUrl = QUrl(str(object, "previewUrl"), QUrl::StrictMode);
        r.previewPath = str(object, "previewPath");
    }
    return r;
}

QString formatBytes(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString GroupSnapshot::summary() const
{
    // Shown in the dashboard and by the CLI: in the interface's language.
    QString text = QCoreApplication::translate("Download::GroupSnapshot", "%1/%2 done").arg(completed).arg(total);
    if (failed > 0)
        text += QCoreApplication::translate("Download::GroupSnapshot", ", %1 failed").arg(failed);
    if (paused > 0)
        text += QCoreApplication::translate("Download::GroupSnapshot", ", %1 paused").arg(paused);
    if (cancelled > 0)
        text += QCoreApplication::translate("Download::GroupSnapshot", ", %1 cancelled").arg(cancelled);
    const qint64 left = qMax<qint64>(0, bytesTotal - bytesDone);
    if (left > 0)
        text += QCoreApplication::translate("Download::GroupSnapshot", ", %1 left").arg(formatBytes(left));
    return text;
}

}  // namespace Download
