// The groups of a pool: members, the primary group of a task two groups share, display order,
// the counts a group shows and forgetting finished groups without losing shared tasks.

#include "download/groupbook.h"

#include <QTest>

using namespace Download;

namespace {

using Member = GroupBook::Member;

// Members by id; ids missing from the table are tasks that are gone.
GroupBook::MemberLookup lookupIn(const QHash<TaskId, Member> &members)
{
    return [members](TaskId id) -> std::optional<Member> {
        const auto it = members.constFind(id);
        return it == members.cend() ? std::nullopt : std::optional<Member>(*it);
    };
}

}  // namespace

class TestGroupBook : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aTaskInTwoGroupsKeepsTheFirstAsItsPrimary()
    {
        GroupBook book;
        book.add(1, QStringLiteral("first"));
        book.add(2, QStringLiteral("second"));
        QVERIFY(book.addMember(1, 10));
        QVERIFY(book.addMember(2, 10));
        QVERIFY(!book.addMember(2, 10));  // once per group
        QCOMPARE(book.groupsOf(10), (QList<GroupId>{1, 2}));
        QCOMPARE(book.primaryGroup(10), GroupId(1));
        QCOMPARE(book.members(2), (QList<TaskId>{10}));
        book.makePrimary(10, 2);
        QCOMPARE(book.primaryGroup(10), GroupId(2));
        book.makePrimary(10, 3);  // not one of its groups: nothing changes
        QCOMPARE(book.groupsOf(10), (QList<GroupId>{2, 1}));
        QCOMPARE(book.primaryGroup(99), GroupId(0));
    }

    void groupsRestoredWithTheirMembersKnowThem()
    {
        GroupBook book;
        book.add(5, QStringLiteral("restored"), {1, 2, 3});
        QVERIFY(book.contains(5));
        QCOMPARE(book.order(), (QList<GroupId>{5}));
        QCOMPARE(book.groupsOf(2), (QList<GroupId>{5}));
    }

    void aDuplicateTaskHandsItsMembershipsOver()
    {
        GroupBook book;
        book.add(1, QStringLiteral("a"), {7});
        book.add(2, QStringLiteral("b"), {7, 8});
        QCOMPARE(book.takeMemberships(7), (QList<GroupId>{1, 2}));
        QVERIFY(book.members(1).isEmpty());
        QCOMPARE(book.members(2), (QList<TaskId>{8}));
        QVERIFY(book.groupsOf(7).isEmpty());
    }

    void theDisplayOrderSwapsNeighbours()
    {
        GroupBook book;
        for (GroupId g = 1; g <= 3; ++g)
            book.add(g, QString::number(g));
        book.swap(1);
        QCOMPARE(book.order(), (QList<GroupId>{1, 3, 2}));
        book.swap(2);  // no neighbour after the last
        book.swap(-1);
        QCOMPARE(book.order(), (QList<GroupId>{1, 3, 2}));
    }

    void aGroupCountsItsMembersAndSumsTheirBytes()
    {
        GroupBook book;
        book.add(1, QStringLiteral("pack"), {1, 2, 3, 4, 5, 6, 7, 8});
        const QHash<TaskId, Member> members{
            {1, {TaskState::Completed, 100, 100, 0}},     {2, {TaskState::Failed, 10, 100, 0}},
            {3, {TaskState::Cancelled, 50, 100, 0}},  // neither its bytes nor its size count
            {4, {TaskState::Paused, 20, 100, 0}},         {5, {TaskState::Queued, 0, -1, 0}},  // size unknown yet
            {6, {TaskState::Downloading, 30, 100, 1000}}, {7, {TaskState::Verifying, 100, 100, 0}},
            // 8 is gone
        };
        const GroupSnapshot s = book.snapshot(1, lookupIn(members));
        QCOMPARE(s.id, GroupId(1));
        QCOMPARE(s.name, QStringLiteral("pack"));
        QCOMPARE(s.total, 7);
        QCOMPARE(s.completed, 1);
        QCOMPARE(s.failed, 1);
        QCOMPARE(s.cancelled, 1);
        QCOMPARE(s.paused, 1);
        QCOMPARE(s.queued, 1);
        QCOMPARE(s.active, 2);
        QCOMPARE(s.bytesDone, qint64(100 + 10 + 20 + 0 + 30 + 100));
        QCOMPARE(s.bytesTotal, qint64(100 + 100 + 100 + 0 + 100 + 100));
        QCOMPARE(s.speed, 1000.0);
        QVERIFY(!s.isFinished());
        QVERIFY(!book.snapshot(2, lookupIn(members)).isValid());
    }

    void forgettingGroupsKeepsTasksAnotherGroupShows()
    {
        GroupBook book;
        book.add(1, QStringLiteral("done"), {1, 2});
        book.add(2, QStringLiteral("also done"), {2, 3});
        book.add(3, QStringLiteral("running"), {3, 4});
        const QList<TaskId> orphans = book.remove({1, 2});
        QCOMPARE(orphans, (QList<TaskId>{1, 2}));  // 3 is still shown by "running"
        QCOMPARE(book.order(), (QList<GroupId>{3}));
        QVERIFY(!book.contains(1));
        QCOMPARE(book.groupsOf(3), (QList<GroupId>{3}));
        QVERIFY(book.groupsOf(2).isEmpty());
        QCOMPARE(book.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestGroupBook)
#include "tst_groupbook.moc"
