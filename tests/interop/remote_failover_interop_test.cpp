// The remote backend through a broker outage: runnel-server's leader of partition 0 is killed
// (`--control stdin`) while a RemoteProducer keeps sending and a RemoteConsumer in a group keeps
// reading. librdkafka reconnects and follows the new leader; the wrapper must not give up:
// every acknowledged record is read exactly once, the admin reports the new leader and the
// shrunken ISR, and the observer publishes broker-died, leader-changed and, after the restart,
// broker-restarted.
#include <QtTest>

#include <algorithm>
#include <mutex>
#include <set>

#include "engine/remote/remote_cluster_client.h"
#include "tests/interop/server_process.h"

using namespace runnel;

class RemoteFailoverInteropTest : public QObject {
  Q_OBJECT

 private slots:
  void survivesLeaderKill() {
    ServerProcess server(3);
    QVERIFY2(!server.bootstrap().empty(), server.stderrText().c_str());
    remote::RemoteConfig config;
    config.bootstrapServers = server.bootstrap();
    config.observerInterval = std::chrono::milliseconds(250);
    // Notice the new leader quickly (librdkafka's default refresh is 5 minutes).
    config.properties = {{"topic.metadata.refresh.interval.ms", "1000"},
                         {"retry.backoff.ms", "50"}};
    auto opened = remote::RemoteClusterClient::open(config);
    QVERIFY2(opened.isOk(), opened.status().toString().c_str());
    auto& cluster = **opened;
    const std::string topic = "remote-failover";
    client::NewTopic t{topic, 3, 3, {{"min.insync.replicas", "2"}}, {}};
    QVERIFY(cluster.admin().createTopic(t).isOk());
    auto before = cluster.admin().describeTopics({topic});
    QVERIFY(before.isOk());
    const int oldLeader = before->at(0).partitions.at(0).leader;
    QVERIFY(oldLeader >= 1);

    std::mutex mu;
    std::vector<client::ClusterChange> changes;
    const int handle = cluster.observer().subscribe([&](const client::ClusterChange& c) {
      std::lock_guard<std::mutex> lock(mu);
      changes.push_back(c);
    });
    auto seen = [&](const std::string& kind) {
      std::lock_guard<std::mutex> lock(mu);
      return std::any_of(changes.begin(), changes.end(), [&](const auto& c) {
        return c.kind == kind && (c.brokerId == oldLeader || c.fromLeader == oldLeader);
      });
    };

    auto producer = cluster.createProducer({}).value();
    client::ConsumerConfig cc;
    cc.groupId = "failover-readers";
    cc.autoOffsetReset = client::OffsetReset::kEarliest;
    cc.enableAutoCommit = false;
    cc.extra = {{"topic.metadata.refresh.interval.ms", "1000"}};
    auto consumer = cluster.createConsumer(cc).value();
    QVERIFY(consumer->subscribe({topic}).isOk());

    std::map<std::string, client::RecordMetadata> acked;
    std::vector<std::string> failed;
    std::map<std::string, int> read;
    auto send = [&](int i) {
      client::ProducerRecord r;
      r.topic = topic;
      r.partition = i % 3;
      r.value = toBytes("v" + std::to_string(i));
      producer->send(std::move(r), [&, i](const Result<client::RecordMetadata>& md) {
        std::lock_guard<std::mutex> lock(mu);
        if (md.isOk())
          acked["v" + std::to_string(i)] = *md;
        else
          failed.push_back(md.status().toString());
      });
    };
    auto drain = [&](int ms) {
      auto records = consumer->poll(std::chrono::milliseconds(ms));
      QVERIFY2(records.isOk(), records.status().toString().c_str());
      for (const auto& r : *records)
        ++read[std::string(asChars(*r.value))];
    };

    constexpr int kRecords = 600;
    for (int i = 0; i < kRecords / 2; ++i)
      send(i);
    QVERIFY(producer->flush(std::chrono::seconds(10)).isOk());
    QElapsedTimer timer;
    timer.start();
    while (read.size() < kRecords / 2 && timer.elapsed() < 10000)
      drain(100);
    QCOMPARE(read.size(), std::size_t(kRecords / 2));

    QCOMPARE(server.command("kill " + std::to_string(oldLeader)),
             "ok killed " + std::to_string(oldLeader));
    for (int i = kRecords / 2; i < kRecords; ++i)
      send(i);
    Status flushed = producer->flush(std::chrono::seconds(20));
    QVERIFY2(flushed.isOk(), flushed.toString().c_str());
    {
      std::lock_guard<std::mutex> lock(mu);
      QVERIFY2(failed.empty(), failed.empty() ? "" : failed.front().c_str());
      QCOMPARE(acked.size(), std::size_t(kRecords));
    }
    timer.restart();
    while (read.size() < kRecords && timer.elapsed() < 20000)
      drain(100);
    QCOMPARE(read.size(), std::size_t(kRecords));
    for (const auto& [v, n] : read)
      QVERIFY2(n == 1, ("read twice: " + v).c_str());
    QVERIFY(consumer->commitSync().isOk());

    // The admin and the observer follow the failover.
    auto after = cluster.admin().describeTopics({topic});
    QVERIFY2(after.isOk(), after.status().toString().c_str());
    const auto& p0 = after->at(0).partitions.at(0);
    QVERIFY(p0.leader >= 1 && p0.leader != oldLeader);
    QVERIFY(std::find(p0.isr.begin(), p0.isr.end(), oldLeader) == p0.isr.end());
    auto described = cluster.admin().describeCluster();
    QVERIFY(described.isOk());
    QCOMPARE(described->brokers.size(), std::size_t(2));
    QTRY_VERIFY_WITH_TIMEOUT(seen("broker-died"), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(seen("leader-changed"), 5000);
    auto view = cluster.observer().view();
    QVERIFY(view.isOk());
    QCOMPARE(view->brokers.size(), std::size_t(2));

    const std::string answer = server.command("restart " + std::to_string(oldLeader));
    QVERIFY2(answer.rfind("ok restarted", 0) == 0, answer.c_str());
    QTRY_VERIFY_WITH_TIMEOUT(seen("broker-restarted"), 10000);
    cluster.observer().unsubscribe(handle);
    QVERIFY(consumer->close().isOk());
  }
};

QTEST_GUILESS_MAIN(RemoteFailoverInteropTest)
#include "remote_failover_interop_test.moc"
