// AlterPartitionReassignments, ListPartitionReassignments and ElectLeaders over a real listener
// and a 4-broker in-process cluster, with frames built by the generated codec: ApiVersions
// advertises them; a reassignment starts, is listed with its adding and removing replicas and is
// cancelled; bad targets get INVALID_REPLICA_ASSIGNMENT, unknown partitions
// UNKNOWN_TOPIC_OR_PARTITION, a second cancel NO_REASSIGNMENT_IN_PROGRESS; elections answer
// ELECTION_NOT_NEEDED and PREFERRED_LEADER_NOT_AVAILABLE where Kafka would.
#include <QTemporaryDir>
#include <QtTest>

#include "engine/kafka/front_end/kafka_front_end.h"
#include "engine/kafka/messages/alter_partition_reassignments.h"
#include "engine/kafka/messages/api_versions.h"
#include "engine/kafka/messages/elect_leaders.h"
#include "engine/kafka/messages/list_partition_reassignments.h"
#include "tests/engine/kafka/handlers/kafka_wire_client.h"

using namespace runnel;
using namespace runnel::kafka;
using runnel::kafka::testing::WireClient;

namespace {

using Ids = std::vector<std::int32_t>;
constexpr std::int16_t kNoError = 0;
constexpr std::int16_t kUnknownTopicOrPartition = 3;
constexpr std::int16_t kInvalidReplicaAssignment = 39;
constexpr std::int16_t kPreferredLeaderNotAvailable = 80;
constexpr std::int16_t kElectionNotNeeded = 84;
constexpr std::int16_t kNoReassignmentInProgress = 85;

AlterPartitionReassignmentsRequest alterRequest(const std::string& topic, std::int32_t partition,
                                                std::optional<Ids> replicas) {
  AlterPartitionReassignmentsRequest r;
  alter_partition_reassignments_request::ReassignableTopic t;
  t.name = topic;
  alter_partition_reassignments_request::ReassignablePartition p;
  p.partitionIndex = partition;
  p.replicas = std::move(replicas);
  t.partitions.push_back(std::move(p));
  r.topics.push_back(std::move(t));
  return r;
}

ElectLeadersRequest electRequest(const std::string& topic, Ids partitions) {
  ElectLeadersRequest r;
  ElectLeadersRequest::TopicPartitions t;
  t.topic = topic;
  t.partitions = std::move(partitions);
  r.topicPartitions = std::vector<ElectLeadersRequest::TopicPartitions>{t};
  return r;
}

}  // namespace

class ReassignmentHandlersTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  std::unique_ptr<cluster::Cluster> cluster_;
  std::unique_ptr<KafkaFrontEnd> frontEnd_;

  std::int16_t alter(WireClient& c, const std::string& topic, std::int32_t partition,
                     std::optional<Ids> replicas) {
    if (!c.send(alterRequest(topic, partition, std::move(replicas)), 0)) return -1;
    auto response = c.receive<AlterPartitionReassignmentsResponse>(0, /*flexibleHeader=*/true);
    if (!response || response->responses.size() != 1 ||
        response->responses[0].partitions.size() != 1)
      return -1;
    return response->responses[0].partitions[0].errorCode;
  }

  std::optional<ElectLeadersResponse> elect(WireClient& c, const ElectLeadersRequest& request,
                                            std::int16_t version) {
    if (!c.send(request, version)) return std::nullopt;
    return c.receive<ElectLeadersResponse>(version, /*flexibleHeader=*/version >= 2);
  }

  PartitionRecord state(const std::string& topic, std::int32_t partition) {
    return *cluster_->controller().partition({topic, partition});
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    cluster::ClusterConfig config;
    config.brokers = 4;
    config.dataDir = dir_.path().toStdString();
    config.basePort = 0;
    config.housekeepingIntervalMs = 20;
    config.replicaFetchWaitMaxMs = 50;
    config.autoLeaderRebalanceEnable = false;
    auto c = cluster::Cluster::open(config);
    QVERIFY2(c.isOk(), c.status().toString().c_str());
    cluster_ = std::move(c).value();
    FrontEndOptions options;
    options.basePort = 0;
    auto fe = KafkaFrontEnd::start(*cluster_, options);
    QVERIFY2(fe.isOk(), fe.status().toString().c_str());
    frontEnd_ = std::move(fe).value();
    cluster::NewTopic t;
    t.name = "t";
    t.assignment = {{1, 2, 3}};
    QVERIFY(cluster_->controller().createTopic(t).ok());
    t.name = "e";
    QVERIFY(cluster_->controller().createTopic(t).ok());
  }
  void cleanupTestCase() {
    frontEnd_.reset();
    if (cluster_) QVERIFY(cluster_->close().isOk());
  }

  void apiVersionsAdvertisesThem() {
    WireClient c(frontEnd_->port(1));
    QVERIFY(c.send(ApiVersionsRequest{}, 3));
    auto response = c.receive<ApiVersionsResponse>(3, /*flexibleHeader=*/false);
    QVERIFY(response);
    std::map<std::int16_t, std::pair<int, int>> ranges;
    for (auto& k : response->apiKeys)
      ranges[k.apiKey] = {k.minVersion, k.maxVersion};
    QCOMPARE(ranges[43], std::make_pair(0, 2));
    QCOMPARE(ranges[45], std::make_pair(0, 0));
    QCOMPARE(ranges[46], std::make_pair(0, 0));
  }

  void reassignListAndCancel() {
    // With broker 4 down the reassignment stays in progress long enough to list it.
    QVERIFY(cluster_->killBroker(4).isOk());
    WireClient c(frontEnd_->port(1));
    QVERIFY(c.connected());
    QCOMPARE(alter(c, "t", 0, Ids{1, 9}), kInvalidReplicaAssignment);
    QCOMPARE(alter(c, "t", 0, Ids{2, 2}), kInvalidReplicaAssignment);
    QCOMPARE(alter(c, "t", 7, Ids{1, 2}), kUnknownTopicOrPartition);
    QCOMPARE(alter(c, "missing", 0, Ids{1, 2}), kUnknownTopicOrPartition);
    QCOMPARE(alter(c, "t", 0, std::nullopt), kNoReassignmentInProgress);
    QCOMPARE(alter(c, "t", 0, Ids{4, 2, 3}), kNoError);

    ListPartitionReassignmentsRequest list;
    list.topics = std::nullopt;
    QVERIFY(c.send(list, 0));
    auto listed = c.receive<ListPartitionReassignmentsResponse>(0, true);
    QVERIFY(listed);
    QCOMPARE(listed->errorCode, kNoError);
    QCOMPARE(int(listed->topics.size()), 1);
    QCOMPARE(listed->topics[0].name, std::string("t"));
    const auto& ongoing = listed->topics[0].partitions.at(0);
    QCOMPARE(ongoing.partitionIndex, 0);
    QCOMPARE(ongoing.replicas, (Ids{4, 2, 3, 1}));
    QCOMPARE(ongoing.addingReplicas, (Ids{4}));
    QCOMPARE(ongoing.removingReplicas, (Ids{1}));
    // Asking for a partition without a reassignment lists nothing.
    list_partition_reassignments_request::ListPartitionReassignmentsTopics only;
    only.name = "e";
    only.partitionIndexes = {0};
    list.topics = std::vector{only};
    QVERIFY(c.send(list, 0));
    listed = c.receive<ListPartitionReassignmentsResponse>(0, true);
    QVERIFY(listed && listed->topics.empty());

    QCOMPARE(alter(c, "t", 0, std::nullopt), kNoError);
    QCOMPARE(state("t", 0).replicas, (Ids{2, 3, 1}));
    QVERIFY(cluster_->controller().reassignments().empty());
    QCOMPARE(alter(c, "t", 0, std::nullopt), kNoReassignmentInProgress);
    QVERIFY(cluster_->restartBroker(4).isOk());
  }

  void electPreferredLeaders() {
    WireClient c(frontEnd_->port(2));
    QVERIFY(c.connected());
    QTRY_COMPARE(int(state("e", 0).isr.size()), 3);
    QCOMPARE(state("e", 0).leader, 1);
    // A reorder finishes at once and leaves broker 1 leading; 2 is now preferred.
    QVERIFY(cluster_->controller().alterReassignment({"e", 0}, Ids{2, 1, 3}).ok());
    auto r = elect(c, electRequest("e", {0}), 2);
    QVERIFY(r);
    QCOMPARE(r->errorCode, kNoError);
    QCOMPARE(r->replicaElectionResults.at(0).partitionResult.at(0).errorCode, kNoError);
    QCOMPARE(state("e", 0).leader, 2);
    r = elect(c, electRequest("e", {0}), 1);
    QVERIFY(r);
    QCOMPARE(r->replicaElectionResults.at(0).partitionResult.at(0).errorCode, kElectionNotNeeded);
    r = elect(c, electRequest("nope", {0}), 0);
    QVERIFY(r);
    QCOMPARE(r->replicaElectionResults.at(0).partitionResult.at(0).errorCode,
             kUnknownTopicOrPartition);
    // Preferred replica 3 is down.
    QVERIFY(cluster_->controller().alterReassignment({"e", 0}, Ids{3, 2, 1}).ok());
    QVERIFY(cluster_->killBroker(3).isOk());
    r = elect(c, electRequest("e", {0}), 2);
    QVERIFY(r);
    QCOMPARE(r->replicaElectionResults.at(0).partitionResult.at(0).errorCode,
             kPreferredLeaderNotAvailable);
    // Every partition: those already led by their preferred replica are left out.
    ElectLeadersRequest all;
    all.topicPartitions = std::nullopt;
    r = elect(c, all, 2);
    QVERIFY(r);
    for (const auto& t : r->replicaElectionResults) {
      for (const auto& p : t.partitionResult)
        QVERIFY(p.errorCode != kElectionNotNeeded);
    }
    QVERIFY(cluster_->restartBroker(3).isOk());
  }
};

QTEST_GUILESS_MAIN(ReassignmentHandlersTest)
#include "reassignment_handlers_test.moc"
