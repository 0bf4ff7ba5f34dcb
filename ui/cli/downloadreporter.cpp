#include "downloadreporter.h"

#include "download/downloadpool.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using Download::TaskSnapshot;
using Download::TaskState;

namespace Cli {

namespace {
constexpr int kMaxLiveLines = 8;

QString formatEta(qint64 seconds)
{
    if (seconds < 0)
        return QStringLiteral("--:--");
    if (seconds >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(seconds / 3600)
            .arg((seconds / 60) % 60, 2, 10, QLatin1Char('0'))
            .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2")
        .arg(seconds / 60, 2, 10, QLatin1Char('0'))
        .arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

QJsonObject extractionJson(const Download::ArchiveReport &report)
{
    return {{QStringLiteral("folder"), report.folder},
            {QStringLiteral("files"), report.files},
            {QStringLiteral("bytes"), report.bytes},
            {QStringLiteral("leftOut"), QJsonArray::fromStringList(report.leftOut)},
            {QStringLiteral("message"), report.sentence}};
}

QString percent(qint64 done, qint64 total)
{
    if (total <= 0)
        return QStringLiteral("  ?%");
    return QStringLiteral("%1%").arg(qMin<qint64>(100, done * 100 / total), 3);
}
}  // namespace

DownloadReporter::DownloadReporter(CliContext &context, Download::DownloadPool *pool, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_pool(pool)
{
    // Four redraws a second are enough to look live and cheap enough for a slow terminal.
    m_redrawTimer.setInterval(250);
    connect(&m_redrawTimer, &QTimer::timeout, this, &DownloadReporter::redraw);
    m_lastJsonProgress.start();
}

void DownloadReporter::emitJson(const QJsonObject &object)
{
    *m_context.out << QJsonDocument(object).toJson(QJsonDocument::Compact) << '\n';
    m_context.out->flush();
}

void DownloadReporter::eventLine(const QString &line, Weight weight)
{
    if (m_context.quiet && weight == Weight::Info)
        return;
    clearBlock();
    *m_context.err << line << '\n';
    m_context.err->flush();
    m_dirty = true;
}

void DownloadReporter::planned(const QString &name, int files, qint64 knownBytes)
{
    if (m_context.json) {
        emitJson({{QStringLiteral("event"), QStringLiteral("planned")},
                  {QStringLiteral("name"), name},
                  {QStringLiteral("files"), files},
                  {QStringLiteral("bytes"), knownBytes}});
        return;
    }
    eventLine(QCoreApplication::translate("modeldock-cli", "%1: %2 file(s), %3")
                  .arg(name)
                  .arg(files)
                  .arg(Download::formatBytes(knownBytes)));
}

void DownloadReporter::refused(const QString &sentence)
{
    if (m_context.json) {
        emitJson({{QStringLiteral("event"), QStringLiteral("refused")}, {QStringLiteral("message"), sentence}});
        return;
    }
    eventLine(QStringLiteral("refused: ") + sentence, Weight::Warning);
}

void DownloadReporter::note(const QString &sentence)
{
    if (m_context.json) {
        emitJson({{QStringLiteral("event"), QStringLiteral("note")}, {QStringLiteral("message"), sentence}});
        return;
    }
    eventLine(sentence);
}

void DownloadReporter::error(const QString &sentence)
{
    if (m_context.json) {
        emitJson({{QStringLiteral("event"), QStringLiteral("error")}, {QStringLiteral("message"), sentence}});
        return;
    }
    clearBlock();
    *m_context.err << "modeldock-cli download: " << sentence << '\n';
    m_context.err->flush();
}

void DownloadReporter::track(const QList<Download::TaskId> &tasks)
{
    m_tasks = tasks;
    if (m_context.progress && !m_context.quiet && !m_context.json)
        m_redrawTimer.start();
    for (Download::TaskId id : tasks)
        taskChanged(id);
}

void DownloadReporter::taskChanged(Download::TaskId id)
{
    if (!m_tasks.contains(id) || m_finished.contains(id))
        return;
    const TaskSnapshot task = m_pool->task(id);
    if (Download::isTerminal(task.state)) {
        taskFinished(id);
        return;
    }
    m_dirty = true;
    noteDiskFull(task);
    if (!m_started.contains(id) && Download::isActive(task.state)) {
        m_started.insert(id);
        if (m_context.json)
            emitJson({{QStringLiteral("event"), QStringLiteral("started")},
                      {QStringLiteral("task"), id},
                      {QStringLiteral("name"), task.name},
                      {QStringLiteral("bytesTotal"), task.bytesTotal}});
        else
            eventLine(QStringLiteral("started: ") + task.name);
    }
    // In JSON mode progress is an event too, but at most one line a second per run.
    if (m_context.json && m_lastJsonProgress.elapsed() >= 1000) {
        m_lastJsonProgress.restart();
        qint64 done = 0;
        qint64 total = 0;
        double speed = 0;
        for (Download::TaskId tracked : std::as_const(m_tasks)) {
            const TaskSnapshot t = m_pool->task(tracked);
            done += t.bytesDone;
            total += qMax<qint64>(0, t.bytesTotal);
            speed += t.speed;
        }
        emitJson({{QStringLiteral("event"), QStringLiteral("progress")},
                  {QStringLiteral("bytesDone"), done},
                  {QStringLiteral("bytesTotal"), total},
                  {QStringLiteral("speed"), speed},
                  {QStringLiteral("completed"), int(m_finished.size())},
                  {QStringLiteral("files"), int(m_tasks.size())}});
    }
}

void DownloadReporter::noteDiskFull(const TaskSnapshot &task)
{
    // Said once per time it fills up: a resume that gets nowhere (the space went elsewhere)
    // does not repeat it; one that got further and fills the disk again does.
    if (task.state != TaskState::Paused || task.errorKind != Net::ErrorKind::DiskFull) {
        if (m_diskFull.contains(task.id) && task.bytesDone > m_diskFull.value(task.id))
            m_diskFull.remove(task.id);
        return;
    }
    if (m_diskFull.contains(task.id))
        return;
    m_diskFull.insert(task.id, task.bytesDone);
    if (m_context.json) {
        emitJson({{QStringLiteral("event"), QStringLiteral("paused")},
                  {QStringLiteral("task"), task.id},
                  {QStringLiteral("name"), task.name},
                  {QStringLiteral("kind"), Net::errorKindName(task.errorKind)},
                  {QStringLiteral("message"), task.errorText}});
        return;
    }
    eventLine(QStringLiteral("paused: ") + task.errorText, Weight::Warning);
}

void DownloadReporter::taskFinished(Download::TaskId id)
{
    if (!m_tasks.contains(id) || m_finished.contains(id))
        return;
    const TaskSnapshot task = m_pool->task(id);
    if (!Download::isTerminal(task.state))
        return;
    m_finished.insert(id);
    const bool ok = task.state == TaskState::Completed;
    if (!ok)
        m_failures << task;
    if (m_context.json) {
        QJsonObject event{{QStringLiteral("event"), ok ? QStringLiteral("finished") : QStringLiteral("failed")},
                          {QStringLiteral("task"), id},
                          {QStringLiteral("name"), task.name},
                          {QStringLiteral("state"), Download::taskStateName(task.state)}};
        if (ok) {
            event.insert(QStringLiteral("path"), task.finalPath);
            event.insert(QStringLiteral("bytes"), task.bytesTotal);
            if (!task.archive.isEmpty())
                event.insert(QStringLiteral("extracted"), extractionJson(task.archive));
            if (task.xetFetched >= 0) {
                event.insert(QStringLiteral("xetFetched"), task.xetFetched);
                event.insert(QStringLiteral("xetReused"), task.xetReused);
            }
            if (!task.reusedFrom.isEmpty()) {
                event.insert(QStringLiteral("reusedFrom"), task.reusedFrom);
                event.insert(QStringLiteral("reuseMethod"), task.reuseMethod);
            }
        } else {
            event.insert(QStringLiteral("kind"), Net::errorKindName(task.errorKind));
            event.insert(QStringLiteral("message"), task.errorText);
        }
        emitJson(event);
        return;
    }
    if (!ok) {
        eventLine(QStringLiteral("failed: %1: %2")
                      .arg(task.name, task.errorText.isEmpty() ? Download::taskStateName(task.state) : task.errorText),
                  Weight::Warning);
        return;
    }
    // A file of the Hugging Face cache is named by its snapshot folder, the model as other
    // tools open it; a library file (Civitai) by itself.
    static const QRegularExpression snapshot(QStringLiteral("^(.*/snapshots/[0-9a-f]{40})/"));
    const QRegularExpressionMatch inSnapshot = snapshot.match(task.finalPath);
    const QString path = inSnapshot.hasMatch() ? inSnapshot.captured(1) : task.finalPath;
    if (!path.isEmpty() && !m_paths.contains(path))
        m_paths << path;
    if (!task.reusedFrom.isEmpty())
        eventLine(QCoreApplication::translate("modeldock-cli", "reused: %1 (%2) from %3 by %4, 0 bytes fetched")
                      .arg(task.name, Download::formatBytes(task.bytesTotal), task.reusedFrom, task.reuseMethod));
    else if (task.xetFetched >= 0)
        eventLine(QCoreApplication::translate("modeldock-cli", "finished: %1 (%2) through Xet: fetched %3, reused %4")
                      .arg(task.name, Download::formatBytes(task.bytesTotal), Download::formatBytes(task.xetFetched),
                           Download::formatBytes(task.xetReused)));
    else
        eventLine(QStringLiteral("finished: %1 (%2)").arg(task.name, Download::formatBytes(task.bytesTotal)));
    if (!task.archive.isEmpty())
        eventLine(QStringLiteral("  ") + task.archive.sentence);
}

QString DownloadReporter::progressLine(const TaskSnapshot &task) const
{
    QString name = task.name;
    // Elide in the middle: the repository at the front and the file name at the end both matter.
    if (name.size() > 48)
        name = name.left(16) + QChar(0x2026) + name.right(31);
    return QStringLiteral("  %1 %2  %3 / %4  %5/s  %6")
        .arg(name.leftJustified(48), percent(task.bytesDone, task.bytesTotal), Download::formatBytes(task.bytesDone),
             task.bytesTotal >= 0 ? Download::formatBytes(task.bytesTotal) : QStringLiteral("?"),
             Download::formatBytes(qint64(task.speed)), formatEta(task.etaSeconds));
}

void DownloadReporter::clearBlock()
{
    if (m_blockLines == 0)
        return;
    // Up to the first line of the block, then erase to the end of the screen.
    *m_context.err << "\x1b[" << m_blockLines << "F\x1b[J";
    m_blockLines = 0;
}

void DownloadReporter::redraw()
{
    if (!m_dirty)
        return;
    m_dirty = false;
    QStringList lines;
    qint64 done = 0;
    qint64 total = 0;
    double speed = 0;
    int active = 0;
    for (Download::TaskId id : std::as_const(m_tasks)) {
        const TaskSnapshot task = m_pool->task(id);
        done += task.bytesDone;
        total += qMax<qint64>(0, task.bytesTotal);
        speed += task.speed;
        if (Download::isActive(task.state) && ++active <= kMaxLiveLines)
            lines << progressLine(task);
    }
    if (active > kMaxLiveLines)
        lines << QStringLiteral("  ") +
                     QCoreApplication::translate("modeldock-cli", "… and %1 more").arg(active - kMaxLiveLines);
    const qint64 eta = speed > 0 && total > done ? qint64((total - done) / speed) : -1;
    lines << QCoreApplication::translate("modeldock-cli", "total: %1/%2 files  %3  %4 / %5  %6/s  %7")
                 .arg(m_finished.size())
                 .arg(m_tasks.size())
                 .arg(percent(done, total), Download::formatBytes(done), Download::formatBytes(total),
                      Download::formatBytes(qint64(speed)), formatEta(eta));
    clearBlock();
    for (const QString &line : std::as_const(lines))
        *m_context.err << line << '\n';
    m_blockLines = int(lines.size());
    m_context.err->flush();
}

void DownloadReporter::printPaths()
{
    for (const QString &path : std::as_const(m_paths))
        *m_context.out << path << '\n';
    m_context.out->flush();
}

int DownloadReporter::summarize(int refusedCount)
{
    m_redrawTimer.stop();
    clearBlock();
    const int completed = int(m_finished.size() - m_failures.size());
    const int failed = int(m_tasks.size()) - completed;
    qint64 bytes = 0;
    for (Download::TaskId id : std::as_const(m_tasks)) {
        const TaskSnapshot task = m_pool->task(id);
        if (task.state == TaskState::Completed)
            bytes += qMax<qint64>(0, task.bytesTotal);
    }
    if (m_context.json) {
        emitJson({{QStringLiteral("event"), QStringLiteral("summary")},
                  {QStringLiteral("files"), int(m_tasks.size())},
                  {QStringLiteral("completed"), completed},
                  {QStringLiteral("failed"), failed},
                  {QStringLiteral("refused"), refusedCount},
                  {QStringLiteral("bytes"), bytes}});
        return failed;
    }
    QTextStream &log = *m_context.err;
    if (!m_context.quiet || failed > 0 || refusedCount > 0) {
        log << QCoreApplication::translate("modeldock-cli", "%1 of %2 file(s) verified (%3)")
                   .arg(completed)
                   .arg(m_tasks.size())
                   .arg(Download::formatBytes(bytes));
        if (failed)
            log << QCoreApplication::translate("modeldock-cli", ", %1 failed").arg(failed);
        if (refusedCount)
            log << QCoreApplication::translate("modeldock-cli", ", %1 refused").arg(refusedCount);
        log << '\n';
    }
    for (const TaskSnapshot &task : std::as_const(m_failures))
        log << QStringLiteral("  failed: %1: %2\n").arg(task.name, task.errorText);
    log.flush();
    printPaths();
    return failed;
}

}  // namespace Cli
