// Removing brokers (Cluster::removeBroker): an idle broker goes at once; a busy one is drained
// under an acks=all producer without losing an acknowledged record, replication factors kept
// and ISRs full again; a dead broker's replicas are rebuilt from the leaders; the controller
// moves off a removed broker; refusals say why; removed ids stay removed across a restart and
// are never reused. Also the drain planner's load spreading.
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

#include "cluster_test_util.h"
#include "engine/cluster/broker_drain_plan.h"
#include "test_producer.h"

using namespace runnel;
using namespace runnel::cluster;
using namespace runnel::cluster::testing;

namespace {

using Ids = std::vector<std::int32_t>;

bool referencesAnywhere(Cluster& c, std::int32_t id) {
  for (const PartitionRecord& p : c.controller().partitions()) {
    if (partitionReferences(p, id)) return true;
  }
  return false;
}

std::vector<ClusterEvent> eventsOf(Cluster& c, ClusterEventKind kind) {
  std::vector<ClusterEvent> out;
  for (auto& e : c.events().history()) {
    if (e.kind == kind) out.push_back(e);
  }
  return out;
}

// Every partition of `topic` has `rf` replicas, none on `gone`, all in sync and holding the
// leader's log.
void checkHealthy(Cluster& c, const std::string& topic, std::size_t rf, std::int32_t gone) {
  for (const PartitionRecord& p : c.controller().partitions(topic)) {
    QCOMPARE(p.replicas.size(), rf);
    QVERIFY(!partitionReferences(p, gone));
    QVERIFY(waitUntil([&] { return state(c, topic, p.partition).isr.size() == rf; }));
    QVERIFY(waitUntil([&] { return settled(c, topic, p.partition); }));
  }
}

}  // namespace

class ClusterRemovalTest : public QObject {
  Q_OBJECT
 private slots:
  void planSpreadsMovesOverTheLeastLoaded() {
    // Broker 4 holds six replicas; 1, 2 and 3 are equally loaded, so each takes two, and where
    // 4 was the preferred leader the next replica becomes preferred.
    std::vector<PartitionRecord> parts;
    const std::vector<Ids> replicas{{4, 1}, {4, 2}, {4, 3}, {1, 4}, {2, 4}, {3, 4}};
    for (std::size_t i = 0; i < replicas.size(); ++i) {
      PartitionRecord p;
      p.topic = "t";
      p.partition = static_cast<std::int32_t>(i);
      p.replicas = replicas[i];
      p.isr = replicas[i];
      p.leader = replicas[i][0];
      parts.push_back(p);
    }
    auto plan = planBrokerDrain(4, true, parts, {1, 2, 3});
    QVERIFY2(plan.isOk(), plan.status().toString().c_str());
    QCOMPARE(int(plan->moves.size()), 6);
    QCOMPARE(plan->movesPerBroker, (std::map<std::int32_t, int>{{1, 2}, {2, 2}, {3, 2}}));
    for (const DrainMove& m : plan->moves) {
      QCOMPARE(m.target.size(), std::size_t(2));
      QVERIFY(!containsBrokerTest(m.target, 4));
      if (m.tp.partition < 3) QCOMPARE(m.target.back(), m.to);  // newcomer last
    }
    QCOMPARE(describeDrainTargets(plan->movesPerBroker),
             std::string("2 to broker 1, 2 to broker 2, 2 to broker 3"));
    // A dead broker's partition without a live leader cannot be rebuilt.
    parts[0].leader = kNoLeader;
    auto refused = planBrokerDrain(4, false, parts, {1, 2, 3});
    QVERIFY(!refused.isOk());
    QVERIFY(refused.status().message().find("partition 0 of topic 't'") != std::string::npos);
  }

  void removeIdleBroker() {
    QTemporaryDir dir;
    auto c = openOrDie(fastConfig(dir.path().toStdString(), 4));
    QVERIFY(c->controller().createTopic(placedTopic("idle", {{1, 2}, {2, 3}})).ok());
    const std::string brokerDir = c->broker(4)->dir();
    QVERIFY(std::filesystem::exists(brokerDir));
    QVERIFY(c->removeBroker(4).isOk());
    QCOMPARE(c->brokerIds(), (Ids{1, 2, 3}));
    QCOMPARE(c->brokerCount(), 3);
    QVERIFY(c->broker(4) == nullptr);
    QVERIFY(!std::filesystem::exists(brokerDir));
    QVERIFY(!c->removal().has_value());
    QCOMPARE(c->removedBrokerIds(), (Ids{4}));
    QCOMPARE(c->controller().aliveBrokers(), (std::set<std::int32_t>{1, 2, 3}));
    const auto draining = eventsOf(*c, ClusterEventKind::kBrokerDraining);
    QCOMPARE(int(draining.size()), 1);
    QCOMPARE(draining[0].description, std::string("broker 4 draining: no replicas to move"));
    const auto removed = eventsOf(*c, ClusterEventKind::kBrokerRemoved);
    QCOMPARE(int(removed.size()), 1);
    QCOMPARE(removed[0].description, std::string("broker 4 removed"));
    for (const auto& b : c->snapshot().brokers)
      QVERIFY(b.id != 4);
    // New topics never land on it; a later broker gets a fresh id.
    QVERIFY(c->controller().createTopic(newTopic("after", 6, 3)).ok());
    QVERIFY(!referencesAnywhere(*c, 4));
    auto added = c->addBroker();
    QVERIFY(added.isOk());
    QCOMPARE(*added, 5);
    QCOMPARE(c->brokerIds(), (Ids{1, 2, 3, 5}));
  }

  void removeBusyBrokerUnderLoad() {
    QTemporaryDir dir;
    auto config = fastConfig(dir.path().toStdString(), 4);
    config.minInsyncReplicas = 2;
    auto c = openOrDie(config);
    // Broker 2 leads partitions 0 and 2 and follows in 1.
    QVERIFY(c->controller()
                .createTopic(placedTopic("busy", {{2, 1, 3}, {1, 2, 3}, {2, 3, 4}, {3, 4, 1}}))
                .ok());
    for (int p = 0; p < 4; ++p)
      QVERIFY(waitUntil([&] { return state(*c, "busy", p).isr.size() == 3; }));
    BackgroundProducer load(*c, "busy", 3000, 4);
    QVERIFY(waitUntil([&] { return load.sent() >= 20; }));
    std::vector<ClusterEvent> seen;
    std::mutex seenMu;
    const int handle = c->events().subscribe([&](const ClusterEvent& e) {
      std::lock_guard lock(seenMu);
      seen.push_back(e);
    });
    const Status s = c->removeBroker(2);
    c->events().unsubscribe(handle);
    QVERIFY2(s.isOk(), s.toString().c_str());
    QVERIFY(waitUntil([&] { return load.sent() >= 40; }));
    load.finish();
    QVERIFY2(load.producer().fatal().empty(), load.producer().fatal().c_str());
    QCOMPARE(c->brokerIds(), (Ids{1, 3, 4}));
    checkHealthy(*c, "busy", 3, 2);
    for (int p = 0; p < 4; ++p) {
      Broker* leader = c->leaderOf({"busy", p});
      QVERIFY(leader && leader->id() != 2);
      const auto log = readAll(*leader, "busy", p);
      auto acked = load.producer().acked();
      const std::size_t ack = acked.count(p) ? acked.at(p).size() : 0;
      QVERIFY2(log.size() == ack || log.size() == ack + 10,
               qPrintable(QStringLiteral("partition %1: %2 records, %3 acknowledged")
                              .arg(p)
                              .arg(log.size())
                              .arg(ack)));
      const QString problem = QString::fromStdString(checkPartition(log, {&load.producer()}, p));
      QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    std::lock_guard lock(seenMu);
    QVERIFY(!seen.empty());
    QCOMPARE(seen.front().kind, ClusterEventKind::kBrokerDraining);
    QCOMPARE(seen.front().description,
             std::string("broker 2 draining: 3 replicas to move (1 to broker 1, 2 to broker 4)"));
    QCOMPARE(seen.back().kind, ClusterEventKind::kBrokerRemoved);
    QCOMPARE(seen.back().description, std::string("broker 2 removed (3 replicas moved)"));
  }

  void refusals() {
    QTemporaryDir dir;
    auto c = openOrDie(fastConfig(dir.path().toStdString(), 3));
    QVERIFY(c->controller().createTopic(newTopic("wide", 2, 3)).ok());
    Status s = c->removeBroker(2);
    QCOMPARE(s.code(), Status::Code::kInvalidArgument);
    QVERIFY2(s.message().find("topic 'wide' has replication factor 3 but only 2 live brokers") !=
                 std::string::npos,
             s.message().c_str());
    QVERIFY(c->broker(2) != nullptr);
    QVERIFY(eventsOf(*c, ClusterEventKind::kBrokerDraining).empty());
    s = c->removeBroker(9);
    QCOMPARE(s.code(), Status::Code::kNotFound);
    QCOMPARE(s.message(), std::string("no broker 9"));
    QVERIFY(c->controller().deleteTopic("wide").ok());
    QVERIFY(c->removeBroker(3).isOk());
    s = c->removeBroker(3);
    QCOMPARE(s.code(), Status::Code::kNotFound);
    QCOMPARE(s.message(), std::string("broker 3 was already removed"));
    QVERIFY(c->pauseBroker(2).isOk());
    s = c->removeBroker(2);
    QCOMPARE(s.code(), Status::Code::kUnavailable);
    QVERIFY(c->resumeBroker(2).isOk());
    QVERIFY(c->removeBroker(2).isOk());
    s = c->removeBroker(1);
    QCOMPARE(s.code(), Status::Code::kInvalidArgument);
    QCOMPARE(s.message(), std::string("cannot remove broker 1: it is the last broker"));
  }

  void oneRemovalAtATimeAndTimeout() {
    QTemporaryDir dir;
    auto c = openOrDie(fastConfig(dir.path().toStdString(), 4));
    QVERIFY(c->controller().createTopic(placedTopic("slow", {{1, 3}})).ok());
    QVERIFY(waitUntil([&] { return state(*c, "slow", 0).isr.size() == 2; }));
    // Broker 3's replacement (2, the least loaded) cannot reach the leader: the move hangs.
    c->transport().cut(1, 2);
    Status first;
    std::thread remover([&] { first = c->removeBroker(3, /*timeoutMs=*/1500); });
    QVERIFY(waitUntil([&] { return c->removal().has_value(); }));
    QCOMPARE(c->removal()->brokerId, 3);
    QCOMPARE(c->removal()->replicasToMove, 1);
    const auto snap = c->snapshot();
    for (const auto& b : snap.brokers)
      QCOMPARE(b.draining, b.id == 3);
    const Status second = c->removeBroker(4);
    QCOMPARE(second.code(), Status::Code::kUnavailable);
    QVERIFY2(second.message().find("broker 3 is being removed") != std::string::npos,
             second.message().c_str());
    remover.join();
    QCOMPARE(first.code(), Status::Code::kTimedOut);
    QVERIFY(c->broker(3) != nullptr);
    QVERIFY(!c->removal().has_value());
    QCOMPARE(int(eventsOf(*c, ClusterEventKind::kBrokerRemovalFailed).size()), 1);
    // Healed, the move finishes and a second try completes.
    c->transport().heal(1, 2);
    const Status again = c->removeBroker(3);
    QVERIFY2(again.isOk(), again.toString().c_str());
    QCOMPARE(state(*c, "slow", 0).replicas, (Ids{1, 2}));
  }

  void removeDeadBrokerRebuildsItsReplicas() {
    QTemporaryDir dir;
    auto c = openOrDie(fastConfig(dir.path().toStdString(), 4));
    QVERIFY(c->controller().createTopic(placedTopic("d", {{3, 1, 2}, {1, 3, 2}})).ok());
    for (int p = 0; p < 2; ++p) {
      QVERIFY(waitUntil([&] { return state(*c, "d", p).isr.size() == 3; }));
      QVERIFY(
          produce(*c->leaderOf({"d", p}), "d", p, makeBatch(valuesOf("v", 0, 50)), -1).error.ok());
    }
    QVERIFY(c->killBroker(3).isOk());
    QVERIFY(waitUntil([&] { return c->leaderOf({"d", 0}) != nullptr; }));
    const Status s = c->removeBroker(3);
    QVERIFY2(s.isOk(), s.toString().c_str());
    checkHealthy(*c, "d", 3, 3);
    for (int p = 0; p < 2; ++p) {
      QVERIFY(containsBrokerTest(state(*c, "d", p).replicas, 4));
      QCOMPARE(c->broker(4)->replica({"d", p})->logEndOffset(), std::int64_t(50));
      const auto log = readAll(*c->leaderOf({"d", p}), "d", p);
      QCOMPARE(int(log.size()), 50);
      QCOMPARE(log.back().value, std::string("v49"));
    }
  }

  void removeControllerThenRestart() {
    QTemporaryDir dir;
    const auto config = fastConfig(dir.path().toStdString(), 3);
    {
      auto c = openOrDie(config);
      QVERIFY(c->controller().createTopic(newTopic("kept", 3, 2)).ok());
      for (int p = 0; p < 3; ++p) {
        QVERIFY(waitUntil([&] { return state(*c, "kept", p).isr.size() == 2; }));
        QVERIFY(produce(*c->leaderOf({"kept", p}), "kept", p, makeBatch(valuesOf("k", 0, 20)), -1)
                    .error.ok());
      }
      QCOMPARE(c->snapshot().controllerId, 1);
      QVERIFY(c->removeBroker(1).isOk());
      QCOMPARE(c->snapshot().controllerId, 2);
      const auto removed = eventsOf(*c, ClusterEventKind::kBrokerRemoved);
      QCOMPARE(int(removed.size()), 1);
      QVERIFY2(removed[0].description.find("the controller moved to broker 2") != std::string::npos,
               removed[0].description.c_str());
      checkHealthy(*c, "kept", 2, 1);
      QVERIFY(c->close().isOk());
    }
    // The same configuration (3 brokers) reopens what is left, not broker 1.
    auto c = openOrDie(config);
    QCOMPARE(c->brokerIds(), (Ids{2, 3}));
    QCOMPARE(c->removedBrokerIds(), (Ids{1}));
    QVERIFY(c->broker(1) == nullptr);
    for (int p = 0; p < 3; ++p) {
      QVERIFY(waitUntil([&] { return c->leaderOf({"kept", p}) != nullptr; }));
      // The high watermark comes back once the follower has fetched.
      QVERIFY(waitUntil([&] {
        Broker* leader = c->leaderOf({"kept", p});
        return leader && readAll(*leader, "kept", p).size() == 20;
      }));
    }
    auto added = c->addBroker();
    QVERIFY(added.isOk());
    QCOMPARE(*added, 4);
    QVERIFY(c->close().isOk());
    c.reset();
    // An added broker comes back too.
    c = openOrDie(config);
    QCOMPARE(c->brokerIds(), (Ids{2, 3, 4}));
  }

 private:
  static bool containsBrokerTest(const Ids& ids, std::int32_t id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  }
};

QTEST_GUILESS_MAIN(ClusterRemovalTest)
#include "cluster_removal_test.moc"
