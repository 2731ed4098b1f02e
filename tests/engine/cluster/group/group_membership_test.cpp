// Join/sync flows of the group coordinator: new-member id negotiation, leader election and
// member lists, protocol choice, rebalances on join and leave, static members coming back
// without a rebalance, and the error codes of each API.
#include "group_test_util.h"

using namespace runnel;
using namespace runnel::group;
using namespace runnel::group::testing;

class GroupMembershipTest : public QObject {
  Q_OBJECT
 private slots:
  void singleMemberJoinsSyncsAndHeartbeats() {
    Harness h;
    JoinRequest r = h.request("g", "app");
    JoinResult first = h.coordinator->joinGroup(r).get();
    QCOMPARE(first.error, GroupError::kMemberIdRequired);
    QVERIFY(QString::fromStdString(first.memberId).startsWith("app-"));
    QCOMPARE(first.memberId.size(), std::string("app-").size() + 36);
    r.memberId = first.memberId;
    auto joined = h.coordinator->joinGroup(r);
    QVERIFY(ready(joined));  // initial delay 0: the rebalance completes at once
    JoinResult j = joined.get();
    QCOMPARE(j.error, GroupError::kNone);
    QCOMPARE(j.generationId, 1);
    QCOMPARE(j.leaderId, j.memberId);
    QCOMPARE(*j.protocolName, std::string("range"));
    QCOMPARE(*j.protocolType, std::string("consumer"));
    QCOMPARE(j.members.size(), std::size_t{1});
    QVERIFY(j.members[0].metadata == toBytes("meta"));
    QCOMPARE(h.state("g"), GroupState::kCompletingRebalance);
    QCOMPARE(h.heartbeat("g", j), GroupError::kNone);  // heartbeats are fine while syncing
    SyncResult s = h.sync("g", j, {{j.memberId, toBytes("all")}});
    QCOMPARE(s.error, GroupError::kNone);
    QVERIFY(s.assignment == toBytes("all"));
    QCOMPARE(*s.protocolName, std::string("range"));
    QCOMPARE(h.state("g"), GroupState::kStable);
    QCOMPARE(h.heartbeat("g", j), GroupError::kNone);
    // A later SyncGroup in Stable answers with the stored assignment.
    QVERIFY(h.sync("g", j).assignment == toBytes("all"));
    auto snap = h.coordinator->snapshot("g");
    QCOMPARE(snap->members.size(), std::size_t{1});
    QCOMPARE(snap->members[0].clientId, std::string("app"));
    QCOMPARE(snap->members[0].clientHost, std::string("/127.0.0.1"));
    QVERIFY(snap->members[0].assignment == toBytes("all"));
    QCOMPARE(h.countEvents(GroupEvent::Kind::kRebalanced), 1);
  }

  void olderClientsGetAnIdStraightAway() {
    Harness h;
    JoinRequest r = h.request("g");
    r.requireKnownMemberId = false;  // JoinGroup v0-v3
    JoinResult j = h.coordinator->joinGroup(r).get();
    QCOMPARE(j.error, GroupError::kNone);
    QVERIFY(!j.memberId.empty());
    QCOMPARE(j.generationId, 1);
  }

  void firstJoinerLeadsAndFollowersWaitForTheLeadersSync() {
    Harness h(testConfig(3000));
    auto a = h.join(h.request("g", "a"));
    h.advance(1000);
    auto b = h.join(h.request("g", "b"));
    auto c = h.join(h.request("g", "c"));
    QVERIFY(!ready(a) && !ready(b) && !ready(c));
    // b and c arrived during the initial delay, extending it by one more delay.
    h.advance(2000);
    QVERIFY(!ready(a));
    h.advance(3000);
    QVERIFY(ready(a) && ready(b) && ready(c));
    JoinResult ja = a.get(), jb = b.get(), jc = c.get();
    QCOMPARE(ja.generationId, 1);
    QCOMPARE(jb.generationId, 1);
    QCOMPARE(ja.leaderId, ja.memberId);
    QCOMPARE(jb.leaderId, ja.memberId);
    QCOMPARE(ja.members.size(), std::size_t{3});
    QVERIFY(jb.members.empty() && jc.members.empty());
    // Followers sync first and wait; the leader's SyncGroup releases everyone.
    SyncRequest sb{"g", 1, jb.memberId, std::nullopt, std::nullopt, std::nullopt, {}};
    auto syncB = h.coordinator->syncGroup(sb);
    QVERIFY(!ready(syncB));
    QCOMPARE(
        h.sync(
             "g", ja,
             {{ja.memberId, toBytes("A")}, {jb.memberId, toBytes("B")}, {"made-up", toBytes("X")}})
            .assignment,
        toBytes("A"));
    QVERIFY(ready(syncB));
    QVERIFY(syncB.get().assignment == toBytes("B"));
    // The leader left c out: it gets an empty assignment.
    SyncResult sc = h.sync("g", jc);
    QCOMPARE(sc.error, GroupError::kNone);
    QVERIFY(sc.assignment.empty());
  }

  void groupChoosesAProtocolEveryoneSupports() {
    Harness h(testConfig(100));
    auto a =
        h.join(h.request("g", "a", {{"range", toBytes("ra")}, {"roundrobin", toBytes("rr-a")}}));
    auto b =
        h.join(h.request("g", "b", {{"roundrobin", toBytes("rr-b")}, {"range", toBytes("rb")}}));
    auto c = h.join(h.request("g", "c", {{"roundrobin", toBytes("rr-c")}}));
    // Nothing in common with the group: refused.
    JoinResult d = h.join(h.request("g", "d", {{"sticky", {}}})).get();
    QCOMPARE(d.error, GroupError::kInconsistentGroupProtocol);
    JoinRequest other = h.request("g", "e");
    other.protocolType = "connect";
    QCOMPARE(h.join(other).get().error, GroupError::kInconsistentGroupProtocol);
    h.advance(100);  // b and c arrived during the delay: one more round
    QVERIFY(!ready(a));
    h.advance(100);
    QVERIFY(ready(a));
    JoinResult ja = a.get();
    QCOMPARE(*ja.protocolName, std::string("roundrobin"));
    QCOMPARE(ja.members.size(), std::size_t{3});
    QVERIFY(ja.members[0].metadata == toBytes("rr-a"));
    QVERIFY(ja.members[2].metadata == toBytes("rr-c"));
    QCOMPARE(*b.get().protocolName, std::string("roundrobin"));
    QCOMPARE(c.get().error, GroupError::kNone);
  }

  void newMemberTriggersRebalance() {
    Harness h;
    JoinResult a1 = h.join(h.request("g", "a")).get();
    h.sync("g", a1, {{a1.memberId, toBytes("p0p1")}});
    auto b = h.join(h.request("g", "b"));
    QVERIFY(!ready(b));
    QCOMPARE(h.state("g"), GroupState::kPreparingRebalance);
    QCOMPARE(h.heartbeat("g", a1), GroupError::kRebalanceInProgress);
    // Commits from the old generation are still accepted while preparing.
    OffsetCommitRequest commit{
        "g", a1.generationId, a1.memberId, std::nullopt, {{"t", 0, 42, -1, ""}}};
    QCOMPARE(h.coordinator->commitOffsets(commit)[0].error, GroupError::kNone);
    JoinRequest again = h.request("g", "a");
    again.memberId = a1.memberId;
    auto a2 = h.coordinator->joinGroup(again);
    QVERIFY(ready(a2) && ready(b));
    JoinResult ja = a2.get(), jb = b.get();
    QCOMPARE(ja.generationId, 2);
    QCOMPARE(jb.generationId, 2);
    QCOMPARE(ja.leaderId, a1.memberId);
    QCOMPARE(ja.members.size(), std::size_t{2});
    // The old generation is gone.
    QCOMPARE(h.heartbeat("g", a1), GroupError::kIllegalGeneration);
    QCOMPARE(h.sync("g", a1).error, GroupError::kIllegalGeneration);
  }

  void leaveTriggersRebalanceAndLeadershipMoves() {
    Harness h(testConfig(10));
    auto a = h.join(h.request("g", "a"));
    auto b = h.join(h.request("g", "b"));
    h.advance(20);  // b extended the initial delay by one round
    QVERIFY(ready(a) && ready(b));
    JoinResult ja = a.get(), jb = b.get();
    h.sync("g", ja, {});
    h.sync("g", jb);
    LeaveResult left = h.coordinator->leaveGroup(
        "g", {{ja.memberId, std::nullopt, "bye"}, {"nobody", std::nullopt, ""}});
    QCOMPARE(left.error, GroupError::kNone);
    QCOMPARE(left.members[0].error, GroupError::kNone);
    QCOMPARE(left.members[1].error, GroupError::kUnknownMemberId);
    QCOMPARE(h.state("g"), GroupState::kPreparingRebalance);
    QCOMPARE(h.heartbeat("g", jb), GroupError::kRebalanceInProgress);
    JoinRequest rejoin = h.request("g", "b");
    rejoin.memberId = jb.memberId;
    JoinResult j2 = h.coordinator->joinGroup(rejoin).get();
    QCOMPARE(j2.generationId, 2);
    QCOMPARE(j2.leaderId, jb.memberId);
    QCOMPARE(j2.members.size(), std::size_t{1});
    // The last member leaving empties the group (one more generation, as Kafka does).
    h.sync("g", j2);
    h.coordinator->leaveGroup("g", {{jb.memberId, std::nullopt, ""}});
    QCOMPARE(h.state("g"), GroupState::kEmpty);
    QCOMPARE(h.coordinator->snapshot("g")->generationId, 3);
    QCOMPARE(h.countEvents(GroupEvent::Kind::kMemberLeft), 2);
    QCOMPARE(h.countEvents(GroupEvent::Kind::kGroupEmpty), 1);
  }

  void staticMemberRejoinsWithoutRebalance() {
    Harness h(testConfig(10));
    JoinRequest sr = h.request("g", "static-client");
    sr.groupInstanceId = "instance-1";
    auto s = h.join(sr);  // static members get their id at once
    auto d = h.join(h.request("g", "dynamic"));
    h.advance(20);
    QVERIFY(ready(s) && ready(d));
    JoinResult js = s.get(), jd = d.get();
    QVERIFY(QString::fromStdString(js.memberId).startsWith("instance-1-"));
    QCOMPARE(js.leaderId, js.memberId);
    h.sync("g", js, {{js.memberId, toBytes("S")}, {jd.memberId, toBytes("D")}});
    h.sync("g", jd);
    QCOMPARE(h.state("g"), GroupState::kStable);
    // The static member restarts: same instance id, no member id.
    JoinResult back = h.coordinator->joinGroup(sr).get();
    QCOMPARE(back.error, GroupError::kNone);
    QVERIFY(back.memberId != js.memberId);
    QCOMPARE(back.generationId, js.generationId);
    QCOMPARE(back.leaderId, js.memberId);  // the old id: a returning leader must not assign
    QVERIFY(back.members.empty());
    QCOMPARE(h.state("g"), GroupState::kStable);
    QCOMPARE(h.heartbeat("g", jd), GroupError::kNone);
    QVERIFY(h.sync("g", back).assignment == toBytes("S"));
    // The previous incarnation is fenced.
    QCOMPARE(
        h.coordinator->heartbeat({"g", js.generationId, js.memberId, std::string("instance-1")}),
        GroupError::kFencedInstanceId);
    QCOMPARE(h.coordinator->heartbeat(
                 {"g", back.generationId, back.memberId, std::string("instance-1")}),
             GroupError::kNone);
    // v9+ clients: the returning leader is told it leads but must skip assignment.
    JoinRequest v9 = sr;
    v9.supportSkippingAssignment = true;
    JoinResult again = h.coordinator->joinGroup(v9).get();
    QVERIFY(again.skipAssignment);
    QCOMPARE(again.leaderId, again.memberId);
    QCOMPARE(again.members.size(), std::size_t{2});
    QCOMPARE(h.countEvents(GroupEvent::Kind::kRebalanceStarted), 1);
    // Admin removal by instance id alone.
    LeaveResult removed =
        h.coordinator->leaveGroup("g", {{"", std::string("instance-1"), "admin"}});
    QCOMPARE(removed.members[0].error, GroupError::kNone);
    QCOMPARE(h.state("g"), GroupState::kPreparingRebalance);
  }

  void errors() {
    Harness h;
    JoinRequest r = h.request("");
    QCOMPARE(h.coordinator->joinGroup(r).get().error, GroupError::kInvalidGroupId);
    r = h.request("g");
    r.sessionTimeoutMs = 10;
    QCOMPARE(h.coordinator->joinGroup(r).get().error, GroupError::kInvalidSessionTimeout);
    r = h.request("nope");
    r.memberId = "stale-id";
    QCOMPARE(h.coordinator->joinGroup(r).get().error, GroupError::kUnknownMemberId);
    QCOMPARE(h.coordinator->heartbeat({"nope", 1, "x", std::nullopt}),
             GroupError::kUnknownMemberId);
    QCOMPARE(
        h.coordinator
            ->syncGroup(SyncRequest{"nope", 1, "x", std::nullopt, std::nullopt, std::nullopt, {}})
            .get()
            .error,
        GroupError::kUnknownMemberId);
    JoinResult j = h.join(h.request("g")).get();
    QCOMPARE(h.coordinator->heartbeat({"g", j.generationId + 1, j.memberId, std::nullopt}),
             GroupError::kIllegalGeneration);
    QCOMPARE(h.coordinator->heartbeat({"g", j.generationId, "someone-else", std::nullopt}),
             GroupError::kUnknownMemberId);
    SyncRequest wrongProtocol{
        "g", j.generationId, j.memberId, std::nullopt, std::nullopt, std::string("roundrobin"), {}};
    QCOMPARE(h.coordinator->syncGroup(wrongProtocol).get().error,
             GroupError::kInconsistentGroupProtocol);
    JoinRequest unknownStatic = h.request("g");
    unknownStatic.memberId = j.memberId;
    unknownStatic.groupInstanceId = "never-seen";
    QCOMPARE(h.coordinator->joinGroup(unknownStatic).get().error, GroupError::kUnknownMemberId);
    QCOMPARE(h.coordinator->leaveGroup("", {}).error, GroupError::kInvalidGroupId);
    QCOMPARE(h.coordinator->leaveGroup("unknown", {{"m", std::nullopt, ""}}).members[0].error,
             GroupError::kUnknownMemberId);
  }

  void maxGroupSize() {
    GroupCoordinatorConfig c = testConfig();
    c.maxGroupSize = 1;
    Harness h(c);
    JoinResult a = h.join(h.request("g", "a")).get();
    QCOMPARE(a.error, GroupError::kNone);
    QCOMPARE(h.join(h.request("g", "b")).get().error, GroupError::kGroupMaxSizeReached);
  }

  void describeAndListFollowKafka() {
    Harness h;
    JoinResult j = h.join(h.request("g")).get();
    auto [err, during] = h.coordinator->describeGroup("g");
    QCOMPARE(err, GroupError::kNone);
    QCOMPARE(during.state, GroupState::kCompletingRebalance);
    QVERIFY(during.protocolName.empty());  // only shown once Stable
    h.sync("g", j, {{j.memberId, toBytes("x")}});
    auto [err2, stable] = h.coordinator->describeGroup("g");
    QCOMPARE(stable.protocolName, std::string("range"));
    QVERIFY(stable.members[0].assignment == toBytes("x"));
    QCOMPARE(h.coordinator->describeGroup("missing").first, GroupError::kGroupIdNotFound);
    h.coordinator->commitOffsets({"simple", -1, "", std::nullopt, {{"t", 0, 1, -1, ""}}});
    auto [lerr, all] = h.coordinator->listGroups();
    QCOMPARE(lerr, GroupError::kNone);
    QCOMPARE(all.size(), std::size_t{2});
    auto [lerr2, stableOnly] = h.coordinator->listGroups({GroupState::kStable});
    QCOMPARE(stableOnly.size(), std::size_t{1});
    QCOMPARE(stableOnly[0].groupId, std::string("g"));
    QCOMPARE(stableOnly[0].protocolType, std::string("consumer"));
    QCOMPARE(parseGroupState("preparingrebalance"),
             std::optional<GroupState>(GroupState::kPreparingRebalance));
    QCOMPARE(groupErrorName(GroupError::kFencedInstanceId), std::string_view("FENCED_INSTANCE_ID"));
    QCOMPARE(code(GroupError::kMemberIdRequired), std::int16_t{79});
  }

  void shutdownAnswersWaitingRequests() {
    Harness h(testConfig(1000));
    auto waiting = h.join(h.request("g"));
    QVERIFY(!ready(waiting));
    h.coordinator->shutdown();
    QVERIFY(ready(waiting));
    QCOMPARE(waiting.get().error, GroupError::kNotCoordinator);
    QCOMPARE(h.join(h.request("g")).get().error, GroupError::kCoordinatorNotAvailable);
    QCOMPARE(h.coordinator->listGroups().first, GroupError::kCoordinatorNotAvailable);
  }
};

QTEST_APPLESS_MAIN(GroupMembershipTest)
#include "group_membership_test.moc"
