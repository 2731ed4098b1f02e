// EmbeddedProducer against a real 3-broker embedded cluster: records land on the partition the
// Java partitioner picks with their keys, values, headers and timestamps; acks 0/1/all; flush;
// idempotent retries across a leader kill write every record exactly once; close fails later sends.
#include <QtTest>

#include <atomic>
#include <future>
#include <map>
#include <set>

#include "embedded_test_util.h"
#include "engine/client/embedded/embedded_producer.h"
#include "engine/record/record_batch_view.h"
#include "engine/record/record_iterator.h"

using namespace runnel;
using namespace runnel::client;
using namespace runnel::client::embedded;
using namespace runnel::client::embedded::testing;

namespace {

struct Stored {
  std::int64_t offset;
  std::int64_t timestamp;
  std::string key;
  std::string value;
  std::vector<std::pair<std::string, std::string>> headers;
};

// Everything up to the high watermark of the partition, read from its current leader.
std::vector<Stored> readPartition(cluster::Cluster& c, const std::string& topic, int partition) {
  std::vector<Stored> out;
  std::int64_t offset = 0;
  for (int round = 0; round < 10000; ++round) {
    cluster::Broker* leader = c.leaderOf({topic, partition});
    if (leader == nullptr) break;
    cluster::FetchRequest req;
    req.maxWaitMs = 0;
    req.partitions.push_back({topic, partition, offset});
    std::promise<cluster::FetchResponse> p;
    leader->fetch(std::move(req), [&p](cluster::FetchResponse r) { p.set_value(std::move(r)); });
    cluster::FetchResponse r = p.get_future().get();
    if (!r.error.ok() || r.partitions.empty() || !r.partitions[0].error.ok() ||
        r.partitions[0].records.empty())
      break;
    auto batches = record::splitBatches(r.partitions[0].records, true);
    if (!batches.isOk()) break;
    const std::int64_t before = offset;
    for (const auto& b : *batches) {
      record::RecordIterator it(b);
      record::Record rec;
      while (it.next(rec)) {
        if (rec.offset < offset) continue;
        Stored s{rec.offset,
                 rec.timestamp,
                 rec.key ? std::string(rec.key->begin(), rec.key->end()) : "<null>",
                 rec.value ? std::string(rec.value->begin(), rec.value->end()) : "<null>",
                 {}};
        for (const auto& h : rec.headers) {
          s.headers.emplace_back(
              std::string(h.key),
              h.value ? std::string(h.value->begin(), h.value->end()) : "<null>");
        }
        out.push_back(std::move(s));
        offset = rec.offset + 1;
      }
    }
    if (offset == before) break;
  }
  return out;
}

std::unique_ptr<EmbeddedProducer> makeProducer(cluster::Cluster& c, int acks = -1,
                                               int lingerMs = 2) {
  ProducerConfig pc;
  pc.acks = acks;
  pc.lingerMs = lingerMs;
  pc.retryBackoffMs = 20;
  pc.deliveryTimeoutMs = 20000;
  pc.requestTimeoutMs = 3000;
  auto p = EmbeddedProducer::create(c, pc);
  if (!p.isOk()) qFatal("producer: %s", p.status().toString().c_str());
  return std::move(p).value();
}

}  // namespace

class EmbeddedProducerTest : public QObject {
  Q_OBJECT
 private slots:
  void keysHeadersTimestampsRoundTrip() {
    QTemporaryDir dir;
    auto c = openCluster(dir.path().toStdString());
    createTopic(*c, "orders", 4);
    auto producer = makeProducer(*c);
    std::map<std::string, std::int32_t> expectedPartition;
    std::vector<std::future<Result<RecordMetadata>>> acks;
    for (int i = 0; i < 40; ++i) {
      ProducerRecord r;
      r.topic = "orders";
      r.key = bytesOf("key-" + std::to_string(i % 10));
      r.value = bytesOf("value-" + std::to_string(i));
      r.timestampMs = 1'700'000'000'000 + i;
      r.headers.push_back({"h", bytesOf("x" + std::to_string(i))});
      r.headers.push_back({"nullh", std::nullopt});
      auto prom = std::make_shared<std::promise<Result<RecordMetadata>>>();
      acks.push_back(prom->get_future());
      auto part = producer->partitionFor("orders", r.key);
      QVERIFY(part.isOk());
      expectedPartition["value-" + std::to_string(i)] = *part;
      producer->send(std::move(r),
                     [prom](const Result<RecordMetadata>& md) { prom->set_value(md); });
    }
    QVERIFY(producer->flush(std::chrono::seconds(10)).isOk());
    for (auto& f : acks) {
      auto md = f.get();
      QVERIFY2(md.isOk(), md.status().toString().c_str());
      QVERIFY(md->offset >= 0);
    }
    int total = 0;
    for (int p = 0; p < 4; ++p) {
      for (const auto& s : readPartition(*c, "orders", p)) {
        ++total;
        QCOMPARE(expectedPartition.at(s.value), p);
        const int i = std::stoi(s.value.substr(6));
        QCOMPARE(s.key, "key-" + std::to_string(i % 10));
        QCOMPARE(s.timestamp, std::int64_t{1'700'000'000'000} + i);
        QCOMPARE(s.headers.size(), std::size_t{2});
        QCOMPARE(s.headers[0].second, "x" + std::to_string(i));
        QCOMPARE(s.headers[1].second, std::string("<null>"));
      }
    }
    QCOMPARE(total, 40);
    QVERIFY(producer->close(std::chrono::seconds(5)).isOk());
  }

  void acksVariants_data() {
    QTest::addColumn<int>("acks");
    QTest::newRow("acks=0") << 0;
    QTest::newRow("acks=1") << 1;
    QTest::newRow("acks=all") << -1;
  }
  void acksVariants() {
    QFETCH(int, acks);
    QTemporaryDir dir;
    auto c = openCluster(dir.path().toStdString());
    createTopic(*c, "t", 1);
    auto producer = makeProducer(*c, acks);
    std::atomic<int> ok{0};
    std::atomic<int> knownOffsets{0};
    for (int i = 0; i < 100; ++i) {
      ProducerRecord r{"t", std::nullopt, std::nullopt, bytesOf(std::to_string(i)),
                       {},  std::nullopt};
      producer->send(std::move(r), [&](const Result<RecordMetadata>& md) {
        if (md.isOk()) ++ok;
        if (md.isOk() && md->offset >= 0) ++knownOffsets;
      });
    }
    QVERIFY(producer->flush(std::chrono::seconds(10)).isOk());
    QCOMPARE(ok.load(), 100);
    QCOMPARE(knownOffsets.load(), acks == 0 ? 0 : 100);
    QTRY_COMPARE_WITH_TIMEOUT(readPartition(*c, "t", 0).size(), std::size_t{100}, 5000);
    auto stored = readPartition(*c, "t", 0);
    for (int i = 0; i < 100; ++i)
      QCOMPARE(stored[static_cast<std::size_t>(i)].value, std::to_string(i));
  }

  void nullKeysStickToOnePartitionPerBatch() {
    QTemporaryDir dir;
    auto c = openCluster(dir.path().toStdString());
    createTopic(*c, "sticky", 3);
    auto producer = makeProducer(*c, -1, 1000);  // long linger: only flush closes the batch
    for (int i = 0; i < 20; ++i)
      producer->send({"sticky", std::nullopt, std::nullopt, bytesOf("v"), {}, std::nullopt}, {});
    QVERIFY(producer->flush(std::chrono::seconds(10)).isOk());
    int nonEmpty = 0;
    for (int p = 0; p < 3; ++p)
      nonEmpty += readPartition(*c, "sticky", p).empty() ? 0 : 1;
    QCOMPARE(nonEmpty, 1);
  }

  void idempotentRetriesAcrossLeaderKill() {
    QTemporaryDir dir;
    auto c = openCluster(dir.path().toStdString());
    createTopic(*c, "pay", 2);
    auto producer = makeProducer(*c, -1, 1);
    std::atomic<int> ok{0};
    std::atomic<int> failed{0};
    auto sendRange = [&](int from, int to) {
      for (int i = from; i < to; ++i) {
        ProducerRecord r{"pay", i % 2, std::nullopt, bytesOf(std::to_string(i)), {}, std::nullopt};
        producer->send(std::move(r),
                       [&](const Result<RecordMetadata>& md) { md.isOk() ? ++ok : ++failed; });
      }
    };
    sendRange(0, 500);
    cluster::Broker* leader = c->leaderOf({"pay", 0});
    QVERIFY(leader != nullptr);
    const std::int32_t killed = leader->id();
    QVERIFY(c->killBroker(killed).isOk());
    sendRange(500, 1000);
    QVERIFY(producer->flush(std::chrono::seconds(20)).isOk());
    QCOMPARE(failed.load(), 0);
    QCOMPARE(ok.load(), 1000);
    QVERIFY(c->restartBroker(killed).isOk());
    for (int p = 0; p < 2; ++p) {
      auto stored = readPartition(*c, "pay", p);
      std::set<std::string> distinct;
      for (const auto& s : stored)
        distinct.insert(s.value);
      QCOMPARE(stored.size(), std::size_t{500});  // nothing duplicated, nothing lost
      QCOMPARE(distinct.size(), std::size_t{500});
      // In order within the partition.
      for (std::size_t k = 1; k < stored.size(); ++k)
        QVERIFY(std::stoi(stored[k - 1].value) < std::stoi(stored[k].value));
    }
  }

  // An acks=all answer that arrives after the producer is gone (here at the leader's request
  // deadline: its followers are cut off but still in the ISR) must not reach the destroyed
  // producer; under ASan this was a heap-use-after-free on the broker's timer thread.
  void answerAfterDestructionIsDropped() {
    QTemporaryDir dir;
    auto c = openCluster(dir.path().toStdString());
    createTopic(*c, "late", 1);
    ProducerConfig pc;
    pc.acks = -1;
    pc.lingerMs = 1;
    pc.requestTimeoutMs = 300;
    auto p = EmbeddedProducer::create(*c, pc);
    QVERIFY(p.isOk());
    auto producer = std::move(p).value();
    cluster::Broker* leader = c->leaderOf({"late", 0});
    QVERIFY(leader != nullptr);
    for (std::int32_t id : c->brokerIds()) {
      if (id != leader->id()) c->transport().cut(leader->id(), id);
    }
    Status got = Status::ok();
    bool called = false;
    producer->send({"late", 0, std::nullopt, bytesOf("v"), {}, std::nullopt},
                   [&](const Result<RecordMetadata>& md) {
                     got = md.status();
                     called = true;
                   });
    // The ISR cannot acknowledge: flush gives up, and close fails the record.
    QVERIFY(!producer->close(std::chrono::milliseconds(100)).isOk());
    QVERIFY(called);
    QVERIFY(got.isAborted());
    producer.reset();
    std::this_thread::sleep_for(std::chrono::milliseconds(600));  // past the leader's deadline
    c->transport().healAll();
  }

  void closedProducerRefusesSends() {
    QTemporaryDir dir;
    auto c = openCluster(dir.path().toStdString(), 1);
    createTopic(*c, "t", 1, 1);
    auto producer = makeProducer(*c);
    QVERIFY(producer->close(std::chrono::seconds(5)).isOk());
    Status got = Status::ok();
    producer->send({"t", std::nullopt, std::nullopt, bytesOf("late"), {}, std::nullopt},
                   [&](const Result<RecordMetadata>& md) { got = md.status(); });
    QVERIFY(got.isAborted());
    auto bad = producer->partitionFor("t", bytesOf("k"));
    QVERIFY(bad.isOk());
    QCOMPARE(*bad, 0);
  }
};

QTEST_APPLESS_MAIN(EmbeddedProducerTest)
#include "embedded_producer_test.moc"
