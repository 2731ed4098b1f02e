// The handlers over a real BrokerListener and an in-process 3-broker cluster: ApiVersions is
// derived from the registry (and answers unknown versions with v0 + UNSUPPORTED_VERSION),
// Metadata names every live broker with its own port, Produce/Fetch/ListOffsets round-trip a
// batch byte for byte, acks=0 gets no response, FindCoordinator and the group APIs elect a
// single member, OffsetFetch with a null topic list (librdkafka's own bytes) returns every commit
// of the group, InitProducerId hands out distinct ids, and a killed broker's listener closes.
#include <QTemporaryDir>
#include <QtTest>

#include <set>

#include "engine/kafka/front_end/kafka_front_end.h"
#include "engine/kafka/handlers/api_versions_handler.h"
#include "engine/kafka/messages/api_versions.h"
#include "engine/kafka/messages/fetch.h"
#include "engine/kafka/messages/find_coordinator.h"
#include "engine/kafka/messages/heartbeat.h"
#include "engine/kafka/messages/init_producer_id.h"
#include "engine/kafka/messages/join_group.h"
#include "engine/kafka/messages/list_offsets.h"
#include "engine/kafka/messages/metadata.h"
#include "engine/kafka/messages/offset_commit.h"
#include "engine/kafka/messages/offset_fetch.h"
#include "engine/kafka/messages/produce.h"
#include "engine/kafka/messages/sync_group.h"
#include "engine/kafka/messages/create_topics.h"
#include "tests/engine/kafka/handlers/kafka_wire_client.h"
#include "tests/engine/kafka/handlers/sample_batch.h"

using namespace runnel;
using namespace runnel::kafka;
using runnel::kafka::testing::sampleBatch;
using runnel::kafka::testing::WireClient;

class KafkaHandlersTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  std::unique_ptr<cluster::Cluster> cluster_;
  std::unique_ptr<KafkaFrontEnd> frontEnd_;

  int leaderPort(const std::string& topic, std::int32_t partition) {
    auto p = cluster_->controller().partition({topic, partition});
    return p && p->leader > 0 ? frontEnd_->port(p->leader) : 0;
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    cluster::ClusterConfig config;
    config.brokers = 3;
    config.dataDir = dir_.path().toStdString();
    config.basePort = 0;
    config.housekeepingIntervalMs = 20;
    config.replicaFetchWaitMaxMs = 50;
    auto c = cluster::Cluster::open(config);
    QVERIFY2(c.isOk(), c.status().toString().c_str());
    cluster_ = std::move(c).value();
    FrontEndOptions options;
    options.basePort = 0;
    options.groupConfig.initialRebalanceDelayMs = 0;
    auto fe = KafkaFrontEnd::start(*cluster_, options);
    QVERIFY2(fe.isOk(), fe.status().toString().c_str());
    frontEnd_ = std::move(fe).value();
  }
  void cleanupTestCase() {
    frontEnd_.reset();
    if (cluster_) QVERIFY(cluster_->close().isOk());
  }

  void apiVersionsIsDerivedFromTheRegistry() {
    WireClient c(frontEnd_->port(1));
    QVERIFY(c.connected());
    ApiVersionsRequest request;
    request.clientSoftwareName = "wire-test";
    request.clientSoftwareVersion = "1.2";
    QVERIFY(c.send(request, 3, 7));
    std::int32_t correlation = 0;
    auto response = c.receive<ApiVersionsResponse>(3, /*flexibleHeader=*/false, &correlation);
    QVERIFY(response);
    QCOMPARE(correlation, 7);
    QCOMPARE(response->errorCode, std::int16_t(0));
    HandlerRegistry registry;
    registerAllHandlers(registry);
    QCOMPARE(response->apiKeys.size(), registry.all().size());
    std::map<std::int16_t, std::pair<int, int>> ranges;
    for (auto& k : response->apiKeys)
      ranges[k.apiKey] = {k.minVersion, k.maxVersion};
    QCOMPARE(ranges[18], std::make_pair(0, 3));
    QCOMPARE(ranges[3], std::make_pair(0, 12));
    QCOMPARE(ranges[0], std::make_pair(3, 9));
    for (int groupApi : {10, 11, 12, 13, 14})
      QCOMPARE(ranges[static_cast<std::int16_t>(groupApi)].first, 0);
    // The client software is recorded for the Clients panel.
    bool seen = false;
    for (int i = 0; i < 100 && !seen; ++i) {
      for (auto& client : frontEnd_->clients())
        seen |= client.identity.softwareName == "wire-test";
      if (!seen) QTest::qWait(10);
    }
    QVERIFY(seen);
  }

  void unknownApiVersionsVersionGetsV0Reply() {
    WireClient c(frontEnd_->port(2));
    ApiVersionsRequest request;
    Bytes frame;
    QVERIFY(appendRequestFrame(frame, 3, 9, "wire-test", request).isOk());
    frame[7] = 99;  // api version low byte: v99
    QVERIFY(c.sendRaw(frame));
    auto response = c.receive<ApiVersionsResponse>(0, false);
    QVERIFY(response);
    QCOMPARE(response->errorCode, std::int16_t(35));
    QVERIFY(!response->apiKeys.empty());
  }

  void metadataListsEveryLiveBrokerWithItsPort() {
    WireClient c(frontEnd_->port(1));
    MetadataRequest request;
    request.topics =
        std::vector<MetadataRequest::MetadataRequestTopic>{{{}, std::string("auto-created")}};
    QVERIFY(c.send(request, 12));
    auto response = c.receive<MetadataResponse>(12, true);
    QVERIFY(response);
    QCOMPARE(response->brokers.size(), std::size_t(3));
    std::set<int> ports;
    for (auto& b : response->brokers) {
      QCOMPARE(b.port, frontEnd_->port(b.nodeId));
      ports.insert(b.port);
    }
    QCOMPARE(ports.size(), std::size_t(3));
    // The snapshot the studio draws its broker cards from shows the bound (free) ports too.
    for (const auto& b : cluster_->snapshot().brokers)
      QCOMPARE(b.port, frontEnd_->port(b.id));
    QVERIFY(response->controllerId >= 1);
    QCOMPARE(response->topics.size(), std::size_t(1));
    QVERIFY(cluster_->controller().topic("auto-created").has_value());  // auto.create.topics.enable
  }

  void produceThenFetchReturnsTheStoredBatch() {
    cluster::NewTopic topic;
    topic.name = "wire";
    topic.partitions = 1;
    QVERIFY(cluster_->controller().createTopic(topic).ok());
    int port = 0;
    for (int i = 0; i < 200 && !port; ++i) {
      port = leaderPort("wire", 0);
      if (!port) QTest::qWait(10);
    }
    QVERIFY(port);
    WireClient c(port);
    Bytes batch = sampleBatch(5);
    ProduceRequest produce;
    produce.acks = -1;
    produce.timeoutMs = 5000;
    produce.topicData.push_back({"wire", {{0, RecordsView{batch}}}});
    QVERIFY(c.send(produce, 9, 1));
    auto produced = c.receive<ProduceResponse>(9, true);
    QVERIFY(produced);
    QCOMPARE(produced->responses.at(0).partitionResponses.at(0).errorCode, std::int16_t(0));
    QCOMPARE(produced->responses.at(0).partitionResponses.at(0).baseOffset, std::int64_t(0));

    // acks=0: no response; the next request's answer comes back next.
    produce.acks = 0;
    QVERIFY(c.send(produce, 9, 2));
    ListOffsetsRequest list;
    list.replicaId = -1;
    list.topics.push_back({"wire", {{0, -1, -1, 1}}});
    QVERIFY(c.send(list, 7, 3));
    std::int32_t correlation = 0;
    auto offsets = c.receive<ListOffsetsResponse>(7, true, &correlation);
    QVERIFY(offsets);
    QCOMPARE(correlation, 3);
    QVERIFY(offsets->topics.at(0).partitions.at(0).offset >= 5);

    // A fetch from the middle of the first batch returns the whole batch, bytes as stored
    // except the offset and leader epoch the leader stamped.
    FetchRequest fetch;
    fetch.maxWaitMs = 100;
    fetch.minBytes = 1;
    FetchRequest::FetchTopic ft;
    ft.topic = "wire";
    FetchRequest::FetchPartition fp;
    fp.partition = 0;
    fp.fetchOffset = 2;
    fp.partitionMaxBytes = 1 << 20;
    ft.partitions.push_back(fp);
    fetch.topics.push_back(ft);
    QVERIFY(c.send(fetch, 12, 4));
    auto fetched = c.receive<FetchResponse>(12, true);
    QVERIFY(fetched);
    const auto& part = fetched->responses.at(0).partitions.at(0);
    QCOMPARE(part.errorCode, std::int16_t(0));
    QCOMPARE(part.preferredReadReplica, -1);
    QCOMPARE(part.lastStableOffset, part.highWatermark);
    QVERIFY(part.records && part.records->size() >= batch.size());
    const std::uint8_t* got = part.records->bytes.data();
    QCOMPARE(static_cast<std::int64_t>(loadBigEndian64(got)), std::int64_t(0));  // baseOffset
    // After baseOffset(8) length(4) leaderEpoch(4) the batch is unchanged (magic, crc, records).
    QVERIFY(std::equal(batch.begin() + 16, batch.end(), got + 16));
  }

  void groupOfOneJoinsAndSyncs() {
    WireClient c(frontEnd_->port(1));
    FindCoordinatorRequest find;
    find.key = "solo";
    QVERIFY(c.send(find, 0));
    auto found = c.receive<FindCoordinatorResponse>(0, false);
    QVERIFY(found);
    QCOMPARE(found->errorCode, std::int16_t(0));
    QCOMPARE(found->port, frontEnd_->port(found->nodeId));

    WireClient g(found->port);
    JoinGroupRequest join;
    join.groupId = "solo";
    join.sessionTimeoutMs = 10000;
    join.rebalanceTimeoutMs = 10000;
    join.protocolType = "consumer";
    join.protocols.push_back({"range", Bytes{0, 1}});
    QVERIFY(g.send(join, 5));
    auto joined = g.receive<JoinGroupResponse>(5, false);
    QVERIFY(joined);
    QCOMPARE(joined->errorCode, std::int16_t(79));  // MEMBER_ID_REQUIRED, then rejoin with it
    join.memberId = joined->memberId;
    QVERIFY(g.send(join, 5));
    joined = g.receive<JoinGroupResponse>(5, false);
    QVERIFY(joined);
    QCOMPARE(joined->errorCode, std::int16_t(0));
    QCOMPARE(joined->leader, join.memberId);
    SyncGroupRequest sync;
    sync.groupId = "solo";
    sync.generationId = joined->generationId;
    sync.memberId = join.memberId;
    sync.assignments.push_back({join.memberId, Bytes{4, 2}});
    QVERIFY(g.send(sync, 3));
    auto synced = g.receive<SyncGroupResponse>(3, false);
    QVERIFY(synced);
    QCOMPARE(synced->errorCode, std::int16_t(0));
    QCOMPARE(synced->assignment, (Bytes{4, 2}));
    HeartbeatRequest beat;
    beat.groupId = "solo";
    beat.generationId = joined->generationId;
    beat.memberId = join.memberId;
    QVERIFY(g.send(beat, 4));
    auto beaten = g.receive<HeartbeatResponse>(4, true);
    QVERIFY(beaten);
    QCOMPARE(beaten->errorCode, std::int16_t(0));
  }

  // librdkafka 2.0.2's rd_kafka_ListConsumerGroupOffsets(group, NULL) sends OffsetFetch v7 with
  // a null topic list and two stray zero bytes after the body (captured from the client); it
  // must get every committed offset of the group, as v8's null list must.
  void offsetFetchWithNullTopicsListsEveryCommit() {
    cluster::NewTopic topic;
    topic.name = "fetch-all";
    topic.partitions = 2;
    topic.replicationFactor = 1;
    QVERIFY(cluster_->controller().createTopic(topic).ok());
    WireClient c(frontEnd_->port(1));
    FindCoordinatorRequest find;
    find.key = "ofg";
    QVERIFY(c.send(find, 0));
    auto found = c.receive<FindCoordinatorResponse>(0, false);
    QVERIFY(found);
    QCOMPARE(found->errorCode, std::int16_t(0));
    WireClient g(found->port);
    OffsetCommitRequest commit;
    commit.groupId = "ofg";
    commit.topics.push_back({"fetch-all", {{0, 5, -1, -1, "", {}}, {1, 7, -1, -1, "", {}}}, {}});
    QVERIFY(g.send(commit, 7));
    auto committed = g.receive<OffsetCommitResponse>(7, false);
    QVERIFY(committed);
    QCOMPARE(committed->topics.size(), std::size_t{1});
    for (const auto& p : committed->topics[0].partitions)
      QCOMPARE(p.errorCode, std::int16_t(0));

    const Bytes librdkafkaFrame{0x00, 0x00, 0x00, 0x1c, 0x00, 0x09, 0x00, 0x07, 0x00, 0x00, 0x00,
                                0x02, 0x00, 0x07, 'r',  'd',  'k',  'a',  'f',  'k',  'a',  0x00,
                                0x04, 'o',  'f',  'g',  0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
    QVERIFY(g.sendRaw(librdkafkaFrame));
    std::int32_t correlation = 0;
    auto fetched = g.receive<OffsetFetchResponse>(7, true, &correlation);
    QVERIFY2(fetched, "no answer: the connection was closed");
    QCOMPARE(correlation, 2);
    QCOMPARE(fetched->errorCode, std::int16_t(0));
    QCOMPARE(fetched->topics.size(), std::size_t{1});
    QCOMPARE(fetched->topics[0].name, std::string("fetch-all"));
    QCOMPARE(fetched->topics[0].partitions.size(), std::size_t{2});
    QCOMPARE(fetched->topics[0].partitions[0].committedOffset, std::int64_t(5));
    QCOMPARE(fetched->topics[0].partitions[1].committedOffset, std::int64_t(7));

    OffsetFetchRequest v8;
    v8.groups.emplace_back();
    v8.groups[0].groupId = "ofg";
    v8.groups[0].topics = std::nullopt;
    QVERIFY(g.send(v8, 8));
    auto fetched8 = g.receive<OffsetFetchResponse>(8, true);
    QVERIFY(fetched8);
    QCOMPARE(fetched8->groups.size(), std::size_t{1});
    QCOMPARE(fetched8->groups[0].topics.size(), std::size_t{1});
    QCOMPARE(fetched8->groups[0].topics[0].partitions.size(), std::size_t{2});
    QCOMPARE(fetched8->groups[0].topics[0].partitions[1].committedOffset, std::int64_t(7));
  }

  void initProducerIdHandsOutDistinctIds() {
    WireClient c(frontEnd_->port(3));
    InitProducerIdRequest init;
    init.transactionalId = std::nullopt;
    QVERIFY(c.send(init, 4));
    auto a = c.receive<InitProducerIdResponse>(4, true);
    QVERIFY(c.send(init, 4));
    auto b = c.receive<InitProducerIdResponse>(4, true);
    QVERIFY(a && b);
    QCOMPARE(a->errorCode, std::int16_t(0));
    QVERIFY(a->producerId >= 0);
    QVERIFY(a->producerId != b->producerId);
  }

  void killedBrokerClosesItsListenerAndRestartReopensIt() {
    const int port = frontEnd_->port(3);
    QVERIFY(cluster_->killBroker(3).isOk());
    QVERIFY(!frontEnd_->listening(3));
    WireClient refused(port);
    QVERIFY(!refused.connected());
    WireClient c(frontEnd_->port(1));
    QVERIFY(c.send(MetadataRequest{}, 1));
    auto md = c.receive<MetadataResponse>(1, false);
    QVERIFY(md);
    QCOMPARE(md->brokers.size(), std::size_t(2));
    QVERIFY(cluster_->restartBroker(3).isOk());
    QVERIFY(frontEnd_->listening(3));
    QCOMPARE(frontEnd_->port(3), port);
    WireClient again(port);
    QVERIFY(again.connected());
  }

  void removedBrokerLeavesMetadataAndClosesItsListener() {
    auto added = cluster_->addBroker();
    QVERIFY(added.isOk());
    const std::int32_t id = *added;
    QVERIFY(frontEnd_->listening(id));
    const int port = frontEnd_->port(id);
    WireClient c(frontEnd_->port(1));
    QVERIFY(c.send(MetadataRequest{}, 1));
    auto before = c.receive<MetadataResponse>(1, false);
    QVERIFY(before);
    QCOMPARE(before->brokers.size(), std::size_t(4));
    QVERIFY(cluster_->removeBroker(id).isOk());
    QVERIFY(!frontEnd_->listening(id));
    QVERIFY(!WireClient(port).connected());
    QVERIFY(c.send(MetadataRequest{}, 1));
    auto after = c.receive<MetadataResponse>(1, false);
    QVERIFY(after);
    QCOMPARE(after->brokers.size(), std::size_t(3));
    for (const auto& b : after->brokers)
      QVERIFY(b.nodeId != id);
  }
};

QTEST_APPLESS_MAIN(KafkaHandlersTest)
#include "kafka_handlers_test.moc"
