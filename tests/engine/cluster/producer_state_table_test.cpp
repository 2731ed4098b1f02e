// ProducerStateTable: Kafka's idempotence rules — duplicates answered with their original
// offsets, gaps and stale epochs refused, new epochs at sequence 0, wrap-around, truncation.
#include <QtTest>

#include "engine/cluster/producer_state_table.h"

using namespace runnel;
using namespace runnel::cluster;

class ProducerStateTableTest : public QObject {
  Q_OBJECT
 private slots:
  void checks_data() {
    QTest::addColumn<int>("epoch");
    QTest::addColumn<int>("firstSeq");
    QTest::addColumn<int>("lastSeq");
    QTest::addColumn<int>("verdict");
    QTest::addColumn<int>("error");
    // The table holds producer 7, epoch 2, batches [0..9] at offsets 100..109 and [10..19].
    QTest::newRow("next in order") << 2 << 20 << 29 << int(SequenceVerdict::kAppend) << 0;
    QTest::newRow("duplicate of last") << 2 << 10 << 19 << int(SequenceVerdict::kDuplicate) << 0;
    QTest::newRow("duplicate of first") << 2 << 0 << 9 << int(SequenceVerdict::kDuplicate) << 0;
    QTest::newRow("gap") << 2 << 25 << 29 << int(SequenceVerdict::kReject)
                         << int(ErrorCode::kOutOfOrderSequenceNumber);
    QTest::newRow("overlap, not equal") << 2 << 15 << 24 << int(SequenceVerdict::kReject)
                                        << int(ErrorCode::kOutOfOrderSequenceNumber);
    QTest::newRow("older epoch") << 1 << 20 << 29 << int(SequenceVerdict::kReject)
                                 << int(ErrorCode::kInvalidProducerEpoch);
    QTest::newRow("new epoch at 0") << 3 << 0 << 4 << int(SequenceVerdict::kAppend) << 0;
    QTest::newRow("new epoch not at 0") << 3 << 5 << 9 << int(SequenceVerdict::kReject)
                                        << int(ErrorCode::kOutOfOrderSequenceNumber);
  }
  void checks() {
    QFETCH(int, epoch);
    QFETCH(int, firstSeq);
    QFETCH(int, lastSeq);
    QFETCH(int, verdict);
    QFETCH(int, error);
    ProducerStateTable t;
    t.record(7, 2, {0, 9, 100, 109}, 1);
    t.record(7, 2, {10, 19, 110, 119}, 2);
    auto c = t.check(7, static_cast<std::int16_t>(epoch), firstSeq, lastSeq);
    QCOMPARE(int(c.verdict), verdict);
    QCOMPARE(int(c.error.code), error);
    if (c.verdict == SequenceVerdict::kDuplicate) {
      QCOMPARE(c.duplicateOf.firstOffset, firstSeq == 0 ? 100 : 110);
      QCOMPARE(c.duplicateOf.lastOffset, firstSeq == 0 ? 109 : 119);
    }
    if (c.verdict == SequenceVerdict::kReject) QVERIFY(!c.error.message.empty());
  }

  void unknownProducerMustStartAtZero() {
    ProducerStateTable t;
    QCOMPARE(t.check(5, 0, 0, 3).verdict, SequenceVerdict::kAppend);
    auto c = t.check(5, 0, 4, 7);
    QCOMPARE(c.error.code, ErrorCode::kUnknownProducerId);
  }

  void remembersOnlyTheLastFiveBatches() {
    ProducerStateTable t;
    for (int i = 0; i < 7; ++i)
      t.record(1, 0, {i * 10, i * 10 + 9, i * std::int64_t{10}, i * std::int64_t{10} + 9}, i);
    QCOMPARE(t.entry(1)->batches.size(), std::size_t(5));
    QCOMPARE(t.check(1, 0, 20, 29).verdict, SequenceVerdict::kDuplicate);
    // Too old to be recognised: reported as out of order, as Kafka does.
    QCOMPARE(t.check(1, 0, 10, 19).error.code, ErrorCode::kOutOfOrderSequenceNumber);
  }

  void sequencesWrapAround() {
    const std::int32_t max = std::numeric_limits<std::int32_t>::max();
    QCOMPARE(lastSequenceOf(max - 1, 3), 1);
    QCOMPARE(lastSequenceOf(5, 3), 8);
    ProducerStateTable t;
    t.record(1, 0, {max - 9, max, 0, 9}, 0);
    QCOMPARE(t.check(1, 0, 0, 4).verdict, SequenceVerdict::kAppend);
    QCOMPARE(t.check(1, 0, 1, 4).verdict, SequenceVerdict::kReject);
  }

  void truncationForgetsLaterBatches() {
    ProducerStateTable t;
    t.record(1, 0, {0, 9, 0, 9}, 0);
    t.record(1, 0, {10, 19, 10, 19}, 0);
    t.record(2, 0, {0, 4, 20, 24}, 0);
    QVERIFY(!t.truncateTo(15));  // producer 2 lost its whole history: rebuild needed
    QCOMPARE(t.entry(1)->batches.size(), std::size_t(1));
    QVERIFY(!t.entry(2).has_value());
    QCOMPARE(t.check(1, 0, 10, 19).verdict, SequenceVerdict::kAppend);
    QVERIFY(t.truncateTo(100));
  }

  void expiryDropsIdleProducers() {
    ProducerStateTable t;
    t.record(1, 0, {0, 0, 0, 0}, 100);
    t.record(2, 0, {0, 0, 1, 1}, 500);
    t.expire(200);
    QVERIFY(!t.entry(1));
    QVERIFY(t.entry(2));
  }
};

QTEST_APPLESS_MAIN(ProducerStateTableTest)
#include "producer_state_table_test.moc"
