// A journal writing process for tst_journalwriter's crash test: it rewrites every row of a
// journal, round after round, through a real JournalWriter, so the test can SIGKILL it in the
// middle of a commit and check what a restart would read.
//
//   journalworker --journal J --tasks N
//
// Each round sets every task's attempts to the round number and commits them as one batch.
// Before a round it prints "writing R", after its commit "round R". It starts at the round
// after the one the journal holds and runs until it is killed.

#include "download/journal.h"
#include "download/journalwriter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

using namespace Download;

namespace {

TaskRecord row(TaskId id, int round)
{
    TaskRecord r;
    r.id = id;
    r.group = 1;
    r.order = id;
    r.state = round % 2 ? TaskState::Paused : TaskState::Queued;
    r.attempts = round;
    r.request.url = QUrl(QStringLiteral("http://127.0.0.1:9/org/model-%1/resolve/main/weights.gguf").arg(id));
    r.request.displayName = QStringLiteral("org/model-%1 · weights.gguf").arg(id);
    r.request.expectedSha256 = QString::number(id, 16).rightJustified(64, QLatin1Char('0'));
    r.request.expectedSize = 1'000'000'000;
    r.request.destination.kind = Destination::Kind::Library;
    r.request.destination.root = QStringLiteral("/tmp/journalworker");
    r.request.destination.relativePath = QStringLiteral("Lora/model-%1.safetensors").arg(id);
    // Rows of a realistic size, so a round's commit takes long enough to be killed in.
    r.errorText = QStringLiteral("round %1 ").arg(round).repeated(40);
    r.segments = {Segment{0, round * 1000LL, 500'000'000}, Segment{500'000'000, 500'000'000 + round, 1'000'000'000}};
    r.validator = QStringLiteral("\"etag-%1\"").arg(id);
    r.total = 1'000'000'000;
    return r;
}

}  // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption journalOption(QStringLiteral("journal"), QStringLiteral("journal file"),
                                           QStringLiteral("path"));
    const QCommandLineOption tasksOption(QStringLiteral("tasks"), QStringLiteral("rows per round"), QStringLiteral("n"),
                                         QStringLiteral("500"));
    parser.addOptions({journalOption, tasksOption});
    parser.process(app);
    const int tasks = parser.value(tasksOption).toInt();

    int round = 0;
    {
        Journal journal(parser.value(journalOption));
        QList<GroupRecord> groups;
        QList<TaskRecord> rows;
        if (!journal.open() || !journal.load(&groups, &rows)) {
            QTextStream(stderr) << journal.errorString() << '\n';
            return 2;
        }
        for (const TaskRecord &r : std::as_const(rows))
            round = qMax(round, r.attempts);
    }
    JournalWriter writer(parser.value(journalOption));
    if (!writer.isOpen())
        return 2;
    if (round == 0)
        writer.addGroup(1, QStringLiteral("crash test"));
    QTextStream out(stdout);
    for (;;) {
        ++round;
        out << "writing " << round << Qt::endl;
        for (TaskId id = 1; id <= tasks; ++id)
            writer.saveTask(row(id, round));
        if (!writer.flush())
            return 1;
        out << "round " << round << Qt::endl;
    }
}
