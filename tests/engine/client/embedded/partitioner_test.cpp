// The default partitioner must agree with Kafka's Java client: murmur2 values from Kafka's own
// UtilsTest (and librdkafka's), the positive-modulo partition choice, and sticky partitioning.
#include <QtTest>

#include <set>

#include "engine/client/embedded/partitioner.h"

using namespace runnel;
using namespace runnel::client::embedded;

class PartitionerTest : public QObject {
  Q_OBJECT
 private slots:
  void murmur2Vectors_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("expected");
    QTest::newRow("21") << QByteArray("21") << -973932308;
    QTest::newRow("foobar") << QByteArray("foobar") << -790332482;
    QTest::newRow("a-little-bit-long-string")
        << QByteArray("a-little-bit-long-string") << -985981536;
    QTest::newRow("a-little-bit-longer-string")
        << QByteArray("a-little-bit-longer-string") << -1486304829;
    QTest::newRow("long") << QByteArray("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8")
                          << -58897971;
    QTest::newRow("abc") << QByteArray("abc") << 479470107;
    QTest::newRow("1") << QByteArray("1") << -1993445489;
    QTest::newRow("12") << QByteArray("12") << 126087238;
    QTest::newRow("123") << QByteArray("123") << -267702483;
    QTest::newRow("1234") << QByteArray("1234") << -1614185708;
    QTest::newRow("12345") << QByteArray("12345") << -1188365604;
  }
  void murmur2Vectors() {
    QFETCH(QByteArray, input);
    QFETCH(int, expected);
    ByteView v(reinterpret_cast<const std::uint8_t*>(input.constData()),
               static_cast<std::size_t>(input.size()));
    QCOMPARE(murmur2(v), expected);
  }

  void positiveModulo() {
    // toPositive clears the sign bit rather than negating: -973932308 & 0x7fffffff.
    QCOMPARE(toPositive(-973932308), 1173551340);
    QCOMPARE(toPositive(-1), 0x7fffffff);
    QCOMPARE(toPositive(INT32_MIN), 0);
    const std::string key = "21";
    ByteView v(reinterpret_cast<const std::uint8_t*>(key.data()), key.size());
    QCOMPARE(partitionForKey(v, 6), 1173551340 % 6);
    QCOMPARE(partitionForKey(v, 1), 0);
  }

  void stickyStaysUntilBatchCompletes() {
    std::mt19937 rng(42);
    StickyPartition sticky;
    const std::int32_t first = sticky.current(5, rng);
    QVERIFY(first >= 0 && first < 5);
    QCOMPARE(sticky.current(5, rng), first);
    sticky.onBatchComplete((first + 1) % 5, 5, rng);  // another partition's batch: no move
    QCOMPARE(sticky.current(5, rng), first);
    std::set<std::int32_t> seen{first};
    std::int32_t cur = first;
    for (int i = 0; i < 50; ++i) {
      sticky.onBatchComplete(cur, 5, rng);
      const std::int32_t next = sticky.current(5, rng);
      QVERIFY(next != cur);
      seen.insert(next);
      cur = next;
    }
    QCOMPARE(seen.size(), std::size_t{5});
    StickyPartition single;
    QCOMPARE(single.current(1, rng), 0);
    single.onBatchComplete(0, 1, rng);
    QCOMPARE(single.current(1, rng), 0);
  }
};

QTEST_APPLESS_MAIN(PartitionerTest)
#include "partitioner_test.moc"
