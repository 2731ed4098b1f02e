// EmbeddedClusterClient as a whole: owning and borrowing a cluster (clients of one cluster share
// one group coordinator), the Admin operations, the Observer's views and changes (groups with
// lag, broker deaths, rebalances as ClusterChanges), and EmbeddedControl's faults.
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <mutex>

#include "embedded_test_util.h"
#include "engine/client/embedded/embedded_cluster_client.h"

using namespace runnel;
using namespace runnel::client;
using namespace runnel::client::embedded;
using namespace runnel::client::embedded::testing;

namespace {
void produceN(ClusterClient& client, const std::string& topic, int n) {
  auto p = client.createProducer(ProducerConfig{});
  if (!p.isOk()) qFatal("producer");
  for (int i = 0; i < n; ++i) {
    (*p)->send({topic, 0, std::nullopt, bytesOf(std::to_string(i)), {}, 1'000'000 + i}, {});
  }
  if (!(*p)->flush(std::chrono::seconds(10)).isOk()) qFatal("flush");
}
}  // namespace

class EmbeddedClusterClientTest : public QObject {
  Q_OBJECT
 private slots:
  void ownAndBorrowShareOneCoordinator() {
    QTemporaryDir dir;
    auto owner = EmbeddedClusterClient::open(fastConfig(dir.path().toStdString()), fastGroups());
    QVERIFY(owner.isOk());
    auto borrowed = EmbeddedClusterClient::borrow((*owner)->cluster());
    QVERIFY(borrowed.isOk());
    QCOMPARE(&(*borrowed)->groups(), &(*owner)->groups());
    QVERIFY((*owner)->capabilities().embedded);
    QVERIFY((*owner)->embeddedControl() != nullptr);
    QCOMPARE((*owner)->displayName(), std::string("Embedded cluster (3 brokers)"));
    QCOMPARE(QString::fromStdString((*owner)->bootstrapServers()).count(','), 2);
    borrowed->reset();
    // The owner still works after a borrower is gone.
    QVERIFY((*owner)->admin().createTopic({"after", 1, 1, {}, {}}).isOk());
  }

  void adminOperations() {
    QTemporaryDir dir;
    auto client = EmbeddedClusterClient::open(fastConfig(dir.path().toStdString()), fastGroups());
    QVERIFY(client.isOk());
    Admin& admin = (*client)->admin();
    auto desc = admin.describeCluster();
    QVERIFY(desc.isOk());
    QCOMPARE(desc->brokers.size(), std::size_t{3});
    QVERIFY(!desc->clusterId.empty());

    QVERIFY(admin.createTopic({"a", 2, 3, {{"retention.ms", "60000"}}, {}}).isOk());
    QVERIFY(admin.createTopic({"a", 2, 3, {}, {}}).isAlreadyExists());
    QVERIFY(admin.createTopic({"placed", -1, -1, {}, {{0, {2, 1}}, {1, {3, 2}}}}).isOk());
    auto topics = admin.listTopics();
    QVERIFY(topics.isOk());
    QCOMPARE(*topics, (std::vector<std::string>{"a", "placed"}));
    auto described = admin.describeTopics({"placed"});
    QVERIFY(described.isOk());
    QCOMPARE(described->at(0).partitions.size(), std::size_t{2});
    QCOMPARE(described->at(0).partitions[0].replicas, (std::vector<std::int32_t>{2, 1}));
    QVERIFY(admin.describeTopics({"nope"}).status().isNotFound());

    QVERIFY(admin.createPartitions("a", 4).isOk());
    QCOMPARE(admin.describeTopics({"a"})->at(0).partitions.size(), std::size_t{4});

    QVERIFY(admin.alterTopicConfigs("a", {{"retention.ms", "120000", AlterConfigOp::kSet}}).isOk());
    auto configs = admin.describeTopicConfigs("a");
    QVERIFY(configs.isOk());
    bool found = false;
    for (const auto& e : *configs) {
      if (e.name == "retention.ms") {
        found = true;
        QCOMPARE(e.value, std::optional<std::string>("120000"));
        QVERIFY(e.source == ConfigSource::kTopic);
      }
    }
    QVERIFY(found);
    QVERIFY(admin.alterTopicConfigs("a", {{"no.such.key", "1", AlterConfigOp::kSet}})
                .isInvalidArgument());

    produceN(**client, "a", 10);
    TopicPartition tp{"a", 0};
    auto offsets = admin.listOffsets({{tp, OffsetSpec::latest()}});
    QVERIFY(offsets.isOk());
    QCOMPARE(offsets->at(tp).offset, std::int64_t{10});
    auto byTime = admin.listOffsets({{tp, OffsetSpec::forTimestamp(1'000'004)}});
    QCOMPARE(byTime->at(tp).offset, std::int64_t{4});
    QVERIFY(admin.deleteRecords({{tp, 3}}).isOk());
    QCOMPARE(admin.listOffsets({{tp, OffsetSpec::earliest()}})->at(tp).offset, std::int64_t{3});

    // Groups: offsets altered while the group is empty, listed, described, deleted.
    QVERIFY(admin.alterConsumerGroupOffsets("g1", {{tp, {7, "meta", -1}}}).isOk());
    auto groupOffsets = admin.listConsumerGroupOffsets("g1");
    QVERIFY(groupOffsets.isOk());
    QCOMPARE(groupOffsets->at(tp).offset, std::int64_t{7});
    QCOMPARE(groupOffsets->at(tp).metadata, std::string("meta"));
    auto groups = admin.listConsumerGroups();
    QVERIFY(groups.isOk());
    QCOMPARE(groups->size(), std::size_t{1});
    QCOMPARE(groups->at(0).groupId, std::string("g1"));
    auto gd = admin.describeConsumerGroups({"g1"});
    QVERIFY(gd.isOk());
    QCOMPARE(gd->at(0).state, std::string("Empty"));
    QVERIFY(admin.deleteConsumerGroup("g1").isOk());
    QVERIFY(admin.listConsumerGroupOffsets("g1")->empty());

    QVERIFY(admin.electPreferredLeaders({}).isOk());
    // A reorder of placed-0 finishes at once; nothing is left to list or cancel.
    const TopicPartition placed0{"placed", 0};
    QVERIFY(admin.reassignPartition(placed0, {1, 2}).isOk());
    QCOMPARE(admin.describeTopics({"placed"})->at(0).partitions[0].replicas,
             (std::vector<std::int32_t>{1, 2}));
    QVERIFY(admin.listPartitionReassignments()->empty());
    QVERIFY(admin.cancelPartitionReassignment(placed0).isNotFound());
    QVERIFY(admin.reassignPartition(placed0, {1, 9}).isInvalidArgument());
    QVERIFY(admin.reassignPartition({"placed", 7}, {1}).isNotFound());
    QVERIFY(admin.deleteTopic("placed").isOk());
    QCOMPARE(*admin.listTopics(), (std::vector<std::string>{"a"}));

    NewTopic bookkeeping;
    bookkeeping.name = "_bookkeeping";
    bookkeeping.partitions = 1;
    bookkeeping.internal = true;
    QVERIFY(admin.createTopic(bookkeeping).isOk());
    QCOMPARE(*admin.listTopics(), (std::vector<std::string>{"a"}));
    auto everything = *admin.listTopics(true);
    std::sort(everything.begin(), everything.end());
    QCOMPARE(everything, (std::vector<std::string>{"_bookkeeping", "a"}));
    auto internalTopic = admin.describeTopics({"_bookkeeping"});
    QVERIFY(internalTopic.isOk());
    QVERIFY(internalTopic->at(0).internal);
  }

  void observerViewsAndChanges() {
    QTemporaryDir dir;
    auto client = EmbeddedClusterClient::open(fastConfig(dir.path().toStdString()), fastGroups());
    QVERIFY(client.isOk());
    ClusterObserver& observer = (*client)->observer();
    std::mutex mu;
    std::vector<ClusterChange> changes;
    const int handle = observer.subscribe([&](const ClusterChange& c) {
      std::lock_guard<std::mutex> lock(mu);
      changes.push_back(c);
    });
    QVERIFY((*client)->admin().createTopic({"v", 1, 3, {}, {}}).isOk());
    produceN(**client, "v", 12);

    // A group member consumes and commits 5: lag 7.
    ConsumerConfig cc;
    cc.groupId = "viewers";
    cc.autoOffsetReset = OffsetReset::kEarliest;
    cc.enableAutoCommit = false;
    cc.heartbeatIntervalMs = 20;
    cc.sessionTimeoutMs = 3000;
    auto consumer = (*client)->createConsumer(cc);
    QVERIFY(consumer.isOk());
    QVERIFY((*consumer)->subscribe({"v"}).isOk());
    for (int i = 0; i < 200 && (*consumer)->assignment().empty(); ++i)
      QVERIFY((*consumer)->poll(std::chrono::milliseconds(10)).isOk());
    QVERIFY((*consumer)->commitSync(OffsetMap{{{"v", 0}, {5, "", -1}}}).isOk());

    auto view = observer.view();
    QVERIFY(view.isOk());
    QCOMPARE(view->brokers.size(), std::size_t{3});
    QCOMPARE(view->topics.size(), std::size_t{1});
    QCOMPARE(view->partitions.size(), std::size_t{1});
    QCOMPARE(view->partitions[0].highWatermark, std::int64_t{12});
    QCOMPARE(view->groups.size(), std::size_t{1});
    const GroupView& g = view->groups[0];
    QCOMPARE(g.groupId, std::string("viewers"));
    QCOMPARE(g.state, std::string("Stable"));
    QCOMPARE(g.members.size(), std::size_t{1});
    QCOMPARE(g.members[0].assignment.size(), std::size_t{1});
    QCOMPARE(g.partitions.size(), std::size_t{1});
    QCOMPARE(g.partitions[0].committedOffset, std::int64_t{5});
    QCOMPARE(g.partitions[0].lag, std::int64_t{7});
    QCOMPARE(g.partitions[0].memberId, g.members[0].memberId);
    auto snap = (*client)->cluster().snapshot();
    QCOMPARE(snap.groups.size(), std::size_t{1});
    QCOMPARE(snap.groups[0].members, 1);

    QVERIFY((*client)->embeddedControl()->killBroker(2).isOk());
    auto has = [&](const std::string& kind) {
      std::lock_guard<std::mutex> lock(mu);
      for (const auto& c : changes) {
        if (c.kind == kind) return true;
      }
      return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(has("broker-died"), 5000);
    QVERIFY(has("topic-created"));
    QVERIFY(has("group-rebalanced"));
    bool inHistory = false;
    for (const auto& c : observer.recentChanges())
      inHistory = inHistory || c.kind == "broker-died";
    QVERIFY(inHistory);
    observer.unsubscribe(handle);
    QVERIFY(!observer.view()->brokers[1].alive);
    QVERIFY((*consumer)->close().isOk());
  }

  void observerShowsSegments() {
    QTemporaryDir dir;
    auto client = EmbeddedClusterClient::open(fastConfig(dir.path().toStdString()), fastGroups());
    QVERIFY(client.isOk());
    // Tiny segments, so a few hundred records span several of them.
    QVERIFY((*client)->admin().createTopic({"segs", 1, 3, {{"segment.bytes", "2048"}}, {}}).isOk());
    // In separate flushes: a batch never straddles segments, so one big batch would fill one.
    for (int i = 0; i < 20; ++i)
      produceN(**client, "segs", 20);
    auto view = (*client)->observer().view();
    QVERIFY(view.isOk());
    const PartitionView& p = view->partitions[0];
    QCOMPARE(p.highWatermark, std::int64_t{400});
    QVERIFY2(p.segmentBaseOffsets.size() > 2, "records spill over several segments");
    QCOMPARE(p.segmentBaseOffsets.front(), p.logStartOffset);
    QVERIFY(std::is_sorted(p.segmentBaseOffsets.begin(), p.segmentBaseOffsets.end()));
    QVERIFY(p.segmentBaseOffsets.back() < p.logEndOffset);
    // The snapshot and the view agree.
    auto snap = (*client)->cluster().snapshot();
    QCOMPARE(snap.partitions[0].segmentBaseOffsets, p.segmentBaseOffsets);
  }

  void controlFaults() {
    QTemporaryDir dir;
    auto client = EmbeddedClusterClient::open(fastConfig(dir.path().toStdString()), fastGroups());
    QVERIFY(client.isOk());
    EmbeddedControl& control = *(*client)->embeddedControl();
    QVERIFY(control.cutLink(1, 2).isOk());
    QVERIFY(control.delayLink(2, 3, 30).isOk());
    QVERIFY(control.dropOnLink(1, 3, 0.5).isOk());
    QVERIFY(control.cutLink(1, 1).isInvalidArgument());
    QVERIFY(control.dropOnLink(1, 3, 2.0).isInvalidArgument());
    QVERIFY(control.cutLink(1, 9).isNotFound());
    auto faults = control.activeFaults();
    QVERIFY(faults.size() >= 3);
    int cuts = 0;
    for (const auto& f : faults)
      cuts += f.kind == "link-cut" ? 1 : 0;
    QVERIFY(cuts >= 1);
    QVERIFY(control.healLink(1, 2).isOk());
    for (const auto& f : control.activeFaults())
      QVERIFY(f.kind != "link-cut");
    control.clearFaults();
    QVERIFY(control.activeFaults().empty());
    QVERIFY(control.isolateBroker(2).isOk());
    QVERIFY(control.isolateBroker(9).isNotFound());
    QCOMPARE(control.activeFaults().size(), std::size_t{1});
    QCOMPARE(control.activeFaults()[0].kind, std::string("broker-isolated"));
    QCOMPARE(control.activeFaults()[0].brokerA, 2);
    control.clearFaults();
    QVERIFY(control.activeFaults().empty());

    QVERIFY(control.killBroker(3).isOk());
    QVERIFY(!(*client)->cluster().broker(3)->alive());
    QVERIFY(control.restartBroker(3).isOk());
    QVERIFY((*client)->cluster().broker(3)->alive());
    auto added = control.addBroker();
    QVERIFY(added.isOk());
    QCOMPARE(*added, 4);
    QCOMPARE((*client)->admin().describeCluster()->brokers.size(), std::size_t{4});
  }
};

QTEST_APPLESS_MAIN(EmbeddedClusterClientTest)
#include "embedded_cluster_client_test.moc"
