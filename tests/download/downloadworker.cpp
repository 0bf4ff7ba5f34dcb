// A download process for the durability test: runs a pool with a journal until every group is
// finished, so the test can kill it with SIGKILL mid-transfer and start a second one.
//
//   downloadworker --journal J --requests R.json [--limit BYTES_PER_SECOND]   new group from R
//   downloadworker --journal J --restore                                      continue from J
// Exit code 0 when every task completed, 1 otherwise, 2 on bad arguments.

#include "download/downloadpool.h"
#include "download/journal.h"
#include "net/session.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

using namespace Download;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption journalOption(QStringLiteral("journal"), QStringLiteral("journal file"),
                                           QStringLiteral("path"));
    const QCommandLineOption requestsOption(QStringLiteral("requests"), QStringLiteral("requests JSON"),
                                            QStringLiteral("path"));
    const QCommandLineOption limitOption(QStringLiteral("limit"), QStringLiteral("bytes per second"),
                                         QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption restoreOption(QStringLiteral("restore"), QStringLiteral("continue the journal"));
    parser.addOptions({journalOption, requestsOption, limitOption, restoreOption});
    parser.process(app);

    Journal journal(parser.value(journalOption));
    if (!journal.open()) {
        QTextStream(stderr) << journal.errorString() << '\n';
        return 2;
    }
    PoolOptions options;
    options.bandwidthLimit = parser.value(limitOption).toLongLong();
    options.flushBytes = 1024 * 1024;
    options.flushInterval = std::chrono::milliseconds(200);
    options.stallTimeout = std::chrono::milliseconds(3000);
    options.backoffBase = std::chrono::milliseconds(100);
    Net::Session session;
    DownloadPool pool(&session, options, &journal);

    if (parser.isSet(restoreOption)) {
        pool.restoreFromJournal();
    } else {
        QFile file(parser.value(requestsOption));
        if (!file.open(QIODevice::ReadOnly))
            return 2;
        const GroupId group = pool.createGroup(QStringLiteral("worker group"));
        for (const QJsonValue &value : QJsonDocument::fromJson(file.readAll()).array())
            pool.addTask(group, FileRequest::fromJson(value.toObject()));
    }

    auto allFinished = [&pool] {
        for (GroupId g : pool.groups()) {
            if (!pool.group(g).isFinished())
                return false;
        }
        return true;
    };
    auto finish = [&] {
        if (!allFinished())
            return;
        bool ok = true;
        for (GroupId g : pool.groups())
            ok = ok && pool.group(g).completed == pool.group(g).total;
        QCoreApplication::exit(ok ? 0 : 1);
    };
    QObject::connect(&pool, &DownloadPool::groupFinished, &app, finish);
    QObject::connect(&pool, &DownloadPool::tasksChanged, &app, finish);
    QTextStream(stdout) << "started\n" << Qt::flush;
    return app.exec();
}
