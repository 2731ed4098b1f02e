// Faults seen through the Kafka wire: a paused broker keeps its connections but answers nothing
// until resumed, then answers what it held, in order.
#include <QTemporaryDir>
#include <QtTest>

#include "engine/kafka/front_end/kafka_front_end.h"
#include "engine/kafka/messages/api_versions.h"
#include "engine/kafka/messages/metadata.h"
#include "tests/engine/kafka/handlers/kafka_wire_client.h"

using namespace runnel;
using namespace runnel::kafka;
using runnel::kafka::testing::WireClient;

class KafkaFaultsTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  std::unique_ptr<cluster::Cluster> cluster_;
  std::unique_ptr<KafkaFrontEnd> frontEnd_;

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    cluster::ClusterConfig config;
    config.brokers = 3;
    config.dataDir = dir_.path().toStdString();
    config.basePort = 0;
    config.housekeepingIntervalMs = 20;
    config.replicaFetchWaitMaxMs = 50;
    config.brokerSessionTimeoutMs = 0;
    auto c = cluster::Cluster::open(config);
    QVERIFY2(c.isOk(), c.status().toString().c_str());
    cluster_ = std::move(c).value();
    FrontEndOptions options;
    options.basePort = 0;
    auto fe = KafkaFrontEnd::start(*cluster_, options);
    QVERIFY2(fe.isOk(), fe.status().toString().c_str());
    frontEnd_ = std::move(fe).value();
  }
  void cleanupTestCase() {
    frontEnd_.reset();
    if (cluster_) QVERIFY(cluster_->close().isOk());
  }

  void pausedBrokerHoldsItsConnectionsAndAnswersOnResume() {
    WireClient c(frontEnd_->port(2));
    QVERIFY(c.connected());
    QVERIFY(cluster_->pauseBroker(2).isOk());
    QVERIFY(frontEnd_->listening(2));
    // A new connection is still accepted (the kernel queues it), but nothing is answered.
    WireClient late(frontEnd_->port(2));
    QVERIFY(late.connected());
    ApiVersionsRequest versions;
    QVERIFY(c.send(versions, 0, 7));
    MetadataRequest metadata;
    metadata.topics = std::nullopt;
    QVERIFY(c.send(metadata, 1, 8));
    QVERIFY(!c.answersWithin(400));
    // Other brokers answer as usual.
    WireClient other(frontEnd_->port(1));
    QVERIFY(other.send(versions, 0, 1));
    QVERIFY(other.receive<ApiVersionsResponse>(0, false));

    QVERIFY(cluster_->resumeBroker(2).isOk());
    std::int32_t correlation = 0;
    QVERIFY(c.receive<ApiVersionsResponse>(0, false, &correlation));
    QCOMPARE(correlation, 7);
    auto md = c.receive<MetadataResponse>(1, false, &correlation);
    QVERIFY(md);
    QCOMPARE(correlation, 8);
    QCOMPARE(int(md->brokers.size()), 3);
  }
};

QTEST_GUILESS_MAIN(KafkaFaultsTest)
#include "kafka_faults_test.moc"
