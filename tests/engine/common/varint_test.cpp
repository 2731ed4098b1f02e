// Varint vectors follow the protobuf/Kafka encoding (Kafka's protocol guide: "varint" fields use
// zigzag encoding, as in protocol buffers); the byte strings below are computed by hand.
#include <QtTest>

#include "engine/common/byte_writer.h"
#include "engine/common/varint.h"

using namespace runnel;

Q_DECLARE_METATYPE(runnel::Bytes)

namespace {
Bytes hex(const char* s) {
  Bytes out;
  for (std::size_t i = 0; s[i] && s[i + 1]; i += 2) {
    out.push_back(static_cast<std::uint8_t>(std::stoi(std::string(s + i, 2), nullptr, 16)));
  }
  return out;
}
}  // namespace

class VarintTest : public QObject {
  Q_OBJECT
 private slots:
  void signedVarint_data() {
    QTest::addColumn<qint64>("value");
    QTest::addColumn<Bytes>("encoded");
    QTest::newRow("0") << qint64(0) << hex("00");
    QTest::newRow("-1") << qint64(-1) << hex("01");
    QTest::newRow("1") << qint64(1) << hex("02");
    QTest::newRow("-2") << qint64(-2) << hex("03");
    QTest::newRow("63") << qint64(63) << hex("7e");
    QTest::newRow("-64") << qint64(-64) << hex("7f");
    QTest::newRow("64") << qint64(64) << hex("8001");
    QTest::newRow("150") << qint64(150) << hex("ac02");
    QTest::newRow("int32 max") << qint64(2147483647) << hex("feffffff0f");
    QTest::newRow("int32 min") << qint64(-2147483648LL) << hex("ffffffff0f");
  }
  void signedVarint() {
    QFETCH(qint64, value);
    QFETCH(Bytes, encoded);
    Bytes out;
    appendVarint(out, static_cast<std::int32_t>(value));
    QCOMPARE(toHex(out), toHex(encoded));
    QCOMPARE(varintSize(static_cast<std::int32_t>(value)), encoded.size());
    std::int32_t back = 0;
    QCOMPARE(decodeVarint(encoded.data(), encoded.data() + encoded.size(), &back), encoded.size());
    QCOMPARE(qint64(back), value);
  }
  void varlongExtremes() {
    for (std::int64_t v :
         {std::int64_t{0}, std::int64_t{-1}, std::int64_t{1} << 40, INT64_MAX, INT64_MIN}) {
      Bytes out;
      appendVarlong(out, v);
      QCOMPARE(out.size(), varlongSize(v));
      std::int64_t back = 0;
      QCOMPARE(decodeVarlong(out.data(), out.data() + out.size(), &back), out.size());
      QCOMPARE(back, v);
    }
    Bytes max;
    appendVarlong(max, INT64_MIN);
    QCOMPARE(toHex(max), std::string("ffffffffffffffffff01"));
  }
  void unsignedVarint() {
    Bytes out;
    appendUnsignedVarint(out, 300);
    QCOMPARE(toHex(out), std::string("ac02"));
  }
  void truncatedInputFails() {
    const Bytes truncated = hex("ac");
    std::int32_t v = 0;
    QCOMPARE(decodeVarint(truncated.data(), truncated.data() + truncated.size(), &v),
             std::size_t{0});
    const Bytes tooLong = hex("ffffffffff0f");  // six bytes: too long for a 32-bit varint
    QCOMPARE(decodeVarint(tooLong.data(), tooLong.data() + tooLong.size(), &v), std::size_t{0});
  }
  void readerFailureIsSticky() {
    Bytes buf;
    ByteWriter w(buf);
    w.putInt32(0x01020304);
    w.putInt16(-2);
    ByteReader r(buf);
    QCOMPARE(r.getInt32(), 0x01020304);
    QCOMPARE(r.getInt64(), std::int64_t{0});  // only 2 bytes left
    QVERIFY(!r.ok());
    QCOMPARE(r.getInt16(), std::int16_t{0});
    QCOMPARE(r.remaining(), std::size_t{0});
  }
  void writerBigEndian() {
    Bytes buf;
    ByteWriter w(buf);
    w.putInt16(0x0102);
    w.putInt64(-1);
    w.putUint32(0xdeadbeef);
    QCOMPARE(toHex(buf), std::string("0102ffffffffffffffffdeadbeef"));
    w.patchInt32(2, 7);
    QCOMPARE(toHex(buf), std::string("010200000007ffffffffdeadbeef"));
  }
};

QTEST_APPLESS_MAIN(VarintTest)
#include "varint_test.moc"
