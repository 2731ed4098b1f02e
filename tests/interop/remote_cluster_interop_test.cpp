// The remote backend (engine/remote, librdkafka) against runnel-server's Kafka listener, as a
// drop-in ClusterClient: the admin and the observer see brokers, topics, leaders, ISR, configs,
// groups and lag; records round-trip through RemoteProducer and RemoteConsumer (group
// subscription with rebalance callbacks, assign/seek/position, commits); and bad connections
// fail with messages that name the bootstrap servers and the cause.
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>

#include "engine/remote/remote_cluster_client.h"
#include "tests/interop/server_process.h"

using namespace runnel;

namespace {

class Listener : public client::RebalanceListener {
 public:
  void onPartitionsAssigned(const std::vector<client::TopicPartition>& p) override {
    assigned.insert(assigned.end(), p.begin(), p.end());
  }
  void onPartitionsRevoked(const std::vector<client::TopicPartition>& p) override {
    revoked.insert(revoked.end(), p.begin(), p.end());
  }
  std::vector<client::TopicPartition> assigned, revoked;
};

client::ProducerRecord record(const std::string& topic, const std::string& key,
                              const std::string& value) {
  client::ProducerRecord r;
  r.topic = topic;
  r.key = toBytes(key);
  r.value = toBytes(value);
  return r;
}

}  // namespace

class RemoteClusterInteropTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY2(!server_.bootstrap().empty(), server_.stderrText().c_str());
    remote::RemoteConfig config;
    config.bootstrapServers = server_.bootstrap();
    config.observerInterval = std::chrono::milliseconds(300);
    auto opened = remote::RemoteClusterClient::open(config);
    QVERIFY2(opened.isOk(), opened.status().toString().c_str());
    client_ = std::move(*opened);
  }
  void cleanupTestCase() { client_.reset(); }

  void isARemoteBackend() {
    QVERIFY(client_->embeddedControl() == nullptr);
    const auto caps = client_->capabilities();
    QVERIFY(!caps.embedded && !caps.faultInjection && !caps.demoClock);
    QCOMPARE(client_->bootstrapServers(), server_.bootstrap());
    QVERIFY(client_->displayName().find(server_.bootstrap()) != std::string::npos);
  }

  void unreachableClusterFailsClearly() {
    remote::RemoteConfig config;
    config.bootstrapServers = "127.0.0.1:1";
    config.connectTimeout = std::chrono::milliseconds(3000);
    QElapsedTimer t;
    t.start();
    auto opened = remote::RemoteClusterClient::open(config);
    QVERIFY(!opened.isOk());
    QVERIFY(t.elapsed() < 10000);
    const std::string msg = opened.status().message();
    QVERIFY2(opened.status().isUnavailable(), opened.status().toString().c_str());
    QVERIFY2(msg.find("127.0.0.1:1") != std::string::npos, msg.c_str());
    QVERIFY2(msg.find("refused") != std::string::npos, msg.c_str());
  }

  void authenticationFailureFailsClearly() {
    // runnel-server has no SASL: a client that insists on it cannot authenticate.
    remote::RemoteConfig config;
    config.bootstrapServers = server_.bootstrap();
    config.connectTimeout = std::chrono::milliseconds(5000);
    config.properties = {{"security.protocol", "SASL_PLAINTEXT"},
                         {"sasl.mechanism", "PLAIN"},
                         {"sasl.username", "alice"},
                         {"sasl.password", "secret"}};
    auto opened = remote::RemoteClusterClient::open(config);
    QVERIFY(!opened.isOk());
    const std::string msg = opened.status().message();
    QVERIFY2(msg.find("authentication") != std::string::npos, msg.c_str());
    QVERIFY2(msg.find(server_.bootstrap()) != std::string::npos, msg.c_str());
    QVERIFY2(msg.find("secret") == std::string::npos, msg.c_str());
  }

  void badPropertyFailsClearly() {
    remote::RemoteConfig config;
    config.bootstrapServers = server_.bootstrap();
    config.properties["no.such.property"] = "1";
    auto opened = remote::RemoteClusterClient::open(config);
    QVERIFY(!opened.isOk());
    QVERIFY(opened.status().isInvalidArgument());
    QVERIFY2(opened.status().message().find("no.such.property") != std::string::npos,
             opened.status().message().c_str());
  }

  void adminDescribesTheCluster() {
    auto& admin = client_->admin();
    auto cluster = admin.describeCluster();
    QVERIFY2(cluster.isOk(), cluster.status().toString().c_str());
    QCOMPARE(cluster->brokers.size(), std::size_t(3));
    QVERIFY(cluster->controllerId >= 1);
    QVERIFY(!cluster->clusterId.empty());

    client::NewTopic t;
    t.name = "remote-admin";
    t.partitions = 3;
    t.replicationFactor = 3;
    t.configs = {{"retention.ms", "3600000"}};
    QVERIFY2(admin.createTopic(t).isOk(), admin.createTopic(t).toString().c_str());
    Status again = admin.createTopic(t);
    QVERIFY2(again.isAlreadyExists(), again.toString().c_str());

    auto topics = admin.listTopics(false);
    QVERIFY(topics.isOk());
    QVERIFY(std::count(topics->begin(), topics->end(), "remote-admin") == 1);
    auto described = admin.describeTopics({"remote-admin"});
    QVERIFY2(described.isOk(), described.status().toString().c_str());
    QCOMPARE(described->at(0).partitions.size(), std::size_t(3));
    for (const auto& p : described->at(0).partitions) {
      QVERIFY(p.leader >= 1 && p.leader <= 3);
      QCOMPARE(p.replicas.size(), std::size_t(3));
      QCOMPARE(p.isr.size(), std::size_t(3));
      QVERIFY(p.offlineReplicas.empty());
    }

    auto missing = admin.describeTopics({"no-such-topic"});
    QVERIFY(!missing.isOk());
    QVERIFY(missing.status().isNotFound());
    QVERIFY2(missing.status().message().find("no-such-topic") != std::string::npos &&
                 missing.status().message().find(server_.bootstrap()) != std::string::npos,
             missing.status().message().c_str());

    auto configs = admin.describeTopicConfigs("remote-admin");
    QVERIFY2(configs.isOk(), configs.status().toString().c_str());
    auto find = [](const std::vector<client::ConfigEntry>& c, const std::string& name) {
      return std::find_if(c.begin(), c.end(), [&](const auto& e) { return e.name == name; });
    };
    auto retention = find(*configs, "retention.ms");
    QVERIFY(retention != configs->end());
    QCOMPARE(retention->value.value_or(""), std::string("3600000"));
    QCOMPARE(retention->source, client::ConfigSource::kTopic);

    // A change keeps the other overrides (AlterConfigs is applied as read-modify-write).
    Status altered = admin.alterTopicConfigs("remote-admin", {{"max.message.bytes", "200000"}});
    QVERIFY2(altered.isOk(), altered.toString().c_str());
    configs = admin.describeTopicConfigs("remote-admin");
    QVERIFY(configs.isOk());
    QCOMPARE(find(*configs, "max.message.bytes")->value.value_or(""), std::string("200000"));
    QCOMPARE(find(*configs, "retention.ms")->value.value_or(""), std::string("3600000"));

    QVERIFY(admin.createPartitions("remote-admin", 4).isOk());
    described = admin.describeTopics({"remote-admin"});
    QVERIFY(described.isOk());
    QCOMPARE(described->at(0).partitions.size(), std::size_t(4));

    QVERIFY(admin.electPreferredLeaders({}).isNotSupported());
  }

  void produceAndConsumeInAGroup() {
    const std::string topic = "remote-roundtrip";
    QVERIFY(client_->admin().createTopic({topic, 3, 3, {}, {}}).isOk());
    auto producer = client_->createProducer({});
    QVERIFY2(producer.isOk(), producer.status().toString().c_str());
    std::mutex mu;
    std::map<std::string, client::RecordMetadata> acks;
    std::vector<std::string> failures;
    constexpr int kRecords = 200;
    for (int i = 0; i < kRecords; ++i) {
      auto r = record(topic, "key-" + std::to_string(i % 17), "value-" + std::to_string(i));
      r.headers.push_back({"n", toBytes(std::to_string(i))});
      if (i == 7) r.value.reset();  // a tombstone stays null, not empty
      (*producer)->send(std::move(r), [&, i](const Result<client::RecordMetadata>& md) {
        std::lock_guard<std::mutex> lock(mu);
        if (md.isOk())
          acks[std::to_string(i)] = *md;
        else
          failures.push_back(md.status().toString());
      });
    }
    QVERIFY((*producer)->flush(std::chrono::seconds(20)).isOk());
    QVERIFY2(failures.empty(), failures.empty() ? "" : failures.front().c_str());
    QCOMPARE(acks.size(), std::size_t(kRecords));
    // partitionFor agrees with where the murmur2 partitioner put the key.
    auto p3 = (*producer)->partitionFor(topic, toBytes("key-3"));
    QVERIFY(p3.isOk());
    QCOMPARE(*p3, acks["3"].topicPartition.partition);
    auto missing = (*producer)->partitionFor("no-such-topic", toBytes("k"));
    QVERIFY(!missing.isOk() && missing.status().isNotFound());
    QVERIFY2(missing.status().message().find("no-such-topic") != std::string::npos,
             missing.status().message().c_str());

    client::ConsumerConfig cc;
    cc.groupId = "remote-group";
    cc.clientId = "remote-member";
    cc.autoOffsetReset = client::OffsetReset::kEarliest;
    cc.enableAutoCommit = false;
    auto consumer = client_->createConsumer(cc);
    QVERIFY2(consumer.isOk(), consumer.status().toString().c_str());
    Listener listener;
    QVERIFY((*consumer)->subscribe({topic}, &listener).isOk());
    std::map<std::string, client::ConsumerRecord> seen;
    QElapsedTimer t;
    t.start();
    while (seen.size() < kRecords && t.elapsed() < 20000) {
      auto records = (*consumer)->poll(std::chrono::milliseconds(200));
      QVERIFY2(records.isOk(), records.status().toString().c_str());
      for (auto& r : *records) {
        std::string n(asChars(*r.headers.at(0).value));
        seen[n] = std::move(r);
      }
    }
    QCOMPARE(seen.size(), std::size_t(kRecords));
    QCOMPARE(listener.assigned.size(), std::size_t(3));
    QCOMPARE((*consumer)->assignment().size(), std::size_t(3));
    for (const auto& [n, r] : seen) {
      QCOMPARE(r.offset, acks[n].offset);
      QCOMPARE(r.topicPartition, acks[n].topicPartition);
      if (n == "7") {
        QVERIFY(!r.value.has_value());
      } else {
        QCOMPARE(std::string(asChars(*r.value)), "value-" + n);
      }
    }
    QVERIFY((*consumer)->commitSync().isOk());
    QVERIFY((*consumer)->groupMetadata().memberId.size() > 0);

    // The admin sees the group, its member's assignment and its committed offsets.
    auto groups = client_->admin().listConsumerGroups();
    QVERIFY2(groups.isOk(), groups.status().toString().c_str());
    QVERIFY(std::any_of(groups->begin(), groups->end(),
                        [](const auto& g) { return g.groupId == "remote-group"; }));
    auto described = client_->admin().describeConsumerGroups({"remote-group"});
    QVERIFY2(described.isOk(), described.status().toString().c_str());
    QCOMPARE(described->at(0).members.size(), std::size_t(1));
    QCOMPARE(described->at(0).members[0].clientId, std::string("remote-member"));
    QCOMPARE(described->at(0).members[0].assignment.size(), std::size_t(3));
    QCOMPARE(described->at(0).state, std::string("Stable"));
    auto offsets = client_->admin().listConsumerGroupOffsets("remote-group");
    QVERIFY(offsets.isOk());
    std::int64_t committed = 0;
    for (const auto& [tp, om] : *offsets)
      committed += om.offset;
    QCOMPARE(committed, std::int64_t(kRecords));

    // Ten more records: the observer's view shows them as the group's lag.
    for (int i = 0; i < 10; ++i)
      (*producer)->send(record(topic, "more", std::to_string(i)));
    QVERIFY((*producer)->flush(std::chrono::seconds(10)).isOk());
    std::int64_t lag = -1;
    std::int64_t hwm = 0;
    for (int attempt = 0; attempt < 20 && lag != 10; ++attempt) {
      QTest::qWait(100);
      auto view = client_->observer().view();
      QVERIFY2(view.isOk(), view.status().toString().c_str());
      QCOMPARE(view->brokers.size(), std::size_t(3));
      auto g = std::find_if(view->groups.begin(), view->groups.end(),
                            [](const auto& group) { return group.groupId == "remote-group"; });
      QVERIFY(g != view->groups.end());
      QCOMPARE(g->members.size(), std::size_t(1));
      lag = 0;
      for (const auto& p : g->partitions)
        lag += p.lag;
      hwm = 0;
      for (const auto& p : view->partitions) {
        if (p.topic == topic) hwm += p.highWatermark;
      }
    }
    QCOMPARE(lag, std::int64_t(10));
    QCOMPARE(hwm, std::int64_t(kRecords + 10));
    QVERIFY((*consumer)->close().isOk());
  }

  void assignSeekAndPosition() {
    const std::string topic = "remote-seek";
    QVERIFY(client_->admin().createTopic({topic, 1, 1, {}, {}}).isOk());
    auto producer = client_->createProducer({}).value();
    for (int i = 0; i < 100; ++i)
      producer->send(record(topic, "k", std::to_string(i)));
    QVERIFY(producer->flush(std::chrono::seconds(10)).isOk());

    client::ConsumerConfig cc;  // no group: assign() only
    cc.autoOffsetReset = client::OffsetReset::kLatest;
    auto consumer = client_->createConsumer(cc).value();
    const client::TopicPartition tp{topic, 0};
    QVERIFY(consumer->subscribe({topic}).isInvalidArgument());
    QVERIFY(consumer->assign({tp}).isOk());
    auto marks = consumer->watermarks(tp, std::chrono::seconds(5));
    QVERIFY(marks.isOk());
    QCOMPARE(marks->first, std::int64_t(0));
    QCOMPARE(marks->second, std::int64_t(100));
    QCOMPARE(*consumer->position(tp), std::int64_t(100));  // latest
    QVERIFY(consumer->seekToBeginning({tp}).isOk());
    QCOMPARE(*consumer->position(tp), std::int64_t(0));
    QVERIFY(consumer->seek(tp, 60).isOk());
    std::vector<std::int64_t> offsets;
    QElapsedTimer t;
    t.start();
    while (offsets.size() < 40 && t.elapsed() < 10000) {
      auto records = consumer->poll(std::chrono::milliseconds(100));
      QVERIFY2(records.isOk(), records.status().toString().c_str());
      for (const auto& r : *records)
        offsets.push_back(r.offset);
    }
    QCOMPARE(offsets.size(), std::size_t(40));
    QCOMPARE(offsets.front(), std::int64_t(60));
    QCOMPARE(offsets.back(), std::int64_t(99));
    QCOMPARE(*consumer->position(tp), std::int64_t(100));
    QVERIFY(consumer->commitSync().isInvalidArgument());  // no group to commit to

    // A paused partition yields nothing until resumed, and loses nothing.
    QVERIFY(consumer->seek(tp, 90).isOk());
    QVERIFY(consumer->pause({tp}).isOk());
    auto whilePaused = consumer->poll(std::chrono::milliseconds(300));
    QVERIFY(whilePaused.isOk() && whilePaused->empty());
    QVERIFY(consumer->resume({tp}).isOk());
    offsets.clear();
    t.restart();
    while (offsets.size() < 10 && t.elapsed() < 10000) {
      auto records = consumer->poll(std::chrono::milliseconds(100));
      QVERIFY2(records.isOk(), records.status().toString().c_str());
      for (const auto& r : *records)
        offsets.push_back(r.offset);
    }
    QCOMPARE(offsets.size(), std::size_t(10));
    QCOMPARE(offsets.front(), std::int64_t(90));

    // wakeup() from another thread ends a long poll promptly.
    std::thread waker([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      consumer->wakeup();
    });
    t.restart();
    auto woken = consumer->poll(std::chrono::seconds(10));
    waker.join();
    QVERIFY(!woken.isOk() && woken.status().isAborted());
    QVERIFY(t.elapsed() < 2000);

    auto lo = client_->admin().listOffsets({{tp, client::OffsetSpec::earliest()}});
    auto hi = client_->admin().listOffsets({{tp, client::OffsetSpec::latest()}});
    QVERIFY(lo.isOk() && hi.isOk());
    QCOMPARE(lo->at(tp).offset, std::int64_t(0));
    QCOMPARE(hi->at(tp).offset, std::int64_t(100));
  }

  void groupOffsetsCanBeReset() {
    const client::TopicPartition tp{"remote-seek", 0};
    Status s = client_->admin().alterConsumerGroupOffsets("reset-group", {{tp, {42, "", -1}}});
    QVERIFY2(s.isOk(), s.toString().c_str());
    auto offsets = client_->admin().listConsumerGroupOffsets("reset-group");
    QVERIFY(offsets.isOk());
    QCOMPARE(offsets->at(tp).offset, std::int64_t(42));
    // A consumer of that group starts where the offsets were set.
    client::ConsumerConfig cc;
    cc.groupId = "reset-group";
    cc.enableAutoCommit = false;
    auto consumer = client_->createConsumer(cc).value();
    QVERIFY(consumer->assign({tp}).isOk());
    QCOMPARE(*consumer->position(tp), std::int64_t(42));
    auto records = consumer->poll(std::chrono::seconds(5));
    QVERIFY(records.isOk() && !records->empty());
    QCOMPARE(records->front().offset, std::int64_t(42));
    QVERIFY(consumer->close().isOk());
  }

  void observerPublishesTopicChanges() {
    std::mutex mu;
    std::vector<client::ClusterChange> changes;
    const int handle = client_->observer().subscribe([&](const client::ClusterChange& c) {
      std::lock_guard<std::mutex> lock(mu);
      changes.push_back(c);
    });
    QTest::qWait(700);  // the first poll is the baseline
    QVERIFY(client_->admin().createTopic({"remote-observed", 2, 2, {}, {}}).isOk());
    auto has = [&](const std::string& kind) {
      std::lock_guard<std::mutex> lock(mu);
      return std::any_of(changes.begin(), changes.end(), [&](const auto& c) {
        return c.kind == kind && c.topic == "remote-observed";
      });
    };
    QTRY_VERIFY_WITH_TIMEOUT(has("topic-created"), 5000);
    QVERIFY(client_->admin().createPartitions("remote-observed", 3).isOk());
    QTRY_VERIFY_WITH_TIMEOUT(has("partitions-added"), 5000);
    QVERIFY(client_->admin().deleteTopic("remote-observed").isOk());
    QTRY_VERIFY_WITH_TIMEOUT(has("topic-deleted"), 5000);
    client_->observer().unsubscribe(handle);
    const auto recent = client_->observer().recentChanges();
    QVERIFY(std::any_of(recent.begin(), recent.end(),
                        [](const auto& c) { return c.kind == "topic-created"; }));
  }

 private:
  ServerProcess server_{3};
  std::unique_ptr<remote::RemoteClusterClient> client_;
};

QTEST_GUILESS_MAIN(RemoteClusterInteropTest)
#include "remote_cluster_interop_test.moc"
