// Cluster: topic administration (create, delete, add partitions, configs) with Kafka's errors,
// persistence across a reopen of the whole cluster, snapshots, events and adding a broker.
#include <QTemporaryDir>
#include <QtTest>

#include "cluster_test_util.h"

using namespace runnel;
using namespace runnel::cluster;
using namespace runnel::cluster::testing;

class ClusterTopicsTest : public QObject {
  Q_OBJECT
 private slots:
  void createTopicValidation_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("partitions");
    QTest::addColumn<int>("rf");
    QTest::addColumn<QString>("configKey");
    QTest::addColumn<QString>("configValue");
    QTest::addColumn<int>("error");
    QTest::newRow("ok") << "orders" << 3 << 2 << ""
                        << "" << int(ErrorCode::kNone);
    QTest::newRow("bad char") << "or/ders" << 1 << 1 << ""
                              << "" << int(ErrorCode::kInvalidTopicException);
    QTest::newRow("dot") << "." << 1 << 1 << ""
                         << "" << int(ErrorCode::kInvalidTopicException);
    QTest::newRow("empty") << "" << 1 << 1 << ""
                           << "" << int(ErrorCode::kInvalidTopicException);
    QTest::newRow("too long") << QString(250, 'a') << 1 << 1 << ""
                              << "" << int(ErrorCode::kInvalidTopicException);
    QTest::newRow("no partitions") << "t" << 0 << 1 << ""
                                   << "" << int(ErrorCode::kInvalidPartitions);
    QTest::newRow("rf too big") << "t" << 1 << 4 << ""
                                << "" << int(ErrorCode::kInvalidReplicationFactor);
    QTest::newRow("rf zero") << "t" << 1 << 0 << ""
                             << "" << int(ErrorCode::kInvalidReplicationFactor);
    QTest::newRow("bad config") << "t" << 1 << 1 << "retention.ms"
                                << "soon" << int(ErrorCode::kInvalidConfig);
    QTest::newRow("unknown config") << "t" << 1 << 1 << "colour"
                                    << "blue" << int(ErrorCode::kInvalidConfig);
  }
  void createTopicValidation() {
    QFETCH(QString, name);
    QFETCH(int, partitions);
    QFETCH(int, rf);
    QFETCH(QString, configKey);
    QFETCH(QString, configValue);
    QFETCH(int, error);
    QTemporaryDir dir;
    auto c = openOrDie(fastConfig(dir.path().toStdString()));
    std::map<std::string, std::string> configs;
    if (!configKey.isEmpty()) configs[configKey.toStdString()] = configValue.toStdString();
    ApiError e = c->controller().createTopic(newTopic(name.toStdString(), partitions, rf, configs));
    QCOMPARE(int(e.code), error);
    if (!e.ok()) {
      QVERIFY(!e.message.empty());
      QVERIFY(c->controller().topics().empty());
    } else {
      QCOMPARE(int(c->controller().partitions(name.toStdString()).size()), partitions);
      QCOMPARE(c->controller().createTopic(newTopic(name.toStdString(), 1, 1)).code,
               ErrorCode::kTopicAlreadyExists);
    }
  }

  void createDeleteAddPartitionsAndConfigs() {
    QTemporaryDir dir;
    auto c = openOrDie(fastConfig(dir.path().toStdString()));
    Controller& ctl = c->controller();
    QVERIFY(ctl.createTopic(newTopic("payments", 6, 3)).ok());
    auto parts = ctl.partitions("payments");
    QCOMPARE(int(parts.size()), 6);
    for (const auto& p : parts) {
      QCOMPARE(int(p.replicas.size()), 3);
      QCOMPARE(p.leader, p.replicas.front());
      QCOMPARE(p.isr, (std::vector<std::int32_t>{1, 2, 3}));
    }
    // Every broker hosts all six and leads two.
    QVERIFY(waitUntil([&] {
      for (int id : c->brokerIds()) {
        if (c->broker(id)->replicaInfos().size() != 6) return false;
      }
      return true;
    }));
    auto snap = c->snapshot();
    for (const auto& b : snap.brokers)
      QCOMPARE(b.leaderCount, 2);

    QCOMPARE(ctl.createPartitions("payments", 4).code, ErrorCode::kInvalidPartitions);
    QCOMPARE(ctl.createPartitions("nope", 4).code, ErrorCode::kUnknownTopicOrPartition);
    QVERIFY(ctl.createPartitions("payments", 8).ok());
    QCOMPARE(ctl.topic("payments")->partitionCount, 8);
    QVERIFY(waitUntil([&] { return c->leaderOf({"payments", 7}) != nullptr; }));
    QVERIFY(produce(*c->leaderOf({"payments", 7}), "payments", 7, makeBatch({"x"})).error.ok());

    QCOMPARE(ctl.alterConfigs("payments", {{"retention.ms", "abc"}}).code,
             ErrorCode::kInvalidConfig);
    QCOMPARE(ctl.alterConfigs("payments", {{"no.such", "1"}}).code, ErrorCode::kInvalidConfig);
    QVERIFY(ctl.alterConfigs("payments", {{"retention.ms", "60000"}, {"min.insync.replicas", "2"}})
                .ok());
    QCOMPARE(ctl.topic("payments")->configs.at("retention.ms"), std::string("60000"));
    QCOMPARE(ctl.settings("payments")->minInsyncReplicas, 2);
    QCOMPARE(c->broker(1)->replica({"payments", 0})->log().config().retentionMs, 60000);
    QVERIFY(ctl.alterConfigs("payments", {{"retention.ms", std::nullopt}}).ok());
    QVERIFY(!ctl.topic("payments")->configs.count("retention.ms"));

    QCOMPARE(ctl.deleteTopic("nope").code, ErrorCode::kUnknownTopicOrPartition);
    QVERIFY(ctl.deleteTopic("payments").ok());
    QVERIFY(ctl.topics().empty());
    for (int id : c->brokerIds())
      QVERIFY(c->broker(id)->replicaInfos().empty());
    QCOMPARE(produce(*c->broker(1), "payments", 0, makeBatch({"x"})).error.code,
             ErrorCode::kUnknownTopicOrPartition);
    QVERIFY(!QDir(dir.path() + "/broker-1/payments-0").exists());

    std::vector<ClusterEventKind> kinds;
    for (const auto& e : c->events().history())
      kinds.push_back(e.kind);
    QVERIFY(std::count(kinds.begin(), kinds.end(), ClusterEventKind::kTopicCreated) == 1);
    QVERIFY(std::count(kinds.begin(), kinds.end(), ClusterEventKind::kPartitionsAdded) == 1);
    QVERIFY(std::count(kinds.begin(), kinds.end(), ClusterEventKind::kTopicConfigChanged) == 2);
    QVERIFY(std::count(kinds.begin(), kinds.end(), ClusterEventKind::kTopicDeleted) == 1);
  }

  void autoCreateFollowsTheSetting() {
    QTemporaryDir dir;
    auto config = fastConfig(dir.path().toStdString());
    config.numPartitions = 2;
    auto c = openOrDie(config);
    QVERIFY(c->controller().ensureTopic("auto").ok());
    QCOMPARE(c->controller().topic("auto")->partitionCount, 2);
    QCOMPARE(c->controller().topic("auto")->replicationFactor, 3);
    QDir(dir.path()).mkpath("off");
    auto off = fastConfig((dir.path() + "/off").toStdString());
    off.autoCreateTopicsEnable = false;
    auto c2 = openOrDie(off);
    QCOMPARE(c2->controller().ensureTopic("auto").code, ErrorCode::kUnknownTopicOrPartition);
  }

  void metadataAndDataSurviveReopen() {
    QTemporaryDir dir;
    std::string clusterId;
    {
      auto c = openOrDie(fastConfig(dir.path().toStdString()));
      clusterId = c->clusterId();
      QVERIFY(c->controller()
                  .createTopic(newTopic("events", 2, 3, {{"retention.ms", "3600000"}}))
                  .ok());
      for (int p = 0; p < 2; ++p) {
        Broker* leader = c->leaderOf({"events", p});
        QVERIFY(leader);
        QVERIFY(produce(*leader, "events", p, makeBatch(valuesOf("e", 0, 5))).error.ok());
      }
      QVERIFY(c->close().isOk());
    }
    auto c = openOrDie(fastConfig(dir.path().toStdString()));
    QCOMPARE(c->clusterId(), clusterId);
    QCOMPARE(c->controller().topic("events")->configs.at("retention.ms"), std::string("3600000"));
    for (int p = 0; p < 2; ++p) {
      QVERIFY(waitUntil([&] { return c->leaderOf({"events", p}) && settled(*c, "events", p); }));
      auto records = readAll(*c->leaderOf({"events", p}), "events", p);
      QCOMPARE(int(records.size()), 5);
      QCOMPARE(records[4].value, std::string("e4"));
      QCOMPARE(state(*c, "events", p).isr.size(), std::size_t(3));
    }
  }

  void snapshotDescribesTheCluster() {
    QTemporaryDir dir;
    auto c = openOrDie(fastConfig(dir.path().toStdString()));
    QVERIFY(c->controller().createTopic(placedTopic("snap", {{1, 2, 3}, {2, 3, 1}})).ok());
    QVERIFY(waitUntil([&] { return c->leaderOf({"snap", 0}) != nullptr; }));
    QVERIFY(produce(*c->broker(1), "snap", 0, makeBatch(valuesOf("s", 0, 3))).error.ok());
    c->transport().cut(1, 3);
    QVERIFY(c->killBroker(2).isOk());
    auto s = c->snapshot();
    QCOMPARE(s.clusterId, c->clusterId());
    QCOMPARE(int(s.brokers.size()), 3);
    QCOMPARE(s.brokers[0].port, 19092);
    QCOMPARE(s.brokers[2].port, 19094);
    QVERIFY(!s.brokers[1].alive);
    QCOMPARE(s.controllerId, 1);
    QVERIFY(s.brokers[0].controller);
    QCOMPARE(int(s.topics.size()), 1);
    QCOMPARE(s.topics[0].replicationFactor, 3);
    QCOMPARE(int(s.partitions.size()), 2);
    const PartitionSnapshot& p0 = s.partitions[0];
    QCOMPARE(p0.leader, 1);
    QCOMPARE(p0.offlineReplicas, (std::vector<std::int32_t>{2}));
    QCOMPARE(p0.highWatermark, 3);
    QCOMPARE(p0.logEndOffset, 3);
    QVERIFY(p0.sizeBytes > 0);
    QCOMPARE(s.partitions[1].leader, 3);  // broker 2 died; 3 is next in line
    QCOMPARE(int(s.faults.size()), 1);
    QCOMPARE(QString::fromStdString(s.faults[0].description), QString::fromUtf8("link 1 ↔ 3 cut"));
  }

  void eventsDescribeChanges() {
    QTemporaryDir dir;
    auto c = openOrDie(fastConfig(dir.path().toStdString()));
    std::vector<ClusterEvent> seen;
    std::mutex mu;
    c->events().subscribe([&](const ClusterEvent& e) {
      std::lock_guard lock(mu);
      seen.push_back(e);
    });
    QVERIFY(c->controller()
                .createTopic(placedTopic("payments", {{2, 1, 3}, {1, 2, 3}, {3, 1, 2}, {2, 3, 1}}))
                .ok());
    QVERIFY(c->killBroker(2).isOk());
    std::lock_guard lock(mu);
    QStringList d;
    for (const auto& e : seen)
      d << QString::fromStdString(e.description);
    QVERIFY2(d.contains("topic payments created with 4 partitions, replication factor 3"),
             qPrintable(d.join("\n")));
    QVERIFY2(d.contains("broker 2 died; it led 2 partitions"), qPrintable(d.join("\n")));
    QVERIFY2(
        d.contains(QString::fromUtf8("partition 3 of payments: leader 2 → 3, ISR {1,2,3} → {1,3}")),
        qPrintable(d.join("\n")));
    QVERIFY2(
        d.contains(QString::fromUtf8("partition 0 of payments: leader 2 → 1, ISR {1,2,3} → {1,3}")),
        qPrintable(d.join("\n")));
    QVERIFY2(d.contains(QString::fromUtf8("partition 1 of payments: ISR {1,2,3} → {1,3}")),
             qPrintable(d.join("\n")));
    const auto died = std::find_if(seen.begin(), seen.end(), [](const auto& e) {
      return e.kind == ClusterEventKind::kBrokerDied;
    });
    QVERIFY(died != seen.end());
    QCOMPARE(died->brokerId, 2);
    QVERIFY(died->timestampMs > 0);
    QCOMPARE(c->events().history().size(), seen.size());
  }

  void addBrokerJoinsEmpty() {
    QTemporaryDir dir;
    auto c = openOrDie(fastConfig(dir.path().toStdString(), 2));
    auto id = c->addBroker();
    QVERIFY(id.isOk());
    QCOMPARE(*id, 3);
    QCOMPARE(c->brokerCount(), 3);
    QVERIFY(c->broker(3)->alive());
    QVERIFY(c->broker(3)->replicaInfos().empty());
    QVERIFY(c->controller().createTopic(newTopic("wide", 3, 3)).ok());
    QVERIFY(waitUntil([&] { return c->broker(3)->replicaInfos().size() == 3; }));
    QCOMPARE(QString::fromStdString(c->events().history().front().description),
             QString("broker 3 joined the cluster"));
  }
};

QTEST_APPLESS_MAIN(ClusterTopicsTest)
#include "cluster_topics_test.moc"
