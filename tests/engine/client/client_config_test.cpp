#include <QtTest>

#include "engine/client/client_config.h"
#include "engine/client/cluster_client.h"  // the interfaces compile on their own

using namespace runnel::client;

class ClientConfigTest : public QObject {
  Q_OBJECT
 private slots:
  void producerDefaultsMatchKafka() {
    auto c = ProducerConfig::fromProperties({});
    QVERIFY(c.isOk());
    QCOMPARE(c->acks, -1);
    QVERIFY(c->enableIdempotence);
    QCOMPARE(c->batchSize, 16384);
  }
  void producerReadsKafkaNames() {
    auto c = ProducerConfig::fromProperties({{"acks", "1"},
                                             {"enable.idempotence", "false"},
                                             {"linger.ms", "20"},
                                             {"compression.type", "zstd"},
                                             {"sasl.mechanism", "PLAIN"}});
    QVERIFY2(c.isOk(), c.status().toString().c_str());
    QCOMPARE(c->acks, 1);
    QCOMPARE(c->lingerMs, 20);
    QVERIFY(c->compression == Compression::kZstd);
    QCOMPARE(c->extra.at("sasl.mechanism"), std::string("PLAIN"));  // passed through
    QCOMPARE(c->extra.count("acks"), std::size_t{0});
    QCOMPARE(ProducerConfig::fromProperties({{"acks", "all"}})->acks, -1);
  }
  void producerRejectsBadValues_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("acks") << "acks"
                          << "2"
                          << "'acks' must be one of all, -1, 0, 1, not '2'";
    QTest::newRow("linger") << "linger.ms"
                            << "soon"
                            << "'linger.ms' must be a whole number";
    QTest::newRow("bool") << "enable.idempotence"
                          << "yes"
                          << "must be true or false";
    QTest::newRow("codec") << "compression.type"
                           << "brotli"
                           << "one of none, gzip, snappy, lz4, zstd";
  }
  void producerRejectsBadValues() {
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    auto c = ProducerConfig::fromProperties({{key.toStdString(), value.toStdString()}});
    QVERIFY(!c.isOk());
    QVERIFY(c.status().isInvalidArgument());
    QVERIFY2(QString::fromStdString(c.status().message()).contains(expected),
             c.status().toString().c_str());
  }
  void idempotenceNeedsAcksAll() {
    auto c = ProducerConfig::fromProperties({{"acks", "1"}});
    QVERIFY(!c.isOk());
    QVERIFY(c.status().message().find("enable.idempotence") != std::string::npos);
  }
  void consumerSettings() {
    auto c =
        ConsumerConfig::fromProperties({{"group.id", "orders-app"},
                                        {"auto.offset.reset", "earliest"},
                                        {"partition.assignment.strategy", "roundrobin, range"}});
    QVERIFY(c.isOk());
    QCOMPARE(c->groupId, std::string("orders-app"));
    QVERIFY(c->autoOffsetReset == OffsetReset::kEarliest);
    QCOMPARE(c->assignmentStrategies, (std::vector<std::string>{"roundrobin", "range"}));
    QVERIFY(!ConsumerConfig::fromProperties({{"auto.offset.reset", "middle"}}).isOk());
    QVERIFY(!ConsumerConfig::fromProperties(
                 {{"session.timeout.ms", "1000"}, {"heartbeat.interval.ms", "3000"}})
                 .isOk());
  }
};

QTEST_APPLESS_MAIN(ClientConfigTest)
#include "client_config_test.moc"
