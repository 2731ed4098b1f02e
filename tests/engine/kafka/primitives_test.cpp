// The Kafka primitive encodings of the protocol guide ("Protocol Primitive Types"), with byte
// strings computed by hand: classic strings/bytes/arrays carry an int16/int32 length (-1 = null),
// compact ones an unsigned varint of length + 1 (0 = null); tagged fields are a varint count, then
// tag, size and value for each field.
#include <QtTest>

#include <optional>
#include <string>
#include <vector>

#include "engine/common/byte_writer.h"
#include "engine/kafka/protocol/primitives.h"

using namespace runnel;
using namespace runnel::kafka;

Q_DECLARE_METATYPE(runnel::Bytes)

namespace {

Bytes hex(const char* s) {
  Bytes out;
  for (std::size_t i = 0; s[i] && s[i + 1]; i += 2) {
    out.push_back(static_cast<std::uint8_t>(std::stoi(std::string(s + i, 2), nullptr, 16)));
  }
  return out;
}

QByteArray hexOf(ByteView bytes) {
  return QByteArray::fromStdString(toHex(bytes));
}

template <typename T>
Bytes encoded(wire::Mode mode, const T& value) {
  Bytes out;
  ByteWriter writer(out);
  const wire::Problem problem = wire::write(writer, mode, value);
  if (problem != nullptr) qFatal("unexpected encode failure: %s", problem);
  return out;
}

template <typename T>
wire::Problem decoded(wire::Mode mode, const Bytes& bytes, T* value, std::size_t* left = nullptr) {
  ByteReader reader(bytes);
  const wire::Problem problem = wire::read(reader, mode, value);
  if (left != nullptr) *left = reader.remaining();
  return problem;
}

}  // namespace

class PrimitivesTest : public QObject {
  Q_OBJECT
 private slots:
  void strings_data() {
    QTest::addColumn<bool>("compact");
    QTest::addColumn<bool>("isNull");
    QTest::addColumn<QString>("text");
    QTest::addColumn<Bytes>("wire");
    QTest::newRow("classic empty") << false << false << "" << hex("0000");
    QTest::newRow("classic abc") << false << false << "abc" << hex("0003616263");
    QTest::newRow("classic null") << false << true << "" << hex("ffff");
    QTest::newRow("compact empty") << true << false << "" << hex("01");
    QTest::newRow("compact abc") << true << false << "abc" << hex("04616263");
    QTest::newRow("compact null") << true << true << "" << hex("00");
    QTest::newRow("compact utf8") << true << false << QString::fromUtf8("\xc3\xa9")
                                  << hex("03c3a9");
  }
  void strings() {
    QFETCH(bool, compact);
    QFETCH(bool, isNull);
    QFETCH(QString, text);
    QFETCH(Bytes, wire);
    std::optional<std::string> value;
    if (!isNull) value = text.toStdString();
    QCOMPARE(hexOf(encoded(wire::Mode{compact, true}, value)), hexOf(wire));
    std::optional<std::string> back = std::string("junk");
    QVERIFY(decoded(wire::Mode{compact, true}, wire, &back) == nullptr);
    QCOMPARE(back, value);
    if (isNull) {  // null where the version does not allow it, in both directions
      Bytes out;
      ByteWriter writer(out);
      QCOMPARE(wire::write(writer, wire::Mode{compact, false}, value), wire::kNullNotAllowed);
      std::string plain;
      QCOMPARE(decoded(wire::Mode{compact, false}, wire, &plain), wire::kNullNotAllowed);
    }
  }

  void longCompactLengthUsesMultiByteVarint() {
    const std::string text(200, 'x');
    const Bytes out = encoded(wire::Mode{true, false}, text);
    QCOMPARE(hexOf(ByteView(out).first(2)), QByteArray("c901"));  // 201 = 0xc9 0x01
    QCOMPARE(out.size(), std::size_t{202});
  }

  void stringsLongerThanInt16AreRefused() {
    const std::string tooLong(0x8000, 'x');
    Bytes out;
    ByteWriter writer(out);
    QCOMPARE(wire::write(writer, wire::Mode{true, false}, tooLong), wire::kStringTooLong);
    Bytes forged = hex("818002");  // compact length 32768 (varint of 32769)
    std::string back;
    QCOMPARE(decoded(wire::Mode{true, false}, forged, &back), wire::kStringTooLong);
  }

  void bytesAndRecords() {
    const Bytes payload = hex("deadbeef");
    QCOMPARE(hexOf(encoded(wire::Mode{false, false}, payload)), QByteArray("00000004deadbeef"));
    QCOMPARE(hexOf(encoded(wire::Mode{true, false}, payload)), QByteArray("05deadbeef"));
    QCOMPARE(hexOf(encoded(wire::Mode{false, true}, std::optional<Bytes>())),
             QByteArray("ffffffff"));

    // Records decode without copying: the view points into the input buffer.
    const Bytes wire = hex("05deadbeef");
    std::optional<RecordsView> records;
    QVERIFY(decoded(wire::Mode{true, true}, wire, &records) == nullptr);
    QVERIFY(records.has_value());
    QCOMPARE(static_cast<const void*>(records->bytes.data()),
             static_cast<const void*>(wire.data() + 1));
    QCOMPARE(records->size(), std::size_t{4});
  }

  void primitiveArrays() {
    const std::vector<std::int32_t> ints{1, -1};
    QCOMPARE(hexOf(encoded(wire::Mode{false, false}, ints)),
             QByteArray("0000000200000001ffffffff"));
    QCOMPARE(hexOf(encoded(wire::Mode{true, false}, ints)), QByteArray("0300000001ffffffff"));
    const std::vector<std::string> names{"a", ""};
    QCOMPARE(hexOf(encoded(wire::Mode{true, false}, names)), QByteArray("03026101"));
    QCOMPARE(hexOf(encoded(wire::Mode{true, true}, std::optional<std::vector<std::string>>())),
             QByteArray("00"));
    std::vector<std::string> back;
    QVERIFY(decoded(wire::Mode{true, false}, hex("03026101"), &back) == nullptr);
    QCOMPARE(back.size(), std::size_t{2});
    QCOMPARE(back[0], std::string("a"));
  }

  void forgedArrayLengthIsBoundedByInput() {
    std::vector<std::int64_t> back;
    QCOMPARE(decoded(wire::Mode{false, false}, hex("7fffffff00"), &back), wire::kTooManyElements);
    QCOMPARE(decoded(wire::Mode{false, false}, hex("fffffffe"), &back), wire::kBadLength);
    QCOMPARE(decoded(wire::Mode{false, false}, hex("00000002000000000000000100"), &back),
             wire::kTruncated);
  }

  void fixedValues() {
    Bytes out;
    ByteWriter writer(out);
    wire::writeValue(writer, true);
    wire::writeValue(writer, std::uint16_t{0xfffe});
    wire::writeValue(writer, 1.0);
    wire::writeValue(writer, Uuid{0x0102030405060708ULL, 0x090a0b0c0d0e0f10ULL});
    QCOMPARE(hexOf(out), QByteArray("01fffe3ff0000000000000"
                                    "0102030405060708090a0b0c0d0e0f10"));
    ByteReader reader(out);
    bool flag = false;
    std::uint16_t u16 = 0;
    double d = 0;
    Uuid uuid;
    wire::readValue(reader, &flag);
    wire::readValue(reader, &u16);
    wire::readValue(reader, &d);
    wire::readValue(reader, &uuid);
    QVERIFY(reader.ok());
    QVERIFY(flag);
    QCOMPARE(u16, std::uint16_t{0xfffe});
    QCOMPARE(d, 1.0);
    QCOMPARE(uuid.low, 0x090a0b0c0d0e0f10ULL);
  }

  void nullableStructMarkers() {
    Bytes out;
    ByteWriter writer(out);
    QVERIFY(wire::writeStructMarker(writer, true, false, false) == nullptr);
    QVERIFY(wire::writeStructMarker(writer, true, false, true) == nullptr);
    QVERIFY(wire::writeStructMarker(writer, false, false, true) == nullptr);  // no marker at all
    QVERIFY(wire::writeStructMarker(writer, true, true, true) == nullptr);
    QCOMPARE(hexOf(out), QByteArray("ff0101"));
    QCOMPARE(wire::writeStructMarker(writer, false, false, false), wire::kNullNotAllowed);
  }

  // Known fields and preserved unknown ones come out in ascending tag order.
  void taggedFieldsMergeUnknownInTagOrder() {
    const UnknownTaggedFields unknown{{1, hex("aa")}, {7, hex("bbcc")}};
    Bytes out;
    ByteWriter writer(out);
    wire::TaggedFieldWriter tagged(writer, unknown, 2);
    tagged.value().putInt8(5);
    QVERIFY(tagged.add(0) == nullptr);
    tagged.value().putInt16(0x0102);
    QVERIFY(tagged.add(3) == nullptr);
    QVERIFY(tagged.finish() == nullptr);
    QCOMPARE(hexOf(out), QByteArray("04"
                                    "000105"
                                    "0101aa"
                                    "03020102"
                                    "0702bbcc"));

    ByteReader reader(out);
    wire::TaggedFieldReader read(reader);
    UnknownTaggedFields kept;
    std::vector<std::uint32_t> tags;
    while (read.next()) {
      tags.push_back(read.tag());
      read.keepUnknown(&kept);
    }
    QVERIFY(read.problem() == nullptr);
    QCOMPARE(tags, (std::vector<std::uint32_t>{0, 1, 3, 7}));
    QCOMPARE(kept[3].data, hex("bbcc"));
    QCOMPARE(reader.remaining(), std::size_t{0});
  }

  void taggedFieldSizeBeyondInputFails() {
    const Bytes forged =
        hex("01"
            "00"
            "05"
            "aa");  // one field claiming 5 bytes, 1 present
    ByteReader reader(forged);
    UnknownTaggedFields kept;
    QCOMPARE(wire::readUnknownTaggedFields(reader, &kept), wire::kTruncated);
    QVERIFY(!reader.ok());
  }

  void taggedValueShorterThanItsReaderNeedsFails() {
    const Bytes wire =
        hex("01"
            "00"
            "01"
            "aa");  // a one-byte value read as int32
    ByteReader reader(wire);
    wire::TaggedFieldReader tagged(reader);
    QVERIFY(tagged.next());
    std::int32_t value = 0;
    wire::readValue(tagged.value(), &value);
    QVERIFY(!tagged.next());
    QCOMPARE(tagged.problem(), wire::kTruncated);
  }
};

QTEST_APPLESS_MAIN(PrimitivesTest)
#include "primitives_test.moc"
