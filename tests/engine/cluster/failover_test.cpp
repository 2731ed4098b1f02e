// Failover: a leader killed mid-stream loses no acknowledged record; a restarted broker cuts its
// divergent tail (KIP-101) and rejoins the ISR; stale epochs are fenced; unclean election only
// when enabled; preferred-leader election, on demand and automatic.
#include <QTemporaryDir>
#include <QtTest>

#include "cluster_test_util.h"
#include "test_producer.h"

using namespace runnel;
using namespace runnel::cluster;
using namespace runnel::cluster::testing;

namespace {
std::vector<std::string> values(const std::vector<ReadRecord>& records) {
  std::vector<std::string> out;
  out.reserve(records.size());
  for (const auto& r : records)
    out.push_back(r.value);
  return out;
}
}  // namespace

class FailoverTest : public QObject {
  Q_OBJECT
 private slots:
  void leaderKilledMidStreamLosesNothing() {
    QTemporaryDir dir;
    auto config = fastConfig(dir.path().toStdString());
    config.minInsyncReplicas = 2;
    auto c = openOrDie(config);
    QVERIFY(c->controller().createTopic(placedTopic("f", {{1, 2, 3}})).ok());
    TestProducer producer(*c, "f", 1000, "p");
    std::atomic<bool> stop{false};
    std::atomic<int> sent{0};
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    std::thread t([&] {
      for (int i = 0; i < 150 && !stop; ++i) {
        if (!producer.send(0, 10, stop, deadline)) return;
        ++sent;
      }
    });
    QVERIFY(waitUntil([&] { return sent >= 40; }));
    QVERIFY(c->killBroker(1).isOk());
    t.join();
    QVERIFY2(producer.fatal().empty(), producer.fatal().c_str());
    QCOMPARE(sent.load(), 150);
    const PartitionRecord p = state(*c, "f", 0);
    QVERIFY(p.leader == 2 || p.leader == 3);
    QCOMPARE(p.leaderEpoch, 1);
    QVERIFY(waitUntil([&] { return settled(*c, "f", 0); }));
    auto log = readAll(*c->leaderOf({"f", 0}), "f", 0);
    QCOMPARE(int(log.size()), 1500);
    QString problem = QString::fromStdString(checkPartition(log, {&producer}, 0));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // The old leader comes back, catches up, and (auto.leader.rebalance.enable) leads again.
    QVERIFY(c->restartBroker(1).isOk());
    QVERIFY(waitUntil([&] { return state(*c, "f", 0).leader == 1 && settled(*c, "f", 0); }));
    problem =
        QString::fromStdString(checkPartition(readAll(*c->broker(1), "f", 0), {&producer}, 0));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
  }

  void restartedBrokerTruncatesDivergentTail() {
    QTemporaryDir dir;
    auto config = fastConfig(dir.path().toStdString(), 2);
    config.autoLeaderRebalanceEnable = false;
    auto c = openOrDie(config);
    QVERIFY(c->controller().createTopic(placedTopic("d", {{1, 2}})).ok());
    QVERIFY(produce(*c->broker(1), "d", 0, makeBatch(valuesOf("a", 0, 10))).error.ok());
    QVERIFY(waitUntil([&] { return settled(*c, "d", 0); }));
    c->transport().cut(1, 2);
    // Only the leader gets these (acks=1): a tail nobody else has.
    QVERIFY(produce(*c->broker(1), "d", 0, makeBatch(valuesOf("lost", 0, 5)), 1).error.ok());
    QCOMPARE(c->broker(1)->replica({"d", 0})->logEndOffset(), 15);
    QVERIFY(c->killBroker(1).isOk());
    QCOMPARE(state(*c, "d", 0).leader, 2);
    QVERIFY(produce(*c->broker(2), "d", 0, makeBatch(valuesOf("b", 0, 3)), 1).error.ok());
    c->transport().healAll();
    QVERIFY(c->restartBroker(1).isOk());
    QVERIFY(waitUntil([&] { return state(*c, "d", 0).isr == std::vector<std::int32_t>{1, 2}; }));
    QVERIFY(waitUntil([&] { return settled(*c, "d", 0); }));
    auto r1 = c->broker(1)->replica({"d", 0});
    QCOMPARE(r1->logEndOffset(), 13);
    // Read broker 1's copy as a follower would, past nothing: it must equal the leader's.
    auto copy = fetch(*c->broker(1), "d", 0, 0);  // broker 1 is a follower: refused
    QCOMPARE(copy.error.code, ErrorCode::kNotLeaderOrFollower);
    auto bytes = r1->log().read(0, 1 << 20);
    QVERIFY(bytes.isOk());
    auto expected = valuesOf("a", 0, 10);
    for (auto& v : valuesOf("b", 0, 3))
      expected.push_back(v);
    QCOMPARE(values(decode(bytes->records)), expected);
    QCOMPARE(values(readAll(*c->broker(2), "d", 0)), expected);
    bool truncatedEvent = false;
    for (const auto& e : c->events().history()) {
      if (e.kind == ClusterEventKind::kLogTruncated) {
        truncatedEvent = true;
        QCOMPARE(e.brokerId, 1);
        QCOMPARE(e.fromOffset, 15);
        QCOMPARE(e.toOffset, 10);
        QCOMPARE(QString::fromStdString(e.description),
                 QString::fromUtf8(
                     "partition 0 of d on broker 1: divergent tail truncated, log end 15 → 10"));
      }
    }
    QVERIFY(truncatedEvent);
  }

  void staleEpochsAreFenced() {
    QTemporaryDir dir;
    auto config = fastConfig(dir.path().toStdString());
    config.autoLeaderRebalanceEnable = false;
    auto c = openOrDie(config);
    QVERIFY(c->controller().createTopic(placedTopic("s", {{1, 2, 3}})).ok());
    QVERIFY(produce(*c->broker(1), "s", 0, makeBatch({"a"})).error.ok());
    QVERIFY(c->killBroker(1).isOk());
    const PartitionRecord now = state(*c, "s", 0);
    QCOMPARE(now.leader, 2);
    QCOMPARE(now.leaderEpoch, 1);
    auto stale = c->controller().alterPartition({{"s", 0}, 1, 0, 0, {1}});
    QCOMPARE(stale.error().code, ErrorCode::kFencedLeaderEpoch);
    auto oldVersion = c->controller().alterPartition({{"s", 0}, 2, 1, now.partitionEpoch - 1, {2}});
    QCOMPARE(oldVersion.error().code, ErrorCode::kInvalidUpdateVersion);
    auto notLeader = c->controller().alterPartition({{"s", 0}, 3, 1, now.partitionEpoch, {3}});
    QCOMPARE(notLeader.error().code, ErrorCode::kNotLeaderOrFollower);
    auto ok = c->controller().alterPartition({{"s", 0}, 2, 1, now.partitionEpoch, {2}});
    QVERIFY(ok.ok());
    QCOMPARE(ok->partitionEpoch, now.partitionEpoch + 1);

    Broker& leader = *c->broker(2);
    QCOMPARE(fetch(leader, "s", 0, 0, 0, 1, 0, 3).error.code, ErrorCode::kFencedLeaderEpoch);
    QCOMPARE(fetch(leader, "s", 0, 0, 0, 1, 5, 3).error.code, ErrorCode::kUnknownLeaderEpoch);
    QCOMPARE(fetch(leader, "s", 0, 0, 0, 1, 0).error.code, ErrorCode::kFencedLeaderEpoch);
    QVERIFY(fetch(leader, "s", 0, 0, 0, 1, 1).error.ok());
    // The old leader restarts as a follower: it no longer accepts writes.
    QVERIFY(c->restartBroker(1).isOk());
    QCOMPARE(produce(*c->broker(1), "s", 0, makeBatch({"b"})).error.code,
             ErrorCode::kNotLeaderOrFollower);
    QVERIFY(waitUntil([&] { return c->broker(1)->replica({"s", 0})->logEndOffset() == 1; }));
  }

  void uncleanElectionOnlyWhenEnabled() {
    QTemporaryDir dir;
    auto config = fastConfig(dir.path().toStdString(), 2);
    config.replicaLagTimeMaxMs = 200;
    auto c = openOrDie(config);
    QVERIFY(c->controller().createTopic(placedTopic("u", {{1, 2}})).ok());
    QVERIFY(produce(*c->broker(1), "u", 0, makeBatch({"a"})).error.ok());
    c->transport().cut(1, 2);
    QVERIFY(produce(*c->broker(1), "u", 0, makeBatch({"only-on-1"}))
                .error.ok());  // after the ISR shrinks
    QCOMPARE(state(*c, "u", 0).isr, (std::vector<std::int32_t>{1}));
    QVERIFY(c->killBroker(1).isOk());
    PartitionRecord offline = state(*c, "u", 0);
    QCOMPARE(offline.leader, -1);
    QCOMPARE(offline.isr, (std::vector<std::int32_t>{1}));
    QCOMPARE(produce(*c->broker(2), "u", 0, makeBatch({"x"})).error.code,
             ErrorCode::kNotLeaderOrFollower);
    auto snap = c->snapshot();
    QCOMPARE(snap.partitions[0].leader, -1);
    QVERIFY(c->controller().alterConfigs("u", {{"unclean.leader.election.enable", "true"}}).ok());
    const PartitionRecord elected = state(*c, "u", 0);
    QCOMPARE(elected.leader, 2);
    QCOMPARE(elected.isr, (std::vector<std::int32_t>{2}));
    QVERIFY(waitUntil([&] { return c->leaderOf({"u", 0}) != nullptr; }));
    QCOMPARE(values(readAll(*c->broker(2), "u", 0)),
             (std::vector<std::string>{"a"}));  // "only-on-1" is lost
    QVERIFY(produce(*c->broker(2), "u", 0, makeBatch({"b"})).error.ok());
  }

  void offlinePartitionReturnsWithItsLastReplica() {
    QTemporaryDir dir;
    auto c = openOrDie(fastConfig(dir.path().toStdString()));
    QVERIFY(c->controller().createTopic(placedTopic("one", {{2}})).ok());
    QVERIFY(produce(*c->broker(2), "one", 0, makeBatch({"kept"})).error.ok());
    QVERIFY(c->killBroker(2).isOk());
    QCOMPARE(state(*c, "one", 0).leader, -1);
    QVERIFY(c->restartBroker(2).isOk());
    QCOMPARE(state(*c, "one", 0).leader, 2);
    QVERIFY(waitUntil([&] { return c->leaderOf({"one", 0}) != nullptr; }));
    QCOMPARE(values(readAll(*c->broker(2), "one", 0)), (std::vector<std::string>{"kept"}));
  }

  void preferredLeaderElection() {
    QTemporaryDir dir;
    auto config = fastConfig(dir.path().toStdString());
    config.autoLeaderRebalanceEnable = false;
    auto c = openOrDie(config);
    QVERIFY(c->controller().createTopic(placedTopic("p", {{1, 2, 3}, {2, 3, 1}})).ok());
    QVERIFY(c->killBroker(1).isOk());
    QCOMPARE(state(*c, "p", 0).leader, 2);
    QVERIFY(c->restartBroker(1).isOk());
    QVERIFY(waitUntil([&] { return state(*c, "p", 0).isr.size() == 3; }));
    QCOMPARE(state(*c, "p", 0).leader, 2);  // no automatic move
    auto results = c->controller().electPreferredLeaders();
    QCOMPARE(int(results.size()), 2);
    QVERIFY(results[0].error.ok());
    QCOMPARE(results[1].error.code, ErrorCode::kElectionNotNeeded);
    QCOMPARE(state(*c, "p", 0).leader, 1);
    QVERIFY(waitUntil([&] { return c->leaderOf({"p", 0}) == c->broker(1); }));
    QVERIFY(produce(*c->broker(1), "p", 0, makeBatch({"back"})).error.ok());
    QCOMPARE(c->controller().electPreferredLeaders({{"p", 0}})[0].error.code,
             ErrorCode::kElectionNotNeeded);
    QVERIFY(c->killBroker(1).isOk());
    QCOMPARE(c->controller().electPreferredLeaders({{"p", 0}})[0].error.code,
             ErrorCode::kPreferredLeaderNotAvailable);
    QCOMPARE(c->controller().electPreferredLeaders({{"nope", 0}})[0].error.code,
             ErrorCode::kUnknownTopicOrPartition);
  }
};

QTEST_APPLESS_MAIN(FailoverTest)
#include "failover_test.moc"
