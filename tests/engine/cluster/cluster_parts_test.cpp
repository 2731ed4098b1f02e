// ClusterConfig validation, topic settings and Kafka's rack-unaware replica placement.
#include <QtTest>

#include <map>
#include <set>

#include "engine/cluster/cluster_config.h"
#include "engine/cluster/replica_placement.h"
#include "engine/cluster/topic_settings.h"

using namespace runnel;
using namespace runnel::cluster;

class ClusterPartsTest : public QObject {
  Q_OBJECT
 private slots:
  void configDefaultsAreKafkas() {
    ClusterConfig c;
    QCOMPARE(c.replicaLagTimeMaxMs, 30000);
    QCOMPARE(c.replicaFetchWaitMaxMs, 500);
    QVERIFY(!c.uncleanLeaderElectionEnable);
    QVERIFY(c.autoLeaderRebalanceEnable);
    QVERIFY(c.autoCreateTopicsEnable);
    QVERIFY(!c.validate().isOk());  // no data dir
    c.dataDir = "/tmp/x";
    QVERIFY(c.validate().isOk());
  }

  void configRejectsBadValues_data() {
    QTest::addColumn<int>("brokers");
    QTest::addColumn<int>("minIsr");
    QTest::addColumn<int>("fetchWait");
    QTest::addColumn<QString>("topicKey");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no brokers") << 0 << 1 << 500 << ""
                                << "brokers";
    QTest::newRow("too many") << 17 << 1 << 500 << ""
                              << "brokers";
    QTest::newRow("min isr") << 3 << 0 << 500 << ""
                             << "min.insync.replicas";
    QTest::newRow("fetch wait") << 3 << 1 << 40000 << ""
                                << "replica.fetch.wait.max.ms";
    QTest::newRow("topic key") << 3 << 1 << 500 << "bogus.key"
                               << "bogus.key";
  }
  void configRejectsBadValues() {
    QFETCH(int, brokers);
    QFETCH(int, minIsr);
    QFETCH(int, fetchWait);
    QFETCH(QString, topicKey);
    QFETCH(QString, expected);
    ClusterConfig c;
    c.dataDir = "/tmp/x";
    c.brokers = brokers;
    c.minInsyncReplicas = minIsr;
    c.replicaFetchWaitMaxMs = fetchWait;
    if (!topicKey.isEmpty()) c.defaultTopicConfigs[topicKey.toStdString()] = "1";
    Status s = c.validate();
    QVERIFY(s.isInvalidArgument());
    QVERIFY2(s.message().find(expected.toStdString()) != std::string::npos, s.message().c_str());
  }

  void topicSettingsLayerOverridesOnDefaults() {
    ClusterConfig c;
    c.dataDir = "/tmp/x";
    c.minInsyncReplicas = 2;
    c.defaultTopicConfigs["retention.ms"] = "1000";
    auto s = resolveTopicSettings(
        c, {{"unclean.leader.election.enable", "true"}, {"segment.bytes", "4096"}});
    QVERIFY(s.isOk());
    QCOMPARE(s->minInsyncReplicas, 2);
    QVERIFY(s->uncleanLeaderElection);
    QCOMPARE(s->log.retentionMs, 1000);
    QCOMPARE(s->log.segmentBytes, 4096);
    auto bad = validateTopicConfigs(c, {{"min.insync.replicas", "zero"}});
    QCOMPARE(bad.code, ErrorCode::kInvalidConfig);
    QVERIFY(bad.message.find("min.insync.replicas") != std::string::npos);
    QCOMPARE(validateTopicConfigs(c, {{"no.such.key", "1"}}).code, ErrorCode::kInvalidConfig);
    QVERIFY(isTopicConfigKey("cleanup.policy"));
    QVERIFY(!isTopicConfigKey("num.partitions"));
  }

  // Kafka's documented example: 5 brokers, 10 partitions, RF 3, start index 0, shift 0.
  void placementMatchesKafkasExample() {
    std::mt19937 rng(1);
    auto a = placeReplicas({{0, 1, 2, 3, 4}, 10, 3, 0, 0, 0}, rng);
    QVERIFY(a.ok());
    const Assignment expected = {{0, 1, 2}, {1, 2, 3}, {2, 3, 4}, {3, 4, 0}, {4, 0, 1},
                                 {0, 2, 3}, {1, 3, 4}, {2, 4, 0}, {3, 0, 1}, {4, 1, 2}};
    QCOMPARE(*a, expected);
  }

  void placementSpreadsLeadersAndReplicasEvenly_data() {
    QTest::addColumn<int>("brokers");
    QTest::addColumn<int>("partitions");
    QTest::addColumn<int>("rf");
    QTest::newRow("3x6 rf3") << 3 << 6 << 3;
    QTest::newRow("3x12 rf2") << 3 << 12 << 2;
    QTest::newRow("5x20 rf3") << 5 << 20 << 3;
    QTest::newRow("16x64 rf3") << 16 << 64 << 3;
  }
  void placementSpreadsLeadersAndReplicasEvenly() {
    QFETCH(int, brokers);
    QFETCH(int, partitions);
    QFETCH(int, rf);
    std::vector<std::int32_t> ids;
    for (int i = 1; i <= brokers; ++i)
      ids.push_back(i);
    for (std::uint32_t seed = 0; seed < 5; ++seed) {
      std::mt19937 rng(seed);
      auto a = placeReplicas({ids, partitions, rf, 0, -1, -1}, rng);
      QVERIFY(a.ok());
      QCOMPARE(int(a->size()), partitions);
      std::map<int, int> leaders, replicas;
      for (const auto& r : *a) {
        QCOMPARE(int(r.size()), rf);
        QCOMPARE(int(std::set<int>(r.begin(), r.end()).size()), rf);  // distinct brokers
        ++leaders[r[0]];
        for (int b : r)
          ++replicas[b];
      }
      // partitions is a multiple of brokers in every row: perfectly even.
      for (int id : ids) {
        QCOMPARE(leaders[id], partitions / brokers);
        QCOMPARE(replicas[id], partitions * rf / brokers);
      }
      QVERIFY(validateAssignment(*a, ids).ok());
    }
  }

  void placementContinuesForAddedPartitions() {
    std::mt19937 rng(3);
    auto all = placeReplicas({{1, 2, 3}, 6, 2, 0, 1, 1}, rng);
    auto tail = placeReplicas({{1, 2, 3}, 3, 2, 3, 1, 1}, rng);
    QVERIFY(all.ok() && tail.ok());
    for (int i = 0; i < 3; ++i)
      QCOMPARE((*tail)[i], (*all)[i + 3]);
  }

  void placementErrors() {
    std::mt19937 rng(0);
    auto tooMany = placeReplicas({{1, 2}, 3, 3, 0, -1, -1}, rng);
    QVERIFY(!tooMany.ok());
    QCOMPARE(tooMany.error().code, ErrorCode::kInvalidReplicationFactor);
    QVERIFY(tooMany.error().message.find("2 available brokers") != std::string::npos);
    auto none = placeReplicas({{1, 2}, 0, 1, 0, -1, -1}, rng);
    QCOMPARE(none.error().code, ErrorCode::kInvalidPartitions);
    QCOMPARE(validateAssignment({{1, 1}}, {1, 2}).code, ErrorCode::kInvalidReplicaAssignment);
    QCOMPARE(validateAssignment({{1, 9}}, {1, 2}).code, ErrorCode::kInvalidReplicaAssignment);
    QCOMPARE(validateAssignment({{1, 2}, {1}}, {1, 2}).code, ErrorCode::kInvalidReplicaAssignment);
  }
};

QTEST_APPLESS_MAIN(ClusterPartsTest)
#include "cluster_parts_test.moc"
