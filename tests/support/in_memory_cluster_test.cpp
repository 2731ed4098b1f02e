// The in-memory ClusterClient behaves like Kafka where the SQL engine relies on it: keyed records
// land where the Java partitioner puts them, offsets are dense per partition, consumers resume
// from committed offsets or auto.offset.reset, and group members share partitions.
#include <QtTest>

#include "tests/support/in_memory_cluster.h"

using namespace runnel;
using namespace runnel::client;
using runnel::testing::InMemoryCluster;

class InMemoryClusterTest : public QObject {
  Q_OBJECT

 private slots:
  void murmur2MatchesJava_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("hash");
    // Values from Kafka's Utils.murmur2 (org.apache.kafka.common.utils.UtilsTest).
    QTest::newRow("21") << "21" << -973932308;
    QTest::newRow("foobar") << "foobar" << -790332482;
    QTest::newRow("a-little-bit-long-string") << "a-little-bit-long-string" << -985981536;
    QTest::newRow("a-little-bit-longer-string") << "a-little-bit-longer-string" << -1486304829;
    QTest::newRow("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8")
        << "lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8" << -58897971;
  }
  void murmur2MatchesJava() {
    QFETCH(QString, key);
    QFETCH(int, hash);
    const std::string k = key.toStdString();
    QCOMPARE(testing::kafkaMurmur2(asBytes(k)), hash);
  }

  void produceAndAssign() {
    ManualClock clock(1000);
    InMemoryCluster cluster(&clock);
    QVERIFY(cluster.admin().createTopic({"t", 3}).isOk());
    auto producer = cluster.createProducer({}).value();
    std::vector<std::int64_t> offsets;
    for (int i = 0; i < 4; ++i) {
      ProducerRecord r;
      r.topic = "t";
      r.key = toBytes("same-key");
      r.value = toBytes(std::to_string(i));
      producer->send(std::move(r),
                     [&](const Result<RecordMetadata>& md) { offsets.push_back(md->offset); });
    }
    QCOMPARE(offsets, (std::vector<std::int64_t>{0, 1, 2, 3}));
    const std::int32_t p = producer->partitionFor("t", toBytes("same-key")).value();
    ConsumerConfig config;
    config.autoOffsetReset = OffsetReset::kEarliest;
    auto consumer = cluster.createConsumer(config).value();
    QVERIFY(consumer->assign({{"t", p}}).isOk());
    auto records = consumer->poll(std::chrono::milliseconds(0)).value();
    QCOMPARE(records.size(), std::size_t(4));
    QCOMPARE(records[2].timestampMs, std::int64_t(1000));
    QCOMPARE(std::string(asChars(*records[3].value)), std::string("3"));
    QCOMPARE(consumer->position({"t", p}).value(), std::int64_t(4));
  }

  void groupResumesFromCommitted() {
    InMemoryCluster cluster;
    QVERIFY(cluster.createTopic("t", 2).isOk());
    for (int i = 0; i < 6; ++i)
      QVERIFY(cluster.append("t", i % 2, std::nullopt, toBytes("v"), i).isOk());
    ConsumerConfig config;
    config.groupId = "g";
    config.autoOffsetReset = OffsetReset::kEarliest;
    config.enableAutoCommit = false;
    {
      auto c = cluster.createConsumer(config).value();
      QVERIFY(c->subscribe({"t"}).isOk());
      auto records = c->poll(std::chrono::milliseconds(0)).value();
      QCOMPARE(records.size(), std::size_t(6));
      QVERIFY(c->commitSync(OffsetMap{{{"t", 0}, {2}}}).isOk());
    }
    auto c = cluster.createConsumer(config).value();
    QVERIFY(c->subscribe({"t"}).isOk());
    auto records = c->poll(std::chrono::milliseconds(0)).value();
    // Partition 0 resumes at 2 (one record left); partition 1 was never committed: earliest.
    QCOMPARE(records.size(), std::size_t(4));
    auto offsets = cluster.admin().listConsumerGroupOffsets("g").value();
    QCOMPARE(offsets.at({"t", 0}).offset, std::int64_t(2));
  }

  void membersSplitPartitions() {
    InMemoryCluster cluster;
    QVERIFY(cluster.createTopic("t", 4).isOk());
    ConsumerConfig config;
    config.groupId = "g";
    auto a = cluster.createConsumer(config).value();
    auto b = cluster.createConsumer(config).value();
    QVERIFY(a->subscribe({"t"}).isOk());
    QVERIFY(b->subscribe({"t"}).isOk());
    QVERIFY(a->poll(std::chrono::milliseconds(0)).isOk());
    QVERIFY(b->poll(std::chrono::milliseconds(0)).isOk());
    QCOMPARE(a->assignment().size() + b->assignment().size(), std::size_t(4));
    QCOMPARE(a->assignment().size(), std::size_t(2));
    b.reset();
    QVERIFY(a->poll(std::chrono::milliseconds(0)).isOk());
    QCOMPARE(a->assignment().size(), std::size_t(4));
  }

  void latestSkipsOldRecordsAndPollWaits() {
    InMemoryCluster cluster;
    QVERIFY(cluster.createTopic("t", 1).isOk());
    QVERIFY(cluster.append("t", 0, std::nullopt, toBytes("old"), 1).isOk());
    auto c = cluster.createConsumer({}).value();
    QVERIFY(c->assign({{"t", 0}}).isOk());
    QVERIFY(c->poll(std::chrono::milliseconds(0))->empty());
    QVERIFY(cluster.append("t", 0, std::nullopt, toBytes("new"), 2).isOk());
    auto records = c->poll(std::chrono::milliseconds(50)).value();
    QCOMPARE(records.size(), std::size_t(1));
    QCOMPARE(std::string(asChars(*records[0].value)), std::string("new"));
    c->wakeup();
    QVERIFY(c->poll(std::chrono::milliseconds(1000)).status().isAborted());
  }
};

QTEST_APPLESS_MAIN(InMemoryClusterTest)
#include "in_memory_cluster_test.moc"
