// Consumer protocol bytes against hand-assembled vectors (field order and types from
// ConsumerProtocolSubscription.json / ConsumerProtocolAssignment.json: int16 version, then a
// non-flexible struct), round trips, forward compatibility and malformed input.
#include <QtTest>

#include "engine/client/assignors/consumer_protocol.h"

using namespace runnel;
using namespace runnel::assignors;

namespace {

Bytes fromHex(std::string_view hex) {
  Bytes out;
  std::string digits;
  for (char c : hex) {
    if (std::isxdigit(static_cast<unsigned char>(c))) digits.push_back(c);
  }
  for (std::size_t i = 0; i + 1 < digits.size(); i += 2) {
    out.push_back(static_cast<std::uint8_t>(std::stoi(digits.substr(i, 2), nullptr, 16)));
  }
  return out;
}

Subscription sampleSubscription() {
  Subscription s;
  s.topics = {"t1", "t2"};
  s.userData = Bytes{0xab};
  s.ownedPartitions = {{"t1", 0}, {"t2", 1}, {"t1", 2}};
  s.generationId = 5;
  s.rackId = "r1";
  return s;
}

// topics [t1,t2], user data ab; then per version the appended fields.
constexpr std::string_view kSubV0 = "0000 00000002 0002 7431 0002 7432 00000001 ab";
// Owned partitions grouped by topic in order of first appearance: t1 [0,2], t2 [1].
constexpr std::string_view kOwned =
    "00000002 0002 7431 00000002 00000000 00000002 0002 7432 00000001 00000001";

}  // namespace

class ConsumerProtocolTest : public QObject {
  Q_OBJECT
 private slots:
  void subscriptionVectors_data() {
    QTest::addColumn<int>("version");
    QTest::addColumn<QByteArray>("hex");
    const std::string v0(kSubV0);
    const std::string tail = std::string(kSubV0).substr(4);
    QTest::newRow("v0") << 0 << QByteArray::fromStdString(v0);
    QTest::newRow("v1") << 1 << QByteArray::fromStdString("0001" + tail + std::string(kOwned));
    QTest::newRow("v2") << 2
                        << QByteArray::fromStdString("0002" + tail + std::string(kOwned) +
                                                     "00000005");
    QTest::newRow("v3") << 3
                        << QByteArray::fromStdString("0003" + tail + std::string(kOwned) +
                                                     "00000005 0002 7231");
  }
  void subscriptionVectors() {
    QFETCH(int, version);
    QFETCH(QByteArray, hex);
    auto bytes = encodeSubscription(sampleSubscription(), static_cast<std::int16_t>(version));
    QVERIFY(bytes.isOk());
    QCOMPARE(toHex(*bytes), toHex(fromHex(hex.toStdString())));
    auto back = decodeSubscription(*bytes);
    QVERIFY(back.isOk());
    QCOMPARE(back->version, version);
    Subscription expected = sampleSubscription();
    // Fields the version lacks come back as their defaults; owned partitions come back grouped.
    expected.ownedPartitions = {{"t1", 0}, {"t1", 2}, {"t2", 1}};
    if (version < 1) expected.ownedPartitions.clear();
    if (version < 2) expected.generationId = -1;
    if (version < 3) expected.rackId.reset();
    QVERIFY(back->subscription == expected);
  }

  void nullsAndEmpties() {
    Subscription s;
    s.topics = {"orders"};
    auto bytes = encodeSubscription(s, 3);
    QVERIFY(bytes.isOk());
    // null user data, no owned partitions, generation -1, null rack.
    QCOMPARE(toHex(*bytes),
             toHex(fromHex("0003 00000001 0006 6f7264657273 ffffffff 00000000 ffffffff ffff")));
    auto back = decodeSubscription(*bytes);
    QVERIFY(back.isOk());
    QVERIFY(!back->subscription.userData.has_value());
    QVERIFY(!back->subscription.rackId.has_value());
    s.userData = Bytes{};
    auto withEmpty = encodeSubscription(s, 0);
    QCOMPARE(toHex(*withEmpty), toHex(fromHex("0000 00000001 0006 6f7264657273 00000000")));
    QVERIFY(decodeSubscription(*withEmpty)->subscription.userData == Bytes{});
  }

  void assignmentVectors() {
    Assignment a;
    a.partitions = {{"t1", 0}, {"t2", 0}, {"t1", 1}};
    a.userData = Bytes{};
    for (std::int16_t v = 0; v <= 3; ++v) {
      auto bytes = encodeAssignment(a, v);
      QVERIFY(bytes.isOk());
      const std::string hex =
          "000" + std::to_string(v) +
          "00000002 0002 7431 00000002 00000000 00000001 0002 7432 00000001 00000000 00000000";
      QCOMPARE(toHex(*bytes), toHex(fromHex(hex)));
      auto back = decodeAssignment(*bytes);
      QVERIFY(back.isOk());
      QCOMPARE(back->version, v);
      QCOMPARE(back->assignment.partitions, (TopicPartitions{{"t1", 0}, {"t1", 1}, {"t2", 0}}));
      QVERIFY(back->assignment.userData == Bytes{});
    }
    // The coordinator hands zero bytes to members the leader left out.
    auto none = decodeAssignment(ByteView{});
    QVERIFY(none.isOk());
    QVERIFY(none->assignment.partitions.empty());
  }

  void newerVersionsParseAsKnownFields() {
    // A v7 subscription with an extra trailing field: read as v3, the rest ignored.
    Bytes b = fromHex("0007 00000001 0001 61 ffffffff 00000000 00000009 ffff 12345678");
    auto d = decodeSubscription(b);
    QVERIFY(d.isOk());
    QCOMPARE(d->version, std::int16_t{7});
    QCOMPARE(d->subscription.topics, std::vector<std::string>{"a"});
    QCOMPARE(d->subscription.generationId, 9);
  }

  void rejectsMalformed_data() {
    QTest::addColumn<QByteArray>("hex");
    QTest::addColumn<bool>("subscription");
    QTest::newRow("empty subscription") << QByteArray("") << true;
    QTest::newRow("negative version") << QByteArray("ffff 00000000 ffffffff") << true;
    QTest::newRow("truncated topic") << QByteArray("0000 00000001 0005 6162") << true;
    QTest::newRow("huge topic count") << QByteArray("0000 7fffffff 0001 61") << true;
    QTest::newRow("null topic") << QByteArray("0000 00000001 ffff ffffffff") << true;
    QTest::newRow("missing user data") << QByteArray("0000 00000000") << true;
    QTest::newRow("bad bytes length") << QByteArray("0000 00000000 fffffffe") << true;
    QTest::newRow("v1 without owned") << QByteArray("0001 00000000 ffffffff") << true;
    QTest::newRow("v3 bad rack") << QByteArray("0003 00000000 ffffffff 00000000 00000001 fffe")
                                 << true;
    QTest::newRow("assignment truncated")
        << QByteArray("0000 00000001 0001 61 00000002 00000000") << false;
    QTest::newRow("assignment negative count") << QByteArray("0000 ffffffff ffffffff") << false;
  }
  void rejectsMalformed() {
    QFETCH(QByteArray, hex);
    QFETCH(bool, subscription);
    const Bytes b = fromHex(hex.toStdString());
    if (subscription) {
      QVERIFY(decodeSubscription(b).status().isCorruption());
    } else {
      QVERIFY(decodeAssignment(b).status().isCorruption());
    }
  }

  void rejectsBadVersionsAndLongStrings() {
    QVERIFY(encodeSubscription({}, 4).status().isInvalidArgument());
    QVERIFY(encodeAssignment({}, -1).status().isInvalidArgument());
    Subscription s;
    s.topics = {std::string(40000, 'x')};
    QVERIFY(encodeSubscription(s, 0).status().isInvalidArgument());
  }
};

QTEST_APPLESS_MAIN(ConsumerProtocolTest)
#include "consumer_protocol_test.moc"
