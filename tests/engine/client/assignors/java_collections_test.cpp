// The Java behaviours the sticky assignor's tie-breaks depend on, against values printed by
// OpenJDK 17 (java.util.HashMap/HashSet iteration, String.hashCode/compareTo, and a class with
// Kafka TopicPartition's hashCode).
#include <QtTest>

#include "engine/client/assignors/java_collections.h"

using namespace runnel::assignors;

namespace {
std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ' ') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  out.push_back(cur);
  return out;
}
}  // namespace

class JavaCollectionsTest : public QObject {
  Q_OBJECT
 private slots:
  void hashMapOrder_data() {
    QTest::addColumn<QString>("inserted");
    QTest::addColumn<QString>("iterated");
    QTest::newRow("three") << "consumer1 consumer2 consumer3"
                           << "consumer3 consumer2 consumer1";
    QTest::newRow("letters") << "c b a d e"
                             << "a b c d e";
    QTest::newRow("resize to 32")
        << "consumer-0 consumer-1 consumer-2 consumer-3 consumer-4 consumer-5 consumer-6 "
           "consumer-7 consumer-8 "
           "consumer-9 consumer-10 consumer-11 consumer-12 consumer-13 consumer-14"
        << "consumer-11 consumer-10 consumer-6 consumer-5 consumer-4 consumer-3 consumer-2 "
           "consumer-13 consumer-1 "
           "consumer-12 consumer-0 consumer-14 consumer-9 consumer-8 consumer-7";
    QTest::newRow("colliding hashes") << "Aa BB AaAa BBBB AaBB BBAa"
                                      << "Aa BB AaAa BBBB AaBB BBAa";
    QTest::newRow("non-ascii") << QString::fromUtf8("m-été m-😀 m-plain")
                               << QString::fromUtf8("m-plain m-été m-😀");
  }
  void hashMapOrder() {
    QFETCH(QString, inserted);
    QFETCH(QString, iterated);
    QCOMPARE(javaHashMapOrder(split(inserted.toStdString())), split(iterated.toStdString()));
  }

  void hashMapOrderAfterSeveralResizes() {
    std::vector<std::string> keys;
    keys.reserve(40);
    for (int i = 0; i < 40; ++i)
      keys.push_back("member-" + std::to_string(i * 7 % 40));
    QCOMPARE(javaHashMapOrder(keys), split("member-19 member-18 member-39 member-17 member-16 "
                                           "member-38 member-37 member-15 member-5 "
                                           "member-14 member-6 member-36 member-35 member-13 "
                                           "member-3 member-4 member-34 member-12 member-9 "
                                           "member-11 member-33 member-32 member-10 member-7 "
                                           "member-31 member-30 member-8 member-29 "
                                           "member-28 member-27 member-26 member-25 member-24 "
                                           "member-23 member-22 member-21 member-20 "
                                           "member-1 member-2 member-0"));
  }

  void hashSetOfPartitionsWithRemovals() {
    JavaHashOrder<TopicPartition> set;
    for (int p = 0; p < 20; ++p)
      set.insert({"topic" + std::to_string(p % 3), p});
    set.erase({"topic1", 4});
    set.erase({"topic0", 0});
    set.insert({"topic0", 0});
    set.insert({"t", 99});
    std::string got;
    for (const TopicPartition& tp : set.order())
      got += (got.empty() ? "" : " ") + toString(tp);
    QCOMPARE(
        got,
        std::string(
            "topic1-1 topic2-2 topic0-0 topic0-15 topic1-16 topic2-17 topic0-18 topic1-19 t-99 "
            "topic0-12 topic1-13 topic2-14 topic0-9 topic1-10 topic2-11 topic0-3 topic2-5 "
            "topic0-6 topic1-7 topic2-8"));
    QCOMPARE(set.size(), std::size_t{20});
    QVERIFY(set.contains({"t", 99}));
    QVERIFY(!set.contains({"topic1", 4}));
  }

  void hashesAndComparison() {
    QCOMPARE(javaStringHash("consumer1"), -421004549);
    QCOMPARE(javaStringHash(""), 0);
    QCOMPARE(javaStringHash("m-été"), 102232126);
    QCOMPARE(javaStringHash("m-😀"), 5063363);
    QCOMPARE(javaStringHash("a-rather-long-member-id-0123456789"), 2054956004);
    QCOMPARE(javaHash(TopicPartition{"orders", 3}), -1008769277);
    QVERIFY(javaStringCompare("b", "a") > 0);
    QVERIFY(javaStringCompare("ab", "abc") < 0);
    // UTF-16 order: a surrogate pair sorts below U+FFFF although its code point is higher.
    QVERIFY(javaStringCompare("😀", "\xef\xbf\xbf") < 0);
    QCOMPARE(javaStringCompare("same", "same"), 0);
  }
};

QTEST_APPLESS_MAIN(JavaCollectionsTest)
#include "java_collections_test.moc"
