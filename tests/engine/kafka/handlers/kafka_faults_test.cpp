// Faults seen through the Kafka wire: a paused broker keeps its connections but answers nothing
// until resumed, then answers what it held, in order; error codes injected into Produce, Fetch
// and Metadata land in the right response fields (per partition), a refused Produce appends
// nothing, count-limited rules expire, and clearing the rules lets requests through again.
#include <QTemporaryDir>
#include <QtTest>

#include "engine/kafka/front_end/kafka_front_end.h"
#include "engine/kafka/messages/api_versions.h"
#include "engine/kafka/messages/fetch.h"
#include "engine/kafka/messages/list_offsets.h"
#include "engine/kafka/messages/metadata.h"
#include "engine/kafka/messages/produce.h"
#include "tests/engine/kafka/handlers/kafka_wire_client.h"
#include "tests/engine/kafka/handlers/sample_batch.h"

using namespace runnel;
using namespace runnel::kafka;
using runnel::kafka::testing::sampleBatch;
using runnel::kafka::testing::WireClient;

class KafkaFaultsTest : public QObject {
  Q_OBJECT

 private:
  int leaderPort(const std::string& topic) {
    for (int i = 0; i < 200; ++i) {
      auto p = cluster_->controller().partition({topic, 0});
      if (p && p->leader > 0) return frontEnd_->port(p->leader);
      QTest::qWait(10);
    }
    return 0;
  }
  // The partition's error code and base offset for a produce of `records` records.
  std::pair<std::int16_t, std::int64_t> produce(WireClient& c, const std::string& topic,
                                                int records) {
    Bytes batch = sampleBatch(records);
    ProduceRequest produce;
    produce.acks = -1;
    produce.timeoutMs = 5000;
    produce.topicData.push_back({topic, {{0, RecordsView{batch}}}});
    if (!c.send(produce, 9, 1)) return {-100, -100};
    auto r = c.receive<ProduceResponse>(9, true);
    if (!r) return {-101, -101};
    const auto& p = r->responses.at(0).partitionResponses.at(0);
    return {p.errorCode, p.baseOffset};
  }
  std::int16_t fetchError(WireClient& c, const std::string& topic) {
    FetchRequest fetch;
    fetch.maxWaitMs = 10;
    fetch.minBytes = 1;
    FetchRequest::FetchTopic ft;
    ft.topic = topic;
    FetchRequest::FetchPartition fp;
    fp.partitionMaxBytes = 1 << 20;
    ft.partitions.push_back(fp);
    fetch.topics.push_back(ft);
    if (!c.send(fetch, 12, 2)) return -100;
    auto r = c.receive<FetchResponse>(12, true);
    if (!r) return -101;
    return r->responses.at(0).partitions.at(0).errorCode;
  }
  cluster::RequestFaultRule rule(std::int16_t api, std::string topic, ErrorCode error,
                                 int count = 0) {
    cluster::RequestFaultRule r;
    r.apiKey = api;
    r.topic = std::move(topic);
    r.error = error;
    r.count = count;
    return r;
  }

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

  void injectedProduceErrorAppendsNothingAndClearingRecovers() {
    cluster::NewTopic topic;
    topic.name = "inj";
    topic.partitions = 1;
    QVERIFY(cluster_->controller().createTopic(topic).ok());
    WireClient c(leaderPort("inj"));
    auto& faults = cluster_->requestFaults();
    QVERIFY(
        faults.add(rule(ProduceRequest::kApiKey, "inj", ErrorCode::kNotLeaderOrFollower)).isOk());
    for (int i = 0; i < 3; ++i) {
      const auto [error, offset] = produce(c, "inj", 4);
      QCOMPARE(error, toWire(ErrorCode::kNotLeaderOrFollower));
      QCOMPARE(offset, std::int64_t(-1));
    }
    QCOMPARE(faults.rules().at(0).injected, std::int64_t(3));
    QVERIFY(QString::fromStdString(cluster::describe(faults.rules().at(0)))
                .contains("Produce for inj on any broker answers NOT_LEADER_OR_FOLLOWER"));
    // A rule for another topic does not touch this one.
    faults.clear();
    QVERIFY(faults.add(rule(ProduceRequest::kApiKey, "other", ErrorCode::kRequestTimedOut)).isOk());
    const auto [error, offset] = produce(c, "inj", 4);
    QCOMPARE(error, std::int16_t(0));
    QCOMPARE(offset, std::int64_t(0));  // the refused produces appended nothing
    faults.clear();
    QCOMPARE(produce(c, "inj", 1).second, std::int64_t(4));
  }

  void injectedFetchErrorExpiresAfterItsCount() {
    WireClient c(leaderPort("inj"));
    auto& faults = cluster_->requestFaults();
    QVERIFY(faults.add(rule(FetchRequest::kApiKey, {}, ErrorCode::kRequestTimedOut, 2)).isOk());
    QCOMPARE(fetchError(c, "inj"), toWire(ErrorCode::kRequestTimedOut));
    QCOMPARE(fetchError(c, "inj"), toWire(ErrorCode::kRequestTimedOut));
    QCOMPARE(fetchError(c, "inj"), std::int16_t(0));
    QVERIFY(faults.rules().empty());
  }

  void injectedMetadataErrorMarksTheTopicAndKeepsTheBrokers() {
    WireClient c(frontEnd_->port(1));
    auto& faults = cluster_->requestFaults();
    QVERIFY(faults.add(rule(MetadataRequest::kApiKey, "inj", ErrorCode::kLeaderNotAvailable, 1))
                .isOk());
    MetadataRequest metadata;
    MetadataRequest::MetadataRequestTopic t;
    t.name = "inj";
    metadata.topics = std::vector<MetadataRequest::MetadataRequestTopic>{t};
    QVERIFY(c.send(metadata, 1, 3));
    auto md = c.receive<MetadataResponse>(1, false);
    QVERIFY(md);
    QCOMPARE(int(md->brokers.size()), 3);
    QCOMPARE(md->topics.at(0).errorCode, toWire(ErrorCode::kLeaderNotAvailable));
    QVERIFY(c.send(metadata, 1, 4));
    md = c.receive<MetadataResponse>(1, false);
    QVERIFY(md);
    QCOMPARE(md->topics.at(0).errorCode, std::int16_t(0));
  }

  void badRulesAreRefused() {
    auto& faults = cluster_->requestFaults();
    QVERIFY(!faults.add(rule(99, {}, ErrorCode::kRequestTimedOut)).isOk());
    QVERIFY(!faults.add(rule(0, {}, ErrorCode::kNone)).isOk());
    auto r = rule(0, {}, ErrorCode::kRequestTimedOut);
    r.probability = 0;
    QVERIFY(!faults.add(r).isOk());
    r.probability = 1;
    r.count = -1;
    QVERIFY(!faults.add(r).isOk());
    QVERIFY(faults.rules().empty());
  }
};

QTEST_GUILESS_MAIN(KafkaFaultsTest)
#include "kafka_faults_test.moc"
