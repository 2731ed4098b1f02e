// Every generated message, in every version: filled with non-default values (fillForTest), it
// encodes, decodes back to an equal message, and re-encodes to the same bytes. A second pass sets
// every field that is nullable in the version to null. Together they cover each field's presence
// rules, classic and compact encodings, nulls, tagged fields and nested structs in all versions.
#include <QtTest>

#include <memory>
#include <string>

#include "engine/common/byte_writer.h"
#include "engine/kafka/messages/api_keys.h"
#include "engine/kafka/messages/message_factory.h"
#include "engine/kafka/messages/testing/messages_testing.h"

using namespace runnel;
using namespace runnel::kafka;

namespace {

std::unique_ptr<Message> create(const QString& name) {
  return createMessage(name.toStdString());
}

}  // namespace

class MessageRoundTripTest : public QObject {
  Q_OBJECT
 private slots:
  void everyMessageIsGenerated() {
    // 88 APIs (a request and a response each), the two headers, 8 data schemas.
    QCOMPARE(allMessageNames().size(), std::size_t{88 * 2 + 2 + 8});
    QCOMPARE(allApis().size(), std::size_t{88});
    for (const ApiInfo& api : allApis()) {
      auto request = createRequest(api.key);
      auto response = createResponse(api.key);
      QVERIFY(request != nullptr && response != nullptr);
      QCOMPARE(request->kind(), MessageKind::kRequest);
      QCOMPARE(response->messageApiKey(), api.key);
      QCOMPARE(request->lowestVersion(), api.minVersion);
      QCOMPARE(response->highestVersion(), api.maxVersion);
    }
    QVERIFY(createRequest(-1) == nullptr);
    QVERIFY(createRequest(9999) == nullptr);
  }

  void roundTrip_data() {
    QTest::addColumn<QString>("name");
    for (std::string_view name : allMessageNames()) {
      const QString qname = QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
      QTest::newRow(qname.toUtf8().constData()) << qname;
    }
  }
  void roundTrip() {
    QFETCH(QString, name);
    const auto probe = create(name);
    QVERIFY(probe != nullptr);
    for (std::int16_t version = probe->lowestVersion(); version <= probe->highestVersion();
         ++version) {
      for (const bool nulls : {false, true}) {
        const QByteArray where =
            QStringLiteral("%1 v%2%3").arg(name).arg(version).arg(nulls ? " (nulls)" : "").toUtf8();
        auto original = create(name);
        QVERIFY2(testing::fillForTest(*original, version, nulls), where.constData());
        Bytes wire;
        ByteWriter writer(wire);
        const Status encoded = original->encode(writer, version);
        QVERIFY2(encoded.isOk(), (where + ": " + encoded.toString().c_str()).constData());

        auto decoded = create(name);
        ByteReader reader(wire);
        const Status status = decoded->decode(reader, version);
        QVERIFY2(status.isOk(), (where + ": " + status.toString().c_str()).constData());
        QVERIFY2(reader.remaining() == 0, where.constData());
        QVERIFY2(testing::equalForTest(*original, *decoded), where.constData());

        Bytes again;
        ByteWriter againWriter(again);
        QVERIFY2(decoded->encode(againWriter, version).isOk(), where.constData());
        QVERIFY2(again == wire, where.constData());
      }
    }
  }

  // Defaults must encode in every version (Kafka only allows a null default where every version
  // of the field is nullable), and decode back to defaults.
  void defaultsRoundTrip_data() { roundTrip_data(); }
  void defaultsRoundTrip() {
    QFETCH(QString, name);
    const auto probe = create(name);
    for (std::int16_t version = probe->lowestVersion(); version <= probe->highestVersion();
         ++version) {
      const auto original = create(name);
      Bytes wire;
      ByteWriter writer(wire);
      QVERIFY2(original->encode(writer, version).isOk(), qPrintable(name));
      auto decoded = create(name);
      testing::fillForTest(*decoded, version, false);  // decode must reset every field
      ByteReader reader(wire);
      QVERIFY2(decoded->decode(reader, version).isOk(), qPrintable(name));
      QVERIFY2(testing::equalForTest(*original, *decoded), qPrintable(name));
    }
  }

  void versionsOutsideTheRangeAreRefused() {
    for (std::string_view name : allMessageNames()) {
      auto message = createMessage(name);
      Bytes wire;
      ByteWriter writer(wire);
      QVERIFY(message->encode(writer, static_cast<std::int16_t>(message->highestVersion() + 1))
                  .isNotSupported());
      ByteReader reader(wire);
      QVERIFY(message->decode(reader, -1).isNotSupported());
    }
  }
};

QTEST_APPLESS_MAIN(MessageRoundTripTest)
#include "message_round_trip_test.moc"
