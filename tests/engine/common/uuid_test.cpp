#include <QtTest>

#include <set>

#include "engine/common/uuid.h"

using runnel::Uuid;

class UuidTest : public QObject {
  Q_OBJECT
 private slots:
  void printsLikeKafka() {
    // Kafka prints Uuids as URL-safe base64 without padding: 16 bytes -> 22 characters.
    std::array<std::uint8_t, 16> bytes{};
    bytes[15] = 1;
    QCOMPARE(Uuid(bytes).toString(), std::string("AAAAAAAAAAAAAAAAAAAAAQ"));
    bytes.fill(0xff);
    QCOMPARE(Uuid(bytes).toString(), std::string("_____________________w"));
    QVERIFY(Uuid().isZero());
    QCOMPARE(Uuid().toString(), std::string("AAAAAAAAAAAAAAAAAAAAAA"));
  }
  void parsesWhatItPrints() {
    for (int i = 0; i < 200; ++i) {
      const Uuid id = Uuid::random();
      QVERIFY(!id.isZero());
      QVERIFY(id.toString().front() != '-');
      QCOMPARE(Uuid::fromString(id.toString()), std::optional<Uuid>(id));
    }
  }
  void rejectsMalformedText() {
    QVERIFY(!Uuid::fromString("short").has_value());
    QVERIFY(!Uuid::fromString("AAAAAAAAAAAAAAAAAAAAA=").has_value());  // bad character
    QVERIFY(!Uuid::fromString("AAAAAAAAAAAAAAAAAAAAAB").has_value());  // non-zero padding bits
  }
  void randomIdsDiffer() {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i)
      seen.insert(Uuid::random().toString());
    QCOMPARE(seen.size(), std::size_t{1000});
  }
  void halves() {
    std::array<std::uint8_t, 16> bytes{};
    for (int i = 0; i < 16; ++i)
      bytes[i] = static_cast<std::uint8_t>(i + 1);
    Uuid id(bytes);
    QCOMPARE(id.mostSignificant(), std::uint64_t{0x0102030405060708});
    QCOMPARE(id.leastSignificant(), std::uint64_t{0x090a0b0c0d0e0f10});
  }
};

QTEST_APPLESS_MAIN(UuidTest)
#include "uuid_test.moc"
