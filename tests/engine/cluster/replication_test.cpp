// Replication: acks 0/1/all, the high watermark as the consumers' limit, ISR shrink and expand
// through Transport faults, min.insync.replicas, produce timeouts, long-poll fetches, byte
// limits, ListOffsets and DeleteRecords.
#include <QTemporaryDir>
#include <QtTest>

#include "cluster_test_util.h"

using namespace runnel;
using namespace runnel::cluster;
using namespace runnel::cluster::testing;

namespace {
std::vector<std::string> values(const std::vector<ReadRecord>& records) {
  std::vector<std::string> out;
  out.reserve(records.size());
  for (const auto& r : records)
    out.push_back(r.value);
  return out;
}

ListOffsetsPartitionResult listOffset(Broker& b, const std::string& topic, int partition,
                                      std::int64_t timestamp) {
  auto r = await<std::vector<ListOffsetsPartitionResult>>([&](auto cb) {
    b.listOffsets({{topic, partition, timestamp, -1}}, cb);
  });
  return r->at(0);
}
}  // namespace

class ReplicationTest : public QObject {
  Q_OBJECT
 private slots:
  void acksZeroOneAll() {
    QTemporaryDir dir;
    auto c = openOrDie(fastConfig(dir.path().toStdString()));
    QVERIFY(c->controller().createTopic(placedTopic("r", {{1, 2, 3}})).ok());
    Broker& leader = *c->broker(1);
    auto a0 = produce(leader, "r", 0, makeBatch({"a", "b"}), 0);
    QVERIFY(a0.error.ok());
    auto a1 = produce(leader, "r", 0, makeBatch({"c"}), 1);
    QVERIFY(a1.error.ok());
    QCOMPARE(a1.baseOffset, 2);
    auto all = produce(leader, "r", 0, makeBatch({"d", "e"}), -1);
    QVERIFY2(all.error.ok(), all.error.toString().c_str());
    QCOMPARE(all.baseOffset, 3);
    QCOMPARE(all.lastOffset, 4);
    // acks=all answered only once the whole ISR has it: the high watermark is past it.
    QVERIFY(leader.replica({"r", 0})->highWatermark() >= 5);
    QVERIFY(waitUntil([&] { return settled(*c, "r", 0); }));
    for (int id : {2, 3})
      QCOMPARE(c->broker(id)->replica({"r", 0})->logEndOffset(), 5);
    QCOMPARE(values(readAll(leader, "r", 0)), (std::vector<std::string>{"a", "b", "c", "d", "e"}));

    QCOMPARE(produce(*c->broker(2), "r", 0, makeBatch({"x"})).error.code,
             ErrorCode::kNotLeaderOrFollower);
    QCOMPARE(fetch(*c->broker(2), "r", 0, 0).error.code, ErrorCode::kNotLeaderOrFollower);
    QCOMPARE(produce(leader, "r", 9, makeBatch({"x"})).error.code,
             ErrorCode::kUnknownTopicOrPartition);
    QCOMPARE(produce(leader, "r", 0, makeBatch({"x"}), 2).error.code,
             ErrorCode::kInvalidRequiredAcks);
    Bytes corrupt = makeBatch({"x"});
    corrupt.back() ^= 0xff;
    QCOMPARE(produce(leader, "r", 0, corrupt).error.code, ErrorCode::kCorruptMessage);
  }

  void consumersNeverSeeBeyondTheHighWatermark() {
    QTemporaryDir dir;
    auto c = openOrDie(fastConfig(dir.path().toStdString()));
    QVERIFY(c->controller().createTopic(placedTopic("h", {{1, 2, 3}})).ok());
    Broker& leader = *c->broker(1);
    QVERIFY(produce(leader, "h", 0, makeBatch({"committed"})).error.ok());
    c->transport().cut(1, 2);
    c->transport().cut(1, 3);
    auto r = produce(leader, "h", 0, makeBatch({"pending"}), 1);
    QVERIFY(r.error.ok());
    auto replica = leader.replica({"h", 0});
    QCOMPARE(replica->logEndOffset(), 2);
    QCOMPARE(replica->highWatermark(), 1);
    QCOMPARE(values(readAll(leader, "h", 0)), (std::vector<std::string>{"committed"}));
    auto atHwm = fetch(leader, "h", 0, 1);
    QVERIFY(atHwm.error.ok());
    QVERIFY(atHwm.records.empty());
    QCOMPARE(atHwm.highWatermark, 1);
    QCOMPARE(fetch(leader, "h", 0, 3).error.code, ErrorCode::kOffsetOutOfRange);
    QCOMPARE(listOffset(leader, "h", 0, kLatestTimestamp).offset, 1);
    // A follower (replica id set) may read past the high watermark.
    auto asFollower = fetch(leader, "h", 0, 1, 0, 1, -1, 2);
    QVERIFY(asFollower.error.ok());
    QCOMPARE(values(decode(asFollower.records)), (std::vector<std::string>{"pending"}));
    c->transport().healAll();
    QVERIFY(waitUntil([&] { return replica->highWatermark() == 2; }));
    QCOMPARE(values(readAll(leader, "h", 0)), (std::vector<std::string>{"committed", "pending"}));
  }

  void isrShrinksWhenCutOffAndExpandsWhenHealed() {
    QTemporaryDir dir;
    auto config = fastConfig(dir.path().toStdString());
    config.replicaLagTimeMaxMs = 300;
    auto c = openOrDie(config);
    QVERIFY(c->controller().createTopic(placedTopic("i", {{1, 2, 3}})).ok());
    Broker& leader = *c->broker(1);
    QVERIFY(produce(leader, "i", 0, makeBatch({"a"})).error.ok());
    c->transport().cut(1, 3);
    // acks=all waits for broker 3 until the leader drops it from the ISR, then succeeds.
    auto start = std::chrono::steady_clock::now();
    auto r = produce(leader, "i", 0, makeBatch({"b"}), -1, 10000);
    QVERIFY2(r.error.ok(), r.error.toString().c_str());
    QVERIFY(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(250));
    QCOMPARE(state(*c, "i", 0).isr, (std::vector<std::int32_t>{1, 2}));
    c->transport().heal(1, 3);
    QVERIFY(waitUntil([&] { return state(*c, "i", 0).isr == std::vector<std::int32_t>{1, 2, 3}; }));
    QCOMPARE(c->broker(3)->replica({"i", 0})->logEndOffset(), 2);
    // The ISR changes in the partition state first; its event is published just after.
    QStringList d;
    auto describeHistory = [&] {
      d.clear();
      for (const auto& e : c->events().history())
        d << QString::fromStdString(e.description);
      return d;
    };
    QVERIFY(waitUntil([&] {
      return describeHistory().contains(QString::fromUtf8("partition 0 of i: ISR {1,2} → {1,2,3}"));
    }));
    QVERIFY2(d.contains(QString::fromUtf8("partition 0 of i: ISR {1,2,3} → {1,2}")),
             qPrintable(d.join("\n")));
  }

  void minInsyncReplicasIsEnforced() {
    QTemporaryDir dir;
    auto config = fastConfig(dir.path().toStdString());
    config.replicaLagTimeMaxMs = 300;
    auto c = openOrDie(config);
    QVERIFY(c->controller()
                .createTopic(placedTopic("m", {{1, 2}}, {{"min.insync.replicas", "2"}}))
                .ok());
    Broker& leader = *c->broker(1);
    QVERIFY(produce(leader, "m", 0, makeBatch({"a"})).error.ok());
    c->transport().cut(1, 2);
    auto after = produce(leader, "m", 0, makeBatch({"b"}), -1, 10000);
    QCOMPARE(after.error.code, ErrorCode::kNotEnoughReplicasAfterAppend);
    QCOMPARE(state(*c, "m", 0).isr, (std::vector<std::int32_t>{1}));
    auto refused = produce(leader, "m", 0, makeBatch({"c"}), -1);
    QCOMPARE(refused.error.code, ErrorCode::kNotEnoughReplicas);
    QVERIFY(refused.error.message.find("min.insync.replicas=2") != std::string::npos);
    QVERIFY(produce(leader, "m", 0, makeBatch({"d"}), 1).error.ok());
    c->transport().healAll();
    QVERIFY(waitUntil([&] { return state(*c, "m", 0).isr.size() == 2; }));
    QVERIFY(produce(leader, "m", 0, makeBatch({"e"}), -1).error.ok());
  }

  void acksAllTimesOut() {
    QTemporaryDir dir;
    auto c = openOrDie(fastConfig(dir.path().toStdString()));
    QVERIFY(c->controller().createTopic(placedTopic("t", {{1, 2}})).ok());
    c->transport().cut(1, 2);
    auto r = produce(*c->broker(1), "t", 0, makeBatch({"a"}), -1, 150);
    QCOMPARE(r.error.code, ErrorCode::kRequestTimedOut);
    QCOMPARE(r.baseOffset, 0);  // written, just not replicated in time
  }

  void longPollFetch() {
    QTemporaryDir dir;
    auto c = openOrDie(fastConfig(dir.path().toStdString()));
    QVERIFY(c->controller().createTopic(placedTopic("l", {{1, 2}})).ok());
    Broker& leader = *c->broker(1);
    auto start = std::chrono::steady_clock::now();
    auto empty = fetch(leader, "l", 0, 0, 150);
    QVERIFY(empty.error.ok() && empty.records.empty());
    QVERIFY(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(140));

    std::thread producer([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      produce(leader, "l", 0, makeBatch({"wake"}));
    });
    start = std::chrono::steady_clock::now();
    auto woken = fetch(leader, "l", 0, 0, 5000);
    producer.join();
    QVERIFY(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(3000));
    QCOMPARE(values(decode(woken.records)), (std::vector<std::string>{"wake"}));
    // minBytes beyond what exists: waits the full maxWait, then returns what there is.
    start = std::chrono::steady_clock::now();
    auto partial = fetch(leader, "l", 0, 0, 200, 1 << 20);
    QVERIFY(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(190));
    QCOMPARE(values(decode(partial.records)), (std::vector<std::string>{"wake"}));
  }

  void fetchByteLimits() {
    QTemporaryDir dir;
    auto c = openOrDie(fastConfig(dir.path().toStdString()));
    QVERIFY(c->controller().createTopic(placedTopic("b", {{1}})).ok());
    Broker& leader = *c->broker(1);
    const std::string big(1000, 'x');
    for (int i = 0; i < 3; ++i)
      QVERIFY(produce(leader, "b", 0, makeBatch({big + std::to_string(i)})).error.ok());
    FetchRequest req;
    req.maxWaitMs = 0;
    FetchPartition p;
    p.topic = "b";
    p.maxBytes = 3000;  // a batch is ~2 KB (key and value 1 KB each)
    req.partitions = {p};
    auto one = await<FetchResponse>([&](auto cb) { leader.fetch(req, cb); });
    QCOMPARE(decode(one->partitions[0].records).size(), std::size_t(1));
    req.partitions[0].maxBytes = 10;  // the first batch comes anyway (KIP-74)
    auto tiny = await<FetchResponse>([&](auto cb) { leader.fetch(req, cb); });
    QCOMPARE(decode(tiny->partitions[0].records).size(), std::size_t(1));
    req.partitions[0].maxBytes = 1 << 20;
    req.maxBytes = 5000;
    auto two = await<FetchResponse>([&](auto cb) { leader.fetch(req, cb); });
    QCOMPARE(decode(two->partitions[0].records).size(), std::size_t(2));
  }

  void listOffsetsAndDeleteRecords() {
    QTemporaryDir dir;
    auto c = openOrDie(fastConfig(dir.path().toStdString()));
    QVERIFY(c->controller().createTopic(placedTopic("o", {{1, 2}})).ok());
    Broker& leader = *c->broker(1);
    QVERIFY(produce(leader, "o", 0, makeBatch(valuesOf("v", 0, 5))).error.ok());
    QCOMPARE(listOffset(leader, "o", 0, kEarliestTimestamp).offset, 0);
    QCOMPARE(listOffset(leader, "o", 0, kLatestTimestamp).offset, 5);
    QCOMPARE(listOffset(leader, "o", 0, 1'700'000'000'000).offset, 0);
    QCOMPARE(listOffset(leader, "o", 0, 1'800'000'000'000).offset, -1);
    QCOMPARE(listOffset(*c->broker(2), "o", 0, kLatestTimestamp).error.code,
             ErrorCode::kNotLeaderOrFollower);

    auto del = await<std::vector<DeleteRecordsPartitionResult>>([&](auto cb) {
      leader.deleteRecords({{"o", 0, 9}}, cb);
    });
    QCOMPARE(del->at(0).error.code, ErrorCode::kOffsetOutOfRange);
    del = await<std::vector<DeleteRecordsPartitionResult>>([&](auto cb) {
      leader.deleteRecords({{"o", 0, 3}}, cb);
    });
    QVERIFY(del->at(0).error.ok());
    QCOMPARE(del->at(0).lowWatermark, 3);
    QCOMPARE(fetch(leader, "o", 0, 0).error.code, ErrorCode::kOffsetOutOfRange);
    QCOMPARE(values(readAll(leader, "o", 0, 3)), (std::vector<std::string>{"v3", "v4"}));
    QCOMPARE(listOffset(leader, "o", 0, kEarliestTimestamp).offset, 3);
    QVERIFY(produce(leader, "o", 0, makeBatch({"v5"})).error.ok());
    QVERIFY(waitUntil([&] { return c->broker(2)->replica({"o", 0})->logStartOffset() == 3; }));
  }
};

QTEST_APPLESS_MAIN(ReplicationTest)
#include "replication_test.moc"
