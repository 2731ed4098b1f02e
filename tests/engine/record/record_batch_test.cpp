// RecordBatch v2 against hand-computed bytes (layout from the Kafka protocol guide's "Record
// Batch" section; the CRCs were computed with an independent bit-by-bit CRC-32C), round trips
// through every codec, in-place rewrites and rejection of damaged input.
#include <QtTest>

#include <snappy.h>

#include "engine/common/crc32c.h"
#include "engine/record/record_batch_builder.h"
#include "engine/record/record_batch_patch.h"
#include "engine/record/record_batch_view.h"
#include "engine/record/record_iterator.h"
#include "test_util.h"

using namespace runnel;
using namespace runnel::record;
using runnel::testing::fromHex;

Q_DECLARE_METATYPE(runnel::record::CompressionCodec)

namespace {

// baseOffset 5, epoch 3, one record: timestamp 1000, key "k", value "v1".
constexpr std::string_view kOneRecord =
    "0000000000000005"  // baseOffset
    "0000003b"          // batchLength 59
    "00000003"          // partitionLeaderEpoch
    "02"                // magic
    "aca1c0b9"          // crc
    "0000"              // attributes
    "00000000"          // lastOffsetDelta
    "00000000000003e8"  // baseTimestamp 1000
    "00000000000003e8"  // maxTimestamp
    "ffffffffffffffff"  // producerId -1
    "ffff"              // producerEpoch -1
    "ffffffff"          // baseSequence -1
    "00000001"          // record count
    "12"
    "00"
    "00"
    "00"
    "02"
    "6b"
    "04"
    "7631"
    "00";  // len 9, attrs, tsDelta, offDelta, key, value, 0 headers

// The same plus a second record: timestamp 1001, null key, value "v", header h=x.
constexpr std::string_view kTwoRecords =
    "0000000000000005"
    "00000047"
    "00000003"
    "02"
    "4f5ffbe7"
    "0000"
    "00000001"
    "00000000000003e8"
    "00000000000003e9"
    "ffffffffffffffff"
    "ffff"
    "ffffffff"
    "00000002"
    "12000000026b04763100"
    "16"
    "00"
    "02"
    "02"
    "01"
    "0276"
    "02"
    "0268"
    "0278";

Bytes buildOneOrTwo(bool two) {
  RecordBatchBuilder b({.baseOffset = 5, .partitionLeaderEpoch = 3});
  b.append(1000, asBytes("k"), asBytes("v1"));
  if (two) {
    const RecordHeader h{"h", asBytes("x")};
    b.append(1001, std::nullopt, asBytes("v"), std::span(&h, 1));
  }
  return *b.build();
}

std::vector<Record> decodeAll(const RecordBatchView& view, RecordIterator& it) {
  std::vector<Record> out;
  Record r;
  while (it.next(r))
    out.push_back(r);
  (void)view;
  return out;
}

std::string str(const std::optional<ByteView>& b) {
  return b ? std::string(asChars(*b)) : "<null>";
}

// Rewrites a CRC-covered field and fixes the CRC, to reach the checks behind the CRC check.
void patchAndReseal(Bytes& batch, std::size_t at, std::uint32_t value) {
  storeBigEndian32(batch.data() + at, value);
  storeBigEndian32(batch.data() + kCrcOffset,
                   crc32c::value(ByteView(batch).subspan(kCrcCoveredFrom)));
}

}  // namespace

class RecordBatchTest : public QObject {
  Q_OBJECT
 private slots:
  void encodesKnownBytes_data() {
    QTest::addColumn<bool>("two");
    QTest::addColumn<QString>("expected");
    QTest::newRow("one record") << false
                                << QString::fromLatin1(kOneRecord.data(), kOneRecord.size());
    QTest::newRow("two records, header, null key")
        << true << QString::fromLatin1(kTwoRecords.data(), kTwoRecords.size());
  }
  void encodesKnownBytes() {
    QFETCH(bool, two);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(toHex(buildOneOrTwo(two))), expected);
  }

  void decodesKnownBytes() {
    const Bytes bytes = fromHex(kTwoRecords);
    QVERIFY(validateBatch(bytes).isOk());
    auto view = RecordBatchView::parse(bytes);
    QVERIFY(view.isOk());
    QCOMPARE(view->baseOffset(), 5);
    QCOMPARE(view->lastOffset(), 6);
    QCOMPARE(view->partitionLeaderEpoch(), 3);
    QCOMPARE(view->crc(), 0x4f5ffbe7u);
    QCOMPARE(view->baseTimestamp(), 1000);
    QCOMPARE(view->maxTimestamp(), 1001);
    QCOMPARE(view->producerId(), -1);
    QCOMPARE(view->recordCount(), 2);
    QCOMPARE(view->compression(), CompressionCodec::kNone);
    QVERIFY(!view->isTransactional() && !view->isControl() && !view->hasDeleteHorizon());
    RecordIterator it(*view);
    const auto records = decodeAll(*view, it);
    QVERIFY(it.status().isOk());
    QCOMPARE(records.size(), 2u);
    QCOMPARE(records[0].offset, 5);
    QCOMPARE(records[0].timestamp, 1000);
    QCOMPARE(str(records[0].key), std::string("k"));
    QCOMPARE(str(records[0].value), std::string("v1"));
    QVERIFY(records[0].headers.empty());
    QCOMPARE(records[1].offset, 6);
    QCOMPARE(records[1].timestamp, 1001);
    QCOMPARE(str(records[1].key), std::string("<null>"));
    QCOMPARE(str(records[1].value), std::string("v"));
    QCOMPARE(records[1].headers.size(), 1u);
    QCOMPARE(records[1].headers[0].key, std::string_view("h"));
    QCOMPARE(str(records[1].headers[0].value), std::string("x"));
    QVERIFY(view->validateRecords().isOk());
  }

  void roundTripEveryCodec_data() {
    QTest::addColumn<CompressionCodec>("codec");
    for (int id = 0; id <= kMaxCompressionCodecId; ++id) {
      const auto codec = static_cast<CompressionCodec>(id);
      QTest::newRow(std::string(codecName(codec)).c_str()) << codec;
    }
  }
  void roundTripEveryCodec() {
    QFETCH(CompressionCodec, codec);
    RecordBatchBuilder b({.baseOffset = 1000,
                          .partitionLeaderEpoch = 7,
                          .compression = codec,
                          .transactional = true,
                          .producerId = 42,
                          .producerEpoch = 2,
                          .baseSequence = 9});
    constexpr int kCount = 500;
    for (int i = 0; i < kCount; ++i) {
      const std::string key = "key-" + std::to_string(i % 50);
      const std::string value = "value number " + std::to_string(i) + std::string(i % 17, 'x');
      const std::string hv = std::to_string(i);
      const RecordHeader headers[] = {{"trace", asBytes(hv)}, {"empty", std::nullopt}};
      b.append(
          5000 + (i * 7) % 300, i % 10 == 0 ? std::nullopt : std::optional(asBytes(key)),
          i % 13 == 0 ? std::nullopt : std::optional(asBytes(value)),
          i % 3 == 0 ? std::span<const RecordHeader>(headers) : std::span<const RecordHeader>());
    }
    const Bytes bytes = *b.build();
    if (codec != CompressionCodec::kNone) QVERIFY(bytes.size() < b.uncompressedSize() / 2);
    QVERIFY(validateBatch(bytes).isOk());
    auto view = RecordBatchView::parse(bytes);
    QCOMPARE(view->compression(), codec);
    QCOMPARE(view->recordCount(), kCount);
    QCOMPARE(view->lastOffset(), 1000 + kCount - 1);
    QCOMPARE(view->maxTimestamp(), 5000 + 299);
    QVERIFY(view->isTransactional());
    QCOMPARE(view->producerId(), 42);
    QCOMPARE(view->producerEpoch(), std::int16_t{2});
    QCOMPARE(view->baseSequence(), 9);
    QVERIFY(view->validateRecords().isOk());

    RecordIterator it(*view);
    Record r;
    int i = 0;
    while (it.next(r)) {
      QCOMPARE(r.offset, 1000 + i);
      QCOMPARE(r.timestamp, 5000 + (i * 7) % 300);
      QCOMPARE(str(r.key), i % 10 == 0 ? std::string("<null>") : "key-" + std::to_string(i % 50));
      QCOMPARE(str(r.value), i % 13 == 0
                                 ? std::string("<null>")
                                 : "value number " + std::to_string(i) + std::string(i % 17, 'x'));
      QCOMPARE(r.headers.size(), i % 3 == 0 ? 2u : 0u);
      if (i % 3 == 0) {
        QCOMPARE(str(r.headers[0].value), std::to_string(i));
        QVERIFY(!r.headers[1].value.has_value());
      }
      ++i;
    }
    QVERIFY2(it.status().isOk(), it.status().toString().c_str());
    QCOMPARE(i, kCount);
  }

  void rawSnappyPayloadDecodes() {
    // librdkafka writes unframed snappy blocks; build such a batch by hand.
    RecordBatchBuilder plain({.baseOffset = 0});
    for (int i = 0; i < 20; ++i)
      plain.append(100 + i, asBytes("k"), asBytes("value value value"));
    Bytes batch = *plain.build();
    const ByteView records = ByteView(batch).subspan(kRecordsOffset);
    std::string raw;
    snappy::Compress(reinterpret_cast<const char*>(records.data()), records.size(), &raw);
    batch.resize(kRecordsOffset);
    batch.insert(batch.end(), raw.begin(), raw.end());
    storeBigEndian16(batch.data() + kAttributesOffset,
                     static_cast<std::uint16_t>(CompressionCodec::kSnappy));
    patchAndReseal(batch, kBatchLengthOffset,
                   static_cast<std::uint32_t>(batch.size() - kLogOverhead));
    QVERIFY(validateBatch(batch).isOk());
    auto view = RecordBatchView::parse(batch);
    QVERIFY2(view->validateRecords().isOk(), view->validateRecords().toString().c_str());
  }

  void emptyBatchAndGaps() {
    RecordBatchBuilder b({.baseOffset = 10});
    QVERIFY(b.appendWithOffset(12, 1, asBytes("a"), asBytes("1")).isOk());
    QVERIFY(b.appendWithOffset(15, 2, asBytes("b"), asBytes("2")).isOk());
    QVERIFY(b.appendWithOffset(15, 3, asBytes("c"), asBytes("3")).isInvalidArgument());
    b.overrideLastOffset(19);
    const Bytes bytes = *b.build();
    auto view = RecordBatchView::parse(bytes);
    QCOMPARE(view->baseOffset(), 10);
    QCOMPARE(view->lastOffset(), 19);
    QCOMPARE(view->recordCount(), 2);
    QVERIFY(view->validateRecords().isOk());
    RecordIterator it(*view);
    Record r;
    QVERIFY(it.next(r));
    QCOMPARE(r.offset, 12);
    QVERIFY(it.next(r));
    QCOMPARE(r.offset, 15);
    QVERIFY(!it.next(r));

    const Bytes empty = *RecordBatchBuilder({.baseOffset = 3, .producerId = 8}).build();
    QCOMPARE(empty.size(), kBatchHeaderSize);
    QVERIFY(validateBatch(empty).isOk());
    QCOMPARE(RecordBatchView::parse(empty)->recordCount(), 0);
  }

  void deleteHorizon() {
    RecordBatchBuilder b({.deleteHorizonMs = 90'000});
    b.append(1000, asBytes("k"), std::nullopt);
    const Bytes bytes = *b.build();
    auto view = RecordBatchView::parse(bytes);
    QVERIFY(view->hasDeleteHorizon());
    QCOMPARE(view->baseTimestamp(), 90'000);
    RecordIterator it(*view);
    Record r;
    QVERIFY(it.next(r));
    QCOMPARE(r.timestamp, 1000);  // deltas are relative to the horizon, possibly negative
    QVERIFY(!r.value.has_value());
  }

  void rewriteOutsideCrc() {
    Bytes bytes = buildOneOrTwo(true);
    const std::uint32_t crcBefore = RecordBatchView::parse(bytes)->crc();
    setBaseOffset(bytes, 123456789);
    setPartitionLeaderEpoch(bytes, 17);
    auto view = RecordBatchView::parse(bytes);
    QCOMPARE(view->baseOffset(), 123456789);
    QCOMPARE(view->partitionLeaderEpoch(), 17);
    QCOMPARE(view->crc(), crcBefore);
    QVERIFY(view->validate().isOk());
    RecordIterator it(*view);
    Record r;
    QVERIFY(it.next(r) && it.next(r));
    QCOMPARE(r.offset, 123456790);
  }

  void logAppendTime() {
    Bytes bytes = buildOneOrTwo(true);
    setLogAppendTime(bytes, 777'000);
    auto view = RecordBatchView::parse(bytes);
    QVERIFY(view->validate().isOk());
    QCOMPARE(view->timestampType(), TimestampType::kLogAppendTime);
    QCOMPARE(view->maxTimestamp(), 777'000);
    RecordIterator it(*view);
    Record r;
    while (it.next(r))
      QCOMPARE(r.timestamp, 777'000);
    QVERIFY(it.status().isOk());
  }

  void rejectsDamage_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("bad crc") << 0 << "bad CRC";
    QTest::newRow("magic 1") << 1 << "not supported";
    QTest::newRow("magic 9") << 2 << "magic 9";
    QTest::newRow("length below minimum") << 3 << "below the minimum";
    QTest::newRow("length beyond data") << 4 << "truncated";
    QTest::newRow("shorter than header") << 5 << "truncated";
    QTest::newRow("negative lastOffsetDelta") << 6 << "negative lastOffsetDelta";
    QTest::newRow("more records than offsets") << 7 << "spans only";
    QTest::newRow("unknown codec") << 8 << "unknown compression";
    QTest::newRow("trailing bytes") << 9 << "were given";
    QTest::newRow("negative base offset") << 10 << "impossible base offset";
  }
  void rejectsDamage() {
    QFETCH(int, kind);
    QFETCH(QString, messagePart);
    Bytes b = buildOneOrTwo(true);
    switch (kind) {
      case 0:
        b[b.size() - 3] ^= 0x01;
        break;
      case 1:
        b[kMagicOffset] = 1;
        break;
      case 2:
        b[kMagicOffset] = 9;
        break;
      case 3:
        storeBigEndian32(b.data() + kBatchLengthOffset, 20);
        break;
      case 4:
        storeBigEndian32(b.data() + kBatchLengthOffset, 500);
        break;
      case 5:
        b.resize(40);
        break;
      case 6:
        patchAndReseal(b, kLastOffsetDeltaOffset, 0xffffffff);
        break;
      case 7:
        patchAndReseal(b, kRecordCountOffset, 5);
        break;
      case 8:
        storeBigEndian16(b.data() + kAttributesOffset, 6);
        patchAndReseal(b, kRecordCountOffset, 2);
        break;
      case 9:
        b.push_back(0);
        break;
      case 10:
        setBaseOffset(b, -4);
        break;
    }
    const Status s = validateBatch(b);
    QVERIFY(!s.isOk());
    QVERIFY2(s.message().find(messagePart.toStdString()) != std::string::npos,
             s.toString().c_str());
  }

  void rejectsBadRecords() {
    // Record count says 1 but two records are present.
    Bytes b = buildOneOrTwo(true);
    patchAndReseal(b, kRecordCountOffset, 1);
    QVERIFY(validateBatch(b).isOk());  // the header alone looks fine
    const Status s = RecordBatchView::parse(b)->validateRecords();
    QVERIFY2(s.isCorruption() && s.message().find("left over") != std::string::npos,
             s.toString().c_str());

    // A record length pointing past the end.
    Bytes c = buildOneOrTwo(false);
    c[kRecordsOffset] = 0x7e;  // length 63
    storeBigEndian32(c.data() + kCrcOffset, crc32c::value(ByteView(c).subspan(kCrcCoveredFrom)));
    const Status s2 = RecordBatchView::parse(c)->validateRecords();
    QVERIFY2(s2.isCorruption() && s2.message().find("past the end") != std::string::npos,
             s2.toString().c_str());

    // A key length larger than the record.
    Bytes d = buildOneOrTwo(false);
    d[kRecordsOffset + 4] = 0x40;  // key length 32
    storeBigEndian32(d.data() + kCrcOffset, crc32c::value(ByteView(d).subspan(kCrcCoveredFrom)));
    QVERIFY(RecordBatchView::parse(d)->validateRecords().isCorruption());
  }

  void splitsConcatenatedBatches() {
    Bytes all = buildOneOrTwo(false);
    const Bytes second = buildOneOrTwo(true);
    all.insert(all.end(), second.begin(), second.end());
    auto batches = splitBatches(all);
    QVERIFY(batches.isOk());
    QCOMPARE(batches->size(), 2u);
    QCOMPARE((*batches)[1].recordCount(), 2);

    all.insert(all.end(), second.begin(), second.begin() + 30);
    QVERIFY(!splitBatches(all).isOk());
    auto partial = splitBatches(all, /*allowPartialTail=*/true);
    QVERIFY(partial.isOk());
    QCOMPARE(partial->size(), 2u);
  }
};

QTEST_APPLESS_MAIN(RecordBatchTest)
#include "record_batch_test.moc"
