// Decoding hostile input must fail cleanly — a Status, never a crash, an over-read or an
// unbounded allocation (this suite also runs under ASan + UBSan). For every message and version:
// every truncation of a valid encoding fails; random bytes and randomly damaged encodings either
// fail or decode into a message that re-encodes canonically. Deterministic: fixed PRNG seeds.
#include <QtTest>

#include <algorithm>
#include <memory>
#include <random>
#include <string>

#include "engine/common/byte_writer.h"
#include "engine/kafka/messages/message_factory.h"
#include "engine/kafka/messages/testing/messages_testing.h"

using namespace runnel;
using namespace runnel::kafka;

namespace {

Bytes filledEncoding(std::string_view name, std::int16_t version) {
  auto message = createMessage(name);
  testing::fillForTest(*message, version, false);
  Bytes wire;
  ByteWriter writer(wire);
  if (!message->encode(writer, version).isOk()) qFatal("fill did not encode");
  return wire;
}

// Decodes `input`; when that succeeds, the message must re-encode, and decoding that encoding
// must reproduce it exactly (so nothing decoded is lost or invented).
bool decodesConsistently(std::string_view name, std::int16_t version, ByteView input) {
  auto message = createMessage(name);
  ByteReader reader(input);
  if (!message->decode(reader, version).isOk()) return true;
  Bytes first;
  ByteWriter firstWriter(first);
  if (!message->encode(firstWriter, version).isOk()) return false;
  auto again = createMessage(name);
  ByteReader againReader(first);
  if (!again->decode(againReader, version).isOk() || againReader.remaining() != 0) return false;
  Bytes second;
  ByteWriter secondWriter(second);
  return again->encode(secondWriter, version).isOk() && second == first &&
         testing::equalForTest(*message, *again);
}

}  // namespace

class MalformedInputTest : public QObject {
  Q_OBJECT
 private slots:
  void truncationFails_data() {
    QTest::addColumn<QString>("name");
    for (std::string_view name : allMessageNames()) {
      QTest::newRow(std::string(name).c_str()) << QString::fromStdString(std::string(name));
    }
  }
  void truncationFails() {
    QFETCH(QString, name);
    const std::string message = name.toStdString();
    const auto probe = createMessage(message);
    for (std::int16_t version = probe->lowestVersion(); version <= probe->highestVersion();
         ++version) {
      const Bytes wire = filledEncoding(message, version);
      // Every short prefix, then a sample of the longer ones.
      const std::size_t step = std::max<std::size_t>(1, wire.size() / 32);
      for (std::size_t length = 0; length < wire.size(); length += length < 64 ? 1 : step) {
        auto decoded = createMessage(message);
        ByteReader reader(ByteView(wire).first(length));
        const Status status = decoded->decode(reader, version);
        QVERIFY2(status.isCorruption(),
                 qPrintable(QStringLiteral("%1 v%2 decoded from %3 of %4 bytes")
                                .arg(name)
                                .arg(version)
                                .arg(length)
                                .arg(wire.size())));
      }
    }
  }

  void garbageNeverCrashes_data() { truncationFails_data(); }
  void garbageNeverCrashes() {
    QFETCH(QString, name);
    const std::string message = name.toStdString();
    std::mt19937 random(static_cast<std::uint32_t>(qHash(name)));
    const auto probe = createMessage(message);
    for (std::int16_t version = probe->lowestVersion(); version <= probe->highestVersion();
         ++version) {
      for (int round = 0; round < 8; ++round) {
        Bytes noise(random() % 96);
        for (auto& b : noise)
          b = static_cast<std::uint8_t>(random());
        QVERIFY2(decodesConsistently(message, version, noise), qPrintable(name));
      }
      const Bytes valid = filledEncoding(message, version);
      for (int round = 0; round < 8 && !valid.empty(); ++round) {
        Bytes damaged = valid;
        for (int flips = 1 + static_cast<int>(random() % 3); flips > 0; --flips) {
          damaged[random() % damaged.size()] = static_cast<std::uint8_t>(random());
        }
        QVERIFY2(decodesConsistently(message, version, damaged), qPrintable(name));
      }
    }
  }

  // Lengths that promise more than the input holds are refused before anything is allocated.
  void forgedLengthsAreRefused() {
    const Bytes hugeArray = {0x7f, 0xff, 0xff, 0xff};  // Metadata v1 topics: 2^31 - 1 entries
    auto metadata = createRequest(3);
    ByteReader reader(hugeArray);
    const Status status = metadata->decode(reader, 1);
    QVERIFY(status.isCorruption());
    QVERIFY(status.message().find("topics") != std::string::npos);

    const Bytes hugeCompact = {0xff, 0xff, 0xff, 0xff, 0x0f};  // compact array of 2^32 - 2
    auto flexible = createRequest(3);
    ByteReader flexibleReader(hugeCompact);
    QVERIFY(flexible->decode(flexibleReader, 12).isCorruption());

    const Bytes overlongVarint = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    auto apiVersions = createRequest(18);
    ByteReader varintReader(overlongVarint);
    QVERIFY(apiVersions->decode(varintReader, 3).isCorruption());
  }

  // A non-nullable field sent as null is an error, as in Kafka (not an empty value).
  void nullInNonNullableFieldFails() {
    const Bytes nullName = {0x00, 0x00, 0x00, 0x01, 0xff, 0xff};  // Metadata v1 topic name null
    auto metadata = createRequest(3);
    ByteReader reader(nullName);
    const Status status = metadata->decode(reader, 1);
    QVERIFY(status.isCorruption());
    QVERIFY(status.message().find("not nullable") != std::string::npos);
  }
};

QTEST_APPLESS_MAIN(MalformedInputTest)
#include "malformed_input_test.moc"
