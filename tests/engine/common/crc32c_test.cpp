// CRC-32C vectors: RFC 3720 (iSCSI) appendix B.4 and the classic "123456789" check value.
#include <QtTest>

#include <random>

#include "engine/common/crc32c.h"

using namespace runnel;

Q_DECLARE_METATYPE(runnel::Bytes)

class Crc32cTest : public QObject {
  Q_OBJECT
 private slots:
  void vectors_data() {
    QTest::addColumn<Bytes>("input");
    QTest::addColumn<quint32>("expected");
    Bytes ascending(32), descending(32);
    for (int i = 0; i < 32; ++i) {
      ascending[i] = static_cast<std::uint8_t>(i);
      descending[i] = static_cast<std::uint8_t>(31 - i);
    }
    QTest::newRow("empty") << Bytes{} << quint32(0);
    QTest::newRow("a") << toBytes("a") << quint32(0xC1D04330);
    QTest::newRow("123456789") << toBytes("123456789") << quint32(0xE3069283);
    QTest::newRow("32 zeros") << Bytes(32, 0x00) << quint32(0x8A9136AA);
    QTest::newRow("32 ones") << Bytes(32, 0xFF) << quint32(0x62A8AB43);
    QTest::newRow("ascending") << ascending << quint32(0x46DD794E);
    QTest::newRow("descending") << descending << quint32(0x113FDB5C);
  }
  void vectors() {
    QFETCH(Bytes, input);
    QFETCH(quint32, expected);
    QCOMPARE(quint32(crc32c::value(input)), expected);
    QCOMPARE(quint32(crc32c::extendPortable(0, input.data(), input.size())), expected);
  }

  void extendEqualsWhole() {
    std::mt19937 rng(7);
    Bytes data(1000);
    for (auto& b : data)
      b = static_cast<std::uint8_t>(rng());
    const std::uint32_t whole = crc32c::value(data);
    for (std::size_t split : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{8},
                              std::size_t{500}, std::size_t{999}, std::size_t{1000}}) {
      ByteView v(data);
      QCOMPARE(crc32c::extend(crc32c::value(v.first(split)), v.subspan(split)), whole);
    }
  }

  void hardwareMatchesPortable() {
    std::mt19937 rng(11);
    for (std::size_t len = 0; len < 300; ++len) {
      Bytes data(len);
      for (auto& b : data)
        b = static_cast<std::uint8_t>(rng());
      // Unaligned start too: the hardware path loads 8 bytes at a time.
      const std::size_t skip = len > 0 ? len % 3 : 0;
      const auto* p = data.data() + skip;
      QCOMPARE(crc32c::extend(0x1234u, p, len - skip),
               crc32c::extendPortable(0x1234u, p, len - skip));
    }
    // Large inputs take the interleaved three-block path; check around its block boundaries.
    Bytes big(200'000);
    for (auto& b : big)
      b = static_cast<std::uint8_t>(rng());
    for (std::size_t len : {std::size_t{24'575}, std::size_t{24'576}, std::size_t{24'577},
                            std::size_t{49'160}, std::size_t{199'999}}) {
      QCOMPARE(crc32c::extend(0xdeadbeefu, big.data() + 1, len),
               crc32c::extendPortable(0xdeadbeefu, big.data() + 1, len));
    }
    qInfo() << "hardware CRC-32C:" << crc32c::isHardwareAccelerated();
  }
};

QTEST_APPLESS_MAIN(Crc32cTest)
#include "crc32c_test.moc"
