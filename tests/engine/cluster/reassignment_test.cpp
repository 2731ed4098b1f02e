// Partition reassignment (KIP-455) and preferred-leader election: replicas move under a running
// acks=all producer without losing an acknowledged record, the removed replica's log is deleted
// and a removed leader hands over; a reassignment is listed while it runs, can be cancelled,
// survives a cluster restart and a broker killed in the middle; bad targets are refused.
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

#include "cluster_test_util.h"
#include "test_producer.h"

using namespace runnel;
using namespace runnel::cluster;
using namespace runnel::cluster::testing;

namespace {

using Ids = std::vector<std::int32_t>;

bool hostsDir(Cluster& c, int broker, const std::string& partitionDir) {
  return std::filesystem::exists(std::filesystem::path(c.broker(broker)->dir()) / partitionDir);
}

bool reassigning(Cluster& c, const std::string& topic, int partition) {
  return !c.controller().reassignments({{topic, partition}}).empty();
}

// Every acknowledged record is on the leader, once and in order, and every target replica holds
// the leader's log.
void checkEveryReplica(Cluster& c, const std::string& topic, const Ids& replicas,
                       const BackgroundProducer& load) {
  Broker* leader = c.leaderOf({topic, 0});
  QVERIFY(leader);
  const FetchPartitionResult probe = fetch(*leader, topic, 0, 0);
  QVERIFY2(probe.error.ok(), probe.error.toString().c_str());
  const auto log = readAll(*leader, topic, 0);
  // The batch in flight when the producer stopped may or may not have been written.
  const int acked = int(load.producer().acked().at(0).size());
  QVERIFY2(int(log.size()) == acked || int(log.size()) == acked + 10,
           qPrintable(QStringLiteral("%1 records, %2 acknowledged").arg(log.size()).arg(acked)));
  const QString problem = QString::fromStdString(checkPartition(log, {&load.producer()}, 0));
  QVERIFY2(problem.isEmpty(), qPrintable(problem));
  const std::int64_t end = leader->replica({topic, 0})->logEndOffset();
  for (std::int32_t b : replicas)
    QCOMPARE(c.broker(b)->replica({topic, 0})->logEndOffset(), end);
}

}  // namespace

class ReassignmentTest : public QObject {
  Q_OBJECT
 private slots:
  void reassignUnderLoadLosesNothing() {
    QTemporaryDir dir;
    auto config = fastConfig(dir.path().toStdString(), 4);
    config.minInsyncReplicas = 2;
    auto c = openOrDie(config);
    QVERIFY(c->controller().createTopic(placedTopic("r", {{1, 2, 3}})).ok());
    QVERIFY(waitUntil([&] { return state(*c, "r", 0).isr.size() == 3; }));
    const PartitionRecord before = state(*c, "r", 0);
    QCOMPARE(before.leader, 1);
    BackgroundProducer load(*c, "r", 2000);
    QVERIFY(waitUntil([&] { return load.sent() >= 30; }));
    // Broker 1 (the leader) leaves, broker 4 joins and becomes the preferred leader.
    QVERIFY(c->controller().alterReassignment({"r", 0}, Ids{4, 2, 3}).ok());
    QVERIFY(waitUntil([&] { return !reassigning(*c, "r", 0); }));
    QVERIFY(waitUntil([&] { return load.sent() >= 60; }));
    load.finish();
    QVERIFY2(load.producer().fatal().empty(), load.producer().fatal().c_str());
    const PartitionRecord after = state(*c, "r", 0);
    QCOMPARE(after.replicas, (Ids{4, 2, 3}));
    QVERIFY(after.addingReplicas.empty() && after.removingReplicas.empty());
    QCOMPARE(after.leader, 4);
    QVERIFY(after.leaderEpoch > before.leaderEpoch);
    QVERIFY(after.partitionEpoch > before.partitionEpoch);
    QVERIFY(waitUntil([&] { return settled(*c, "r", 0); }));
    QVERIFY(waitUntil([&] { return !hostsDir(*c, 1, "r-0"); }));
    QVERIFY(c->broker(1)->replica({"r", 0}) == nullptr);
    checkEveryReplica(*c, "r", {4, 2, 3}, load);
  }

  void listedWhileRunningCancelledAndResumedAfterRestart() {
    QTemporaryDir dir;
    auto c = openOrDie(fastConfig(dir.path().toStdString(), 4));
    QVERIFY(c->controller().createTopic(placedTopic("c", {{1, 2, 3}})).ok());
    QVERIFY(waitUntil([&] { return state(*c, "c", 0).isr.size() == 3; }));
    QVERIFY(produce(*c->broker(1), "c", 0, makeBatch(valuesOf("v", 0, 5)), -1).error.ok());
    // With broker 4 down the reassignment cannot finish.
    QVERIFY(c->killBroker(4).isOk());
    QVERIFY(c->controller().alterReassignment({"c", 0}, Ids{2, 3, 4}).ok());
    auto listed = c->controller().reassignments();
    QCOMPARE(int(listed.size()), 1);
    QCOMPARE(listed[0].replicas, (Ids{2, 3, 4, 1}));
    QCOMPARE(listed[0].addingReplicas, (Ids{4}));
    QCOMPARE(listed[0].removingReplicas, (Ids{1}));
    QCOMPARE(state(*c, "c", 0).leader, 1);  // still a replica until the end
    const std::int32_t epochBefore = state(*c, "c", 0).partitionEpoch;
    QCOMPARE(c->controller().alterReassignment({"c", 0}, std::nullopt).code, ErrorCode::kNone);
    const PartitionRecord back = state(*c, "c", 0);
    QCOMPARE(back.replicas, (Ids{2, 3, 1}));
    QVERIFY(back.addingReplicas.empty() && back.removingReplicas.empty());
    QVERIFY(back.partitionEpoch > epochBefore);
    QCOMPARE(back.leader, 1);
    QCOMPARE(c->controller().alterReassignment({"c", 0}, std::nullopt).code,
             ErrorCode::kNoReassignmentInProgress);
    // Broker 4 left before it caught up: on restart its copy is a stray directory.
    QVERIFY(c->restartBroker(4).isOk());
    QVERIFY(!hostsDir(*c, 4, "c-0"));

    // Again, then the whole cluster stops: the metadata store keeps the reassignment, and once
    // broker 4 is back it completes.
    QVERIFY(c->killBroker(4).isOk());
    QVERIFY(c->controller().alterReassignment({"c", 0}, Ids{2, 3, 4}).ok());
    QVERIFY(c->close().isOk());
    c.reset();
    {
      auto store = MetadataStore::open(dir.filePath("metadata.db").toStdString());
      QVERIFY(store.isOk());
      auto stored = (*store)->partitions("c");
      QVERIFY(stored.isOk());
      QCOMPARE(stored->at(0).addingReplicas, (Ids{4}));
      QCOMPARE(stored->at(0).removingReplicas, (Ids{1}));
    }
    c = openOrDie(fastConfig(dir.path().toStdString(), 4));
    QVERIFY(waitUntil([&] { return !reassigning(*c, "c", 0); }));
    QCOMPARE(state(*c, "c", 0).replicas, (Ids{2, 3, 4}));
    QVERIFY(waitUntil([&] { return !hostsDir(*c, 1, "c-0"); }));
    QVERIFY(waitUntil([&] { return settled(*c, "c", 0); }));
    QCOMPARE(values(readAll(*c->leaderOf({"c", 0}), "c", 0)), valuesOf("v", 0, 5));
    QCOMPARE(c->broker(4)->replica({"c", 0})->logEndOffset(), 5);
  }

  void brokerKilledMidReassignmentLosesNothing() {
    QTemporaryDir dir;
    auto config = fastConfig(dir.path().toStdString(), 4);
    config.minInsyncReplicas = 2;
    auto c = openOrDie(config);
    QVERIFY(c->controller().createTopic(placedTopic("k", {{1, 2, 3}})).ok());
    QVERIFY(waitUntil([&] { return state(*c, "k", 0).isr.size() == 3; }));
    BackgroundProducer load(*c, "k", 3000);
    QVERIFY(waitUntil([&] { return load.sent() >= 20; }));
    // The incoming replica dies before it is in sync; the leader (leaving) dies too.
    QVERIFY(c->killBroker(4).isOk());
    QVERIFY(c->controller().alterReassignment({"k", 0}, Ids{4, 2, 3}).ok());
    QVERIFY(waitUntil([&] { return load.sent() >= 40; }));
    QVERIFY(c->killBroker(1).isOk());
    QVERIFY(waitUntil([&] { return load.sent() >= 60; }));
    QVERIFY(reassigning(*c, "k", 0));
    QVERIFY(c->restartBroker(4).isOk());
    QVERIFY(waitUntil([&] { return !reassigning(*c, "k", 0); }));
    QVERIFY(c->restartBroker(1).isOk());
    QVERIFY(waitUntil([&] { return load.sent() >= 80; }));
    load.finish();
    QVERIFY2(load.producer().fatal().empty(), load.producer().fatal().c_str());
    const PartitionRecord after = state(*c, "k", 0);
    QCOMPARE(after.replicas, (Ids{4, 2, 3}));
    QVERIFY(after.leader == 2 || after.leader == 3 || after.leader == 4);
    // Broker 1 was down when it was dropped: it deletes its copy on restart.
    QVERIFY(!hostsDir(*c, 1, "k-0"));
    QVERIFY(waitUntil([&] { return settled(*c, "k", 0); }));
    checkEveryReplica(*c, "k", {4, 2, 3}, load);
  }

  void badTargetsAreRefused() {
    QTemporaryDir dir;
    auto c = openOrDie(fastConfig(dir.path().toStdString(), 3));
    QVERIFY(c->controller().createTopic(placedTopic("b", {{1, 2}})).ok());
    auto& ctl = c->controller();
    QCOMPARE(ctl.alterReassignment({"b", 0}, Ids{1, 9}).code, ErrorCode::kInvalidReplicaAssignment);
    QCOMPARE(ctl.alterReassignment({"b", 0}, Ids{2, 2}).code, ErrorCode::kInvalidReplicaAssignment);
    QCOMPARE(ctl.alterReassignment({"b", 0}, Ids{}).code, ErrorCode::kInvalidReplicaAssignment);
    QCOMPARE(ctl.alterReassignment({"b", 5}, Ids{1, 2}).code, ErrorCode::kUnknownTopicOrPartition);
    QCOMPARE(ctl.alterReassignment({"nope", 0}, Ids{1}).code, ErrorCode::kUnknownTopicOrPartition);
    QCOMPARE(state(*c, "b", 0).replicas, (Ids{1, 2}));
    QVERIFY(ctl.reassignments().empty());
  }

  void reorderThenPreferredElection() {
    QTemporaryDir dir;
    auto config = fastConfig(dir.path().toStdString(), 3);
    config.autoLeaderRebalanceEnable = false;
    auto c = openOrDie(config);
    QVERIFY(c->controller().createTopic(placedTopic("e", {{1, 2, 3}, {2, 3, 1}})).ok());
    QVERIFY(waitUntil([&] { return state(*c, "e", 0).isr.size() == 3; }));
    // Only the order changes: done at once, the leader stays where it is.
    QVERIFY(c->controller().alterReassignment({"e", 0}, Ids{3, 1, 2}).ok());
    PartitionRecord p = state(*c, "e", 0);
    QCOMPARE(p.replicas, (Ids{3, 1, 2}));
    QCOMPARE(p.leader, 1);
    QVERIFY(!reassigning(*c, "e", 0));
    auto results = c->controller().electPreferredLeaders({{"e", 0}, {"e", 1}, {"e", 9}});
    QCOMPARE(int(results.size()), 3);
    QCOMPARE(results[0].error.code, ErrorCode::kNone);
    QCOMPARE(results[1].error.code, ErrorCode::kElectionNotNeeded);
    QCOMPARE(results[2].error.code, ErrorCode::kUnknownTopicOrPartition);
    p = state(*c, "e", 0);
    QCOMPARE(p.leader, 3);
    QCOMPARE(p.leaderEpoch, 1);
    QVERIFY(waitUntil([&] {
      return c->broker(3)->replica({"e", 0})->info().role == ReplicaRole::kLeader;
    }));
    // The preferred replica is down: it cannot lead.
    QVERIFY(c->controller().alterReassignment({"e", 1}, Ids{1, 2, 3}).ok());
    QVERIFY(c->killBroker(1).isOk());
    results = c->controller().electPreferredLeaders({{"e", 1}});
    QCOMPARE(results[0].error.code, ErrorCode::kPreferredLeaderNotAvailable);
    QCOMPARE(state(*c, "e", 1).leader, 2);
  }

 private:
  static std::vector<std::string> values(const std::vector<ReadRecord>& records) {
    std::vector<std::string> out;
    out.reserve(records.size());
    for (const auto& r : records)
      out.push_back(r.value);
    return out;
  }
};

QTEST_GUILESS_MAIN(ReassignmentTest)
#include "reassignment_test.moc"
