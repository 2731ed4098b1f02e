#include <QtTest>

#include <random>

#include "engine/record/compression.h"

using namespace runnel;
using namespace runnel::record;

Q_DECLARE_METATYPE(runnel::record::CompressionCodec)

namespace {
Bytes sampleData(std::size_t n) {
  // Compressible but not trivial: words from a small vocabulary with random digits.
  std::mt19937 rng(3);
  static const char* kWords[] = {"order", "card", "amount", "merchant", "approved", "declined"};
  std::string s;
  while (s.size() < n) {
    s += kWords[rng() % 6];
    s += std::to_string(rng() % 1000);
    s += ' ';
  }
  s.resize(n);
  return toBytes(s);
}
}  // namespace

class CompressionTest : public QObject {
  Q_OBJECT
 private slots:
  void roundTrip_data() {
    QTest::addColumn<CompressionCodec>("codec");
    QTest::addColumn<int>("size");
    for (int id = 0; id <= kMaxCompressionCodecId; ++id) {
      const auto codec = static_cast<CompressionCodec>(id);
      for (int size : {0, 1, 1000, 300 * 1024}) {
        QTest::newRow((std::string(codecName(codec)) + "/" + std::to_string(size)).c_str())
            << codec << size;
      }
    }
  }
  void roundTrip() {
    QFETCH(CompressionCodec, codec);
    QFETCH(int, size);
    const Bytes input = sampleData(static_cast<std::size_t>(size));
    Bytes compressed{0xAA};  // output is appended after existing bytes
    QVERIFY(compress(codec, input, compressed).isOk());
    QCOMPARE(compressed[0], std::uint8_t{0xAA});
    if (codec != CompressionCodec::kNone && size >= 100 * 1024) {
      QVERIFY2(compressed.size() < input.size() / 2, "compressible data should shrink");
    }
    Bytes output{0xBB};
    const Status s = decompress(codec, ByteView(compressed).subspan(1), output, input.size() + 1);
    QVERIFY2(s.isOk(), s.toString().c_str());
    QCOMPARE(output.size(), input.size() + 1);
    QVERIFY(std::equal(input.begin(), input.end(), output.begin() + 1));
  }

  void names() {
    for (int id = 0; id <= kMaxCompressionCodecId; ++id) {
      const auto codec = static_cast<CompressionCodec>(id);
      QCOMPARE(parseCodec(codecName(codec)), std::optional(codec));
    }
    QVERIFY(!parseCodec("brotli").has_value());
  }

  void rejectsDamage_data() {
    QTest::addColumn<CompressionCodec>("codec");
    for (int id = 1; id <= kMaxCompressionCodecId; ++id) {
      const auto codec = static_cast<CompressionCodec>(id);
      QTest::newRow(std::string(codecName(codec)).c_str()) << codec;
    }
  }
  void rejectsDamage() {
    QFETCH(CompressionCodec, codec);
    const Bytes input = sampleData(std::size_t{100} * 1024);
    Bytes compressed;
    QVERIFY(compress(codec, input, compressed).isOk());

    Bytes out;
    const Status truncated =
        decompress(codec, ByteView(compressed).first(compressed.size() / 2), out, 1 << 30);
    QVERIFY2(truncated.isCorruption(), truncated.toString().c_str());

    Bytes garbage(200, 0x5c);
    out.clear();
    QVERIFY(decompress(codec, garbage, out, 1 << 30).isCorruption());

    // A limit below the real size is refused instead of allocating without bound.
    out.clear();
    const Status bomb = decompress(codec, compressed, out, std::size_t{10} * 1024);
    QVERIFY2(bomb.isCorruption(), bomb.toString().c_str());
    QVERIFY(bomb.message().find("more than") != std::string::npos);
  }

  void snappyXerialFraming() {
    const Bytes input = sampleData(std::size_t{100} * 1024);
    Bytes framed;
    QVERIFY(compress(CompressionCodec::kSnappy, input, framed).isOk());
    // snappy-java's header: magic, version 1, compatible version 1.
    const Bytes header{0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0, 0, 0, 0, 1, 0, 0, 0, 1};
    QVERIFY(std::equal(header.begin(), header.end(), framed.begin()));
    // 100 KiB in 32 KiB blocks: four length-prefixed chunks.
    std::size_t pos = header.size();
    int chunks = 0;
    while (pos < framed.size()) {
      pos += 4 + loadBigEndian32(framed.data() + pos);
      ++chunks;
    }
    QCOMPARE(pos, framed.size());
    QCOMPARE(chunks, 4);
  }
};

QTEST_APPLESS_MAIN(CompressionTest)
#include "compression_test.moc"
