// Offsets through the group coordinator: simple commits from outside any group, member commits
// with generation checks, per-partition errors, fetch, survival across a coordinator restart on
// a file-backed metadata store, OffsetDelete and DeleteGroups.
#include "group_test_util.h"

#include <QTemporaryDir>

using namespace runnel;
using namespace runnel::group;
using namespace runnel::group::testing;

namespace {
OffsetCommitRequest commit(const std::string& group, std::int32_t generation,
                           const std::string& member, std::vector<OffsetCommitEntry> offsets) {
  return {group, generation, member, std::nullopt, std::move(offsets)};
}
}  // namespace

class GroupOffsetsTest : public QObject {
  Q_OBJECT
 private slots:
  void simpleCommitCreatesAnEmptyGroup() {
    Harness h;
    auto r = h.coordinator->commitOffsets(
        commit("manual", -1, "", {{"t", 0, 10, 3, "m"}, {"t", 1, 20, -1, ""}}));
    QCOMPARE(r.size(), std::size_t{2});
    QCOMPARE(r[0].error, GroupError::kNone);
    QCOMPARE(h.state("manual"), GroupState::kEmpty);
    auto f = h.coordinator->fetchOffsets("manual");
    QCOMPARE(f.error, GroupError::kNone);
    QCOMPARE(f.offsets.size(), std::size_t{2});
    QCOMPARE(f.offsets[0].offset, std::int64_t{10});
    QCOMPARE(f.offsets[0].leaderEpoch, 3);
    QCOMPARE(f.offsets[0].metadata, std::string("m"));
    auto some =
        h.coordinator->fetchOffsets("manual", std::vector<PartitionRef>{{"t", 1}, {"t", 9}});
    QCOMPARE(some.offsets[0].offset, std::int64_t{20});
    QCOMPARE(some.offsets[1].offset, std::int64_t{-1});  // nothing committed
    QVERIFY(h.coordinator->fetchOffsets("nobody").offsets.empty());
    // A generation we never handed out.
    QCOMPARE(h.coordinator->commitOffsets(commit("other", 3, "m", {{"t", 0, 1, -1, ""}}))[0].error,
             GroupError::kIllegalGeneration);
  }

  void memberCommitsAreCheckedAgainstTheGeneration() {
    Harness h(testConfig(10));
    auto fa = h.join(h.request("g"));
    h.advance(10);
    QVERIFY(ready(fa));
    JoinResult a = fa.get();
    // Between JoinGroup and SyncGroup commits are refused.
    QCOMPARE(h.coordinator
                 ->commitOffsets(commit("g", a.generationId, a.memberId, {{"t", 0, 5, -1, ""}}))[0]
                 .error,
             GroupError::kRebalanceInProgress);
    h.sync("g", a, {});
    QCOMPARE(h.coordinator
                 ->commitOffsets(commit("g", a.generationId, a.memberId, {{"t", 0, 5, -1, ""}}))[0]
                 .error,
             GroupError::kNone);
    QCOMPARE(
        h.coordinator
            ->commitOffsets(commit("g", a.generationId - 1, a.memberId, {{"t", 0, 6, -1, ""}}))[0]
            .error,
        GroupError::kIllegalGeneration);
    QCOMPARE(h.coordinator
                 ->commitOffsets(commit("g", a.generationId, "stranger", {{"t", 0, 6, -1, ""}}))[0]
                 .error,
             GroupError::kUnknownMemberId);
    // Outsiders cannot commit while the group has members.
    QCOMPARE(h.coordinator->commitOffsets(commit("g", -1, "", {{"t", 0, 6, -1, ""}}))[0].error,
             GroupError::kUnknownMemberId);
    QCOMPARE(h.coordinator->fetchOffsets("g").offsets[0].offset, std::int64_t{5});
    // A commit counts as a heartbeat.
    for (int i = 0; i < 3; ++i) {
      h.advance(6000);
      h.coordinator->commitOffsets(
          commit("g", a.generationId, a.memberId, {{"t", 0, 7 + i, -1, ""}}));
    }
    QCOMPARE(h.state("g"), GroupState::kStable);
  }

  void perPartitionErrors() {
    GroupCoordinatorConfig c = testConfig();
    c.maxOffsetMetadataBytes = 4;
    c.partitionExists = [](const std::string& topic, std::int32_t p) {
      return topic == "t" && p < 2;
    };
    Harness h(c);
    auto r = h.coordinator->commitOffsets(commit("g", -1, "",
                                                 {{"t", 0, 1, -1, "ok"},
                                                  {"t", 1, 1, -1, "too long"},
                                                  {"t", 5, 1, -1, ""},
                                                  {"x", 0, 1, -1, ""}}));
    QCOMPARE(r[0].error, GroupError::kNone);
    QCOMPARE(r[1].error, GroupError::kOffsetMetadataTooLarge);
    QCOMPARE(r[2].error, GroupError::kUnknownTopicOrPartition);
    QCOMPARE(r[3].error, GroupError::kUnknownTopicOrPartition);
    QCOMPARE(h.coordinator->fetchOffsets("g").offsets.size(), std::size_t{1});
  }

  void offsetsSurviveACoordinatorRestart() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = (dir.path() + "/meta.db").toStdString();
    {
      Harness h(testConfig(), path);
      JoinResult a = h.join(h.request("g")).get();
      h.sync("g", a, {});
      QCOMPARE(h.coordinator
                   ->commitOffsets(
                       commit("g", a.generationId, a.memberId, {{"orders", 2, 99, 4, "meta"}}))[0]
                   .error,
               GroupError::kNone);
    }
    Harness restarted(testConfig(), path);
    auto [err, groups] = restarted.coordinator->listGroups();
    QCOMPARE(groups.size(), std::size_t{1});
    QCOMPARE(groups[0].groupId, std::string("g"));
    QCOMPARE(groups[0].state, GroupState::kEmpty);  // membership is not persisted; offsets are
    auto f = restarted.coordinator->fetchOffsets("g");
    QCOMPARE(f.offsets.size(), std::size_t{1});
    QCOMPARE(f.offsets[0].topic, std::string("orders"));
    QCOMPARE(f.offsets[0].partition, 2);
    QCOMPARE(f.offsets[0].offset, std::int64_t{99});
    QCOMPARE(f.offsets[0].leaderEpoch, 4);
    QCOMPARE(f.offsets[0].metadata, std::string("meta"));
    // The restarted group accepts simple commits (it is Empty).
    QCOMPARE(
        restarted.coordinator->commitOffsets(commit("g", -1, "", {{"orders", 2, 100, -1, ""}}))[0]
            .error,
        GroupError::kNone);
  }

  void deleteOffsetsAndGroups() {
    Harness h;
    // A consumer subscription (v0: topics [t]) so the coordinator knows what the group reads.
    const Bytes subscription = {0, 0, 0, 0, 0, 1, 0, 1, 't', 0xff, 0xff, 0xff, 0xff};
    JoinResult a = h.join(h.request("g", "c", {{"range", subscription}})).get();
    h.sync("g", a, {});
    h.coordinator->commitOffsets(
        commit("g", a.generationId, a.memberId, {{"t", 0, 1, -1, ""}, {"old", 0, 2, -1, ""}}));
    auto del = h.coordinator->deleteOffsets("g", {{"t", 0}, {"old", 0}});
    QCOMPARE(del.error, GroupError::kNone);
    QCOMPARE(del.partitions.size(), std::size_t{2});
    for (const PartitionResult& p : del.partitions) {
      QCOMPARE(p.error, p.topic == "t" ? GroupError::kGroupSubscribedToTopic : GroupError::kNone);
    }
    QCOMPARE(h.coordinator->fetchOffsets("g").offsets.size(), std::size_t{1});
    QCOMPARE(h.coordinator->deleteGroups({"g"}).at("g"), GroupError::kNonEmptyGroup);
    h.coordinator->leaveGroup("g", {{a.memberId, std::nullopt, ""}});
    QCOMPARE(h.state("g"), GroupState::kEmpty);
    QCOMPARE(h.coordinator->deleteOffsets("g", {{"t", 0}}).partitions[0].error, GroupError::kNone);
    h.coordinator->commitOffsets(commit("g", -1, "", {{"t", 0, 3, -1, ""}}));
    auto deleted = h.coordinator->deleteGroups({"g", "ghost"});
    QCOMPARE(deleted.at("g"), GroupError::kNone);
    QCOMPARE(deleted.at("ghost"), GroupError::kGroupIdNotFound);
    QVERIFY(!h.coordinator->snapshot("g"));
    QVERIFY(h.coordinator->fetchOffsets("g").offsets.empty());
    QCOMPARE(h.coordinator->deleteOffsets("ghost", {{"t", 0}}).error, GroupError::kGroupIdNotFound);
    QCOMPARE(h.countEvents(GroupEvent::Kind::kGroupDeleted), 1);
  }
};

QTEST_APPLESS_MAIN(GroupOffsetsTest)
#include "group_offsets_test.moc"
