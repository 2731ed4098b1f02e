// Idempotent produce on the broker: retries answered with the original offsets and written
// once, gaps and stale epochs refused, and the producer state carried over to a new leader.
#include <QTemporaryDir>
#include <QtTest>

#include "cluster_test_util.h"

using namespace runnel;
using namespace runnel::cluster;
using namespace runnel::cluster::testing;

class IdempotenceTest : public QObject {
  Q_OBJECT
 private slots:
  void duplicatesAndGaps() {
    QTemporaryDir dir;
    auto c = openOrDie(fastConfig(dir.path().toStdString()));
    QVERIFY(c->controller().createTopic(placedTopic("i", {{1, 2, 3}})).ok());
    Broker& leader = *c->broker(1);
    auto first = produce(leader, "i", 0, makeBatch({"a", "b"}, {42, 0, 0}));
    QVERIFY(first.error.ok());
    auto retry = produce(leader, "i", 0, makeBatch({"a", "b"}, {42, 0, 0}));
    QVERIFY(retry.error.ok());
    QCOMPARE(retry.baseOffset, first.baseOffset);
    QCOMPARE(retry.lastOffset, 1);
    QCOMPARE(leader.replica({"i", 0})->logEndOffset(), 2);  // written once

    auto gap = produce(leader, "i", 0, makeBatch({"d"}, {42, 0, 3}));
    QCOMPARE(gap.error.code, ErrorCode::kOutOfOrderSequenceNumber);
    auto next = produce(leader, "i", 0, makeBatch({"c"}, {42, 0, 2}));
    QVERIFY(next.error.ok());
    QCOMPARE(next.baseOffset, 2);
    auto unknown = produce(leader, "i", 0, makeBatch({"z"}, {77, 0, 5}));
    QCOMPARE(unknown.error.code, ErrorCode::kUnknownProducerId);
    auto bumped = produce(leader, "i", 0, makeBatch({"e"}, {42, 1, 0}));
    QVERIFY(bumped.error.ok());
    auto fenced = produce(leader, "i", 0, makeBatch({"f"}, {42, 0, 3}));
    QCOMPARE(fenced.error.code, ErrorCode::kInvalidProducerEpoch);
    // Two batches of one idempotent producer in one request are refused, as Kafka does.
    Bytes two = makeBatch({"g"}, {42, 1, 1});
    Bytes second = makeBatch({"h"}, {42, 1, 2});
    two.insert(two.end(), second.begin(), second.end());
    QCOMPARE(produce(leader, "i", 0, two).error.code, ErrorCode::kInvalidRecord);
    // Non-idempotent batches are never deduplicated.
    QVERIFY(produce(leader, "i", 0, makeBatch({"n"})).error.ok());
    QVERIFY(produce(leader, "i", 0, makeBatch({"n"})).error.ok());
    QCOMPARE(leader.replica({"i", 0})->logEndOffset(), 6);
  }

  void newLeaderRecognisesRetries() {
    QTemporaryDir dir;
    auto c = openOrDie(fastConfig(dir.path().toStdString()));
    QVERIFY(c->controller().createTopic(placedTopic("n", {{1, 2, 3}})).ok());
    for (int i = 0; i < 7; ++i) {
      QVERIFY(produce(*c->broker(1), "n", 0, makeBatch({"v" + std::to_string(i)}, {9, 0, i}))
                  .error.ok());
    }
    QVERIFY(waitUntil([&] { return settled(*c, "n", 0); }));
    QVERIFY(c->killBroker(1).isOk());
    Broker* leader = c->leaderOf({"n", 0});
    QVERIFY(leader);
    // The last batch is retried against the new leader: answered from its replicated state.
    auto retry = produce(*leader, "n", 0, makeBatch({"v6"}, {9, 0, 6}));
    QVERIFY2(retry.error.ok(), retry.error.toString().c_str());
    QCOMPARE(retry.baseOffset, 6);
    QCOMPARE(leader->replica({"n", 0})->logEndOffset(), 7);
    QCOMPARE(produce(*leader, "n", 0, makeBatch({"v8"}, {9, 0, 8})).error.code,
             ErrorCode::kOutOfOrderSequenceNumber);
    QVERIFY(produce(*leader, "n", 0, makeBatch({"v7"}, {9, 0, 7})).error.ok());
    // A restarted broker rebuilds the table from its log.
    QVERIFY(c->restartBroker(1).isOk());
    QVERIFY(waitUntil([&] { return state(*c, "n", 0).leader == 1 && settled(*c, "n", 0); }));
    auto again = produce(*c->broker(1), "n", 0, makeBatch({"v7"}, {9, 0, 7}));
    QVERIFY2(again.error.ok(), again.error.toString().c_str());
    QCOMPARE(again.baseOffset, 7);
    QCOMPARE(c->broker(1)->replica({"n", 0})->logEndOffset(), 8);
  }
};

QTEST_APPLESS_MAIN(IdempotenceTest)
#include "idempotence_test.moc"
