// Failover with a real client: a librdkafka 2.0.2 idempotent producer (acks=all) keeps sending to
// a 3-broker runnel-server while the leader of partition 0 is killed through `--control stdin`.
// Checks that the client follows the new leader (its own metadata names another broker and
// sends to partition 0 succeed after the kill) and that every acknowledged record is read back
// exactly once, at the offset its acknowledgement reported.
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafkacpp.h>

#include <QtTest>

#include <map>
#include <memory>
#include <set>

#include "tests/interop/rdkafka_test_util.h"
#include "tests/interop/server_process.h"

using namespace runnel::testing;

namespace {

constexpr int kPartitions = 3;
constexpr int kRecords = 3000;
constexpr int kKillAfter = 1000;  // sent records before the kill

// Leader of `partition` as `client` currently sees it (a fresh Metadata request), or -1.
int leaderOf(RdKafka::Handle& client, const std::string& topicName, int partition) {
  std::string err;
  std::unique_ptr<RdKafka::Topic> topic(RdKafka::Topic::create(&client, topicName, nullptr, err));
  RdKafka::Metadata* raw = nullptr;
  if (!topic || client.metadata(false, topic.get(), &raw, 5000) != RdKafka::ERR_NO_ERROR) return -1;
  std::unique_ptr<RdKafka::Metadata> md(raw);
  for (const auto* t : *md->topics()) {
    for (const auto* p : *t->partitions()) {
      if (p->id() == partition && p->err() == RdKafka::ERR_NO_ERROR) return p->leader();
    }
  }
  return -1;
}

struct Acked {
  int partition;
  std::int64_t offset;
};

// Delivery reports arrive on the producing thread, inside poll()/flush().
class Deliveries : public RdKafka::DeliveryReportCb {
 public:
  void dr_cb(RdKafka::Message& m) override {
    const std::string value(static_cast<const char*>(m.payload()), m.len());
    if (m.err() != RdKafka::ERR_NO_ERROR) {
      failed.push_back(value + ": " + m.errstr());
      return;
    }
    acked[value] = {m.partition(), m.offset()};
    if (killed && m.partition() == 0) ++ackedOnZeroAfterKill;
  }
  std::map<std::string, Acked> acked;
  std::vector<std::string> failed;
  bool killed = false;
  int ackedOnZeroAfterKill = 0;
};

}  // namespace

class FailoverInteropTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QVERIFY2(!server_.bootstrap().empty(), server_.stderrText().c_str()); }

  void acknowledgedRecordsSurviveLeaderKill_data() {
    QTest::addColumn<int>("ackedBeforeKill");
    QTest::addRow("after half the sent records are acknowledged") << kKillAfter / 2;
    QTest::addRow("with everything in flight") << 0;
  }
  void acknowledgedRecordsSurviveLeaderKill() {
    QFETCH(int, ackedBeforeKill);
    const std::string bs = server_.bootstrap();
    const std::string topic = "failover-" + std::to_string(ackedBeforeKill);
    QVERIFY(createTopicOverWire(bs, topic, kPartitions, {{"min.insync.replicas", "2"}}));

    Deliveries deliveries;
    auto conf = rdkafkaConfig({{"bootstrap.servers", bs},
                               {"acks", "all"},
                               {"enable.idempotence", "true"},
                               {"linger.ms", "2"},
                               {"retry.backoff.ms", "50"},
                               {"topic.metadata.refresh.interval.ms", "1000"},
                               {"message.timeout.ms", "45000"}});
    std::string err;
    QCOMPARE(conf->set("dr_cb", &deliveries, err), RdKafka::Conf::CONF_OK);
    std::unique_ptr<RdKafka::Producer> producer(RdKafka::Producer::create(conf.get(), err));
    QVERIFY2(producer, err.c_str());

    const int oldLeader = leaderOf(*producer, topic, 0);
    QVERIFY(oldLeader >= 1);

    for (int i = 0; i < kRecords; ++i) {
      if (i == kKillAfter) {
        // Part of the stream may be acknowledged by the old leader first.
        QElapsedTimer t;
        t.start();
        while (deliveries.acked.size() < static_cast<std::size_t>(ackedBeforeKill) &&
               t.elapsed() < 10000)
          producer->poll(10);
        const std::string answer = server_.command("kill " + std::to_string(oldLeader));
        QCOMPARE(answer, "ok killed " + std::to_string(oldLeader));
        deliveries.killed = true;
      }
      const std::string key = "k" + std::to_string(i);
      const std::string value = "f" + std::to_string(i);
      // Every third record goes to partition 0, whose leader is the one killed.
      const int partition = i % kPartitions;
      while (producer->produce(topic, partition, RdKafka::Producer::RK_MSG_COPY,
                               const_cast<char*>(value.data()), value.size(), key.data(),
                               key.size(), 0, nullptr, nullptr) == RdKafka::ERR__QUEUE_FULL) {
        producer->poll(10);
      }
      if (i % 50 == 0) producer->poll(1);
    }
    QCOMPARE(producer->flush(60000), RdKafka::ERR_NO_ERROR);
    QVERIFY2(deliveries.failed.empty(),
             deliveries.failed.empty() ? "" : deliveries.failed.front().c_str());
    QCOMPARE(deliveries.acked.size(), std::size_t(kRecords));

    // The client followed the failover: its metadata names a new leader and it kept writing there.
    const int newLeader = leaderOf(*producer, topic, 0);
    QVERIFY2(newLeader >= 1 && newLeader != oldLeader,
             qPrintable(QString("leader before %1, after %2").arg(oldLeader).arg(newLeader)));
    QVERIFY(deliveries.ackedOnZeroAfterKill > 0);
    producer.reset();

    // Everything acknowledged is there exactly once, at the offset the acknowledgement named.
    auto consumerConf = rdkafkaConfig({{"bootstrap.servers", bs},
                                       {"group.id", "failover-check"},
                                       {"enable.auto.commit", "false"},
                                       {"enable.partition.eof", "true"},
                                       {"topic.metadata.refresh.interval.ms", "1000"}});
    std::unique_ptr<RdKafka::KafkaConsumer> consumer(
        RdKafka::KafkaConsumer::create(consumerConf.get(), err));
    QVERIFY2(consumer, err.c_str());
    std::vector<RdKafka::TopicPartition*> parts;
    parts.reserve(kPartitions);
    for (int p = 0; p < kPartitions; ++p)
      parts.push_back(RdKafka::TopicPartition::create(topic, p, RdKafka::Topic::OFFSET_BEGINNING));
    QCOMPARE(consumer->assign(parts), RdKafka::ERR_NO_ERROR);
    RdKafka::TopicPartition::destroy(parts);

    std::map<std::string, Acked> read;
    std::vector<std::string> duplicates;
    std::set<int> atEnd;
    QElapsedTimer t;
    t.start();
    while ((atEnd.size() < kPartitions || read.size() < deliveries.acked.size()) &&
           t.elapsed() < 30000) {
      std::unique_ptr<RdKafka::Message> m(consumer->consume(200));
      if (m->err() == RdKafka::ERR__PARTITION_EOF) {
        atEnd.insert(m->partition());
        continue;
      }
      if (m->err() != RdKafka::ERR_NO_ERROR) continue;
      const std::string value(static_cast<const char*>(m->payload()), m->len());
      if (!read.emplace(value, Acked{m->partition(), m->offset()}).second)
        duplicates.push_back(value);
    }
    consumer->close();
    QVERIFY2(duplicates.empty(), duplicates.empty() ? "" : duplicates.front().c_str());
    QCOMPARE(read.size(), deliveries.acked.size());
    for (const auto& [value, ack] : deliveries.acked) {
      auto it = read.find(value);
      QVERIFY2(it != read.end(), ("acknowledged but missing: " + value).c_str());
      QCOMPARE(it->second.partition, ack.partition);
      QCOMPARE(it->second.offset, ack.offset);
    }

    // The killed broker comes back from its own data.
    const std::string answer = server_.command("restart " + std::to_string(oldLeader));
    QVERIFY2(answer.rfind("ok restarted " + std::to_string(oldLeader), 0) == 0, answer.c_str());
  }

 private:
  ServerProcess server_{3};
};

QTEST_GUILESS_MAIN(FailoverInteropTest)
#include "failover_interop_test.moc"
