// Timer-driven behaviour of the group coordinator on a ManualClock: session expiry, the
// rebalance timeout dropping members that do not rejoin, the sync timeout, pending member ids
// expiring, and the optional timer thread.
#include "group_test_util.h"

#include <thread>

using namespace runnel;
using namespace runnel::group;
using namespace runnel::group::testing;

namespace {
// Two members through their first rebalance (initial delay 0: a alone makes generation 1, b
// joining makes generation 2), both synced; returns their generation-2 join results.
std::pair<JoinResult, JoinResult> stableOfTwo(Harness& h) {
  JoinResult a1 = h.join(h.request("g", "a")).get();
  h.sync("g", a1, {});
  auto b = h.join(h.request("g", "b"));
  JoinRequest again = h.request("g", "a");
  again.memberId = a1.memberId;
  JoinResult a = h.coordinator->joinGroup(again).get();
  JoinResult jb = b.get();
  h.sync("g", a, {{a.memberId, toBytes("A")}, {jb.memberId, toBytes("B")}});
  h.sync("g", jb);
  return {a, jb};
}
}  // namespace

class GroupTimeoutsTest : public QObject {
  Q_OBJECT
 private slots:
  void silentMemberExpiresAndTriggersRebalance() {
    Harness h;
    auto [a, b] = stableOfTwo(h);
    QCOMPARE(a.generationId, 2);
    for (int i = 0; i < 2; ++i) {
      h.advance(4000);
      QCOMPARE(h.heartbeat("g", a), GroupError::kNone);  // a keeps its session alive, b does not
    }
    QCOMPARE(h.state("g"), GroupState::kStable);
    h.advance(4000);
    // 12 s after b's last sign of life (session timeout 10 s) it is gone.
    QCOMPARE(h.state("g"), GroupState::kPreparingRebalance);
    QCOMPARE(h.countEvents(GroupEvent::Kind::kMemberExpired), 1);
    QCOMPARE(h.heartbeat("g", b), GroupError::kUnknownMemberId);
    QCOMPARE(h.heartbeat("g", a), GroupError::kRebalanceInProgress);
    JoinRequest again = h.request("g", "a");
    again.memberId = a.memberId;
    JoinResult j = h.coordinator->joinGroup(again).get();
    QCOMPARE(j.generationId, 3);
    QCOMPARE(j.members.size(), std::size_t{1});
  }

  void expiryExactlyAtTheDeadline() {
    Harness h;
    JoinResult a = h.join(h.request("g")).get();
    h.sync("g", a, {});
    h.advance(9999);
    QCOMPARE(h.state("g"), GroupState::kStable);
    h.advance(1);
    QCOMPARE(h.state("g"), GroupState::kEmpty);
    QCOMPARE(h.coordinator->snapshot("g")->generationId, 2);
  }

  void rebalanceTimeoutDropsMembersThatDoNotRejoin() {
    Harness h;
    auto [a, b] = stableOfTwo(h);
    // A third member arrives; a rejoins, b keeps heartbeating but never rejoins.
    auto c = h.join(h.request("g", "c"));
    JoinRequest again = h.request("g", "a");
    again.memberId = a.memberId;
    auto a3 = h.coordinator->joinGroup(again);
    QVERIFY(!ready(a3));
    for (int t = 0; t < 19; ++t) {
      h.advance(1000);
      QCOMPARE(h.heartbeat("g", b), GroupError::kRebalanceInProgress);
    }
    QVERIFY(!ready(a3));
    h.advance(1000);  // the rebalance timeout (20 s) is up
    QVERIFY(ready(a3) && ready(c));
    JoinResult j = a3.get();
    QCOMPARE(j.generationId, 3);
    QCOMPARE(j.members.size(), std::size_t{2});
    QCOMPARE(h.heartbeat("g", b), GroupError::kUnknownMemberId);
    QCOMPARE(h.countEvents(GroupEvent::Kind::kMemberRemoved), 1);
  }

  void membersThatNeverSyncAreRemoved() {
    Harness h(testConfig(10));
    auto a = h.join(h.request("g", "a"));
    auto b = h.join(h.request("g", "b"));
    h.advance(20);
    QVERIFY(ready(a) && ready(b));
    JoinResult ja = a.get(), jb = b.get();
    h.sync("g", ja, {{ja.memberId, toBytes("A")}, {jb.memberId, toBytes("B")}});
    QCOMPARE(h.state("g"), GroupState::kStable);
    // b never sends SyncGroup: after the rebalance timeout it is dropped and a rebalance starts.
    for (int t = 0; t < 20; ++t) {
      h.advance(1000);
      h.heartbeat("g", ja);
    }
    QCOMPARE(h.state("g"), GroupState::kPreparingRebalance);
    QCOMPARE(h.heartbeat("g", jb), GroupError::kUnknownMemberId);
  }

  void pendingMemberIdExpires() {
    Harness h;
    JoinResult first = h.coordinator->joinGroup(h.request("g")).get();
    QCOMPARE(first.error, GroupError::kMemberIdRequired);
    h.advance(10000);  // the session timeout of the request
    JoinRequest late = h.request("g");
    late.memberId = first.memberId;
    QCOMPARE(h.coordinator->joinGroup(late).get().error, GroupError::kUnknownMemberId);
  }

  void pendingMemberHoldsUpTheRebalanceUntilItJoins() {
    Harness h;
    auto [a, b] = stableOfTwo(h);
    JoinResult pending = h.coordinator->joinGroup(h.request("g", "c")).get();
    QCOMPARE(pending.error, GroupError::kMemberIdRequired);
    QCOMPARE(h.state("g"), GroupState::kStable);  // a pending id alone changes nothing
    JoinRequest ra = h.request("g", "a");
    ra.memberId = a.memberId;
    JoinRequest rb = h.request("g", "b");
    rb.memberId = b.memberId;
    auto fa = h.coordinator->joinGroup(ra);  // the leader asks for a rebalance
    auto fb = h.coordinator->joinGroup(rb);
    QVERIFY(!ready(fa));  // everyone is back except the pending member
    JoinRequest rc = h.request("g", "c");
    rc.memberId = pending.memberId;
    auto fc = h.coordinator->joinGroup(rc);
    QVERIFY(ready(fa) && ready(fb) && ready(fc));
    QCOMPARE(fa.get().members.size(), std::size_t{3});
  }

  void nextDeadlineAndTimerThread() {
    Harness h(testConfig(500));
    QVERIFY(!h.coordinator->nextDeadlineMs());
    auto a = h.join(h.request("g"));
    const std::int64_t now = h.clock.monotonicNs() / 1'000'000;
    QCOMPARE(*h.coordinator->nextDeadlineMs(), now + 500);
    h.coordinator->startTimerThread(std::chrono::milliseconds(1));
    h.clock.advanceMs(500);
    // The thread ticks on real time; give it a bounded while to notice the moved clock.
    for (int i = 0; i < 2000 && !ready(a); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    QVERIFY(ready(a));
    h.coordinator->stopTimerThread();
    QCOMPARE(a.get().generationId, 1);
  }
};

QTEST_APPLESS_MAIN(GroupTimeoutsTest)
#include "group_timeouts_test.moc"
