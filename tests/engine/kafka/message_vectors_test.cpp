// Whole frames of real requests and responses, byte for byte, computed by hand from the protocol
// guide: what librdkafka, the Java client and kcat put on the wire, and what they expect back.
// Each vector is checked in both directions (our encoder produces it; the server-side path —
// frame splitter, header parser, body decoder — reads it back).
#include <QtTest>

#include <memory>
#include <optional>
#include <string>

#include "engine/common/byte_writer.h"
#include "engine/kafka/messages/api_keys.h"
#include "engine/kafka/messages/api_versions.h"
#include "engine/kafka/messages/metadata.h"
#include "engine/kafka/messages/produce.h"
#include "engine/kafka/protocol/frame_splitter.h"
#include "engine/kafka/protocol/message_frames.h"
#include "engine/kafka/protocol/request_header_parser.h"

using namespace runnel;
using namespace runnel::kafka;

namespace {

Bytes hex(const char* s) {
  Bytes out;
  for (std::size_t i = 0; s[i] != '\0'; ++i) {
    if (s[i] == ' ') continue;
    out.push_back(static_cast<std::uint8_t>(std::stoi(std::string(s + i, 2), nullptr, 16)));
    ++i;
  }
  return out;
}

QByteArray hexOf(ByteView bytes) {
  return QByteArray::fromStdString(toHex(bytes));
}

// The body of a frame as the server sees it: split, header parsed, body decoded.
struct Received {
  Bytes frame;
  RequestHeaderInfo header;
  std::unique_ptr<Message> body;
};

Received receive(const Bytes& wire) {
  FrameSplitter splitter;
  if (!splitter.feed(wire).isOk() || splitter.readyFrames() != 1) qFatal("frame not split");
  Received r;
  r.frame = *splitter.nextFrame();
  auto header = parseRequestHeader(r.frame);
  if (!header.isOk()) qFatal("header: %s", header.status().toString().c_str());
  r.header = *header;
  auto body = decodeRequestBody(r.header, r.frame);
  if (!body.isOk()) qFatal("body: %s", body.status().toString().c_str());
  r.body = std::move(*body);
  return r;
}

}  // namespace

class MessageVectorsTest : public QObject {
  Q_OBJECT
 private slots:
  // librdkafka's first request: ApiVersions v3 (flexible, so request header v2) with
  // KIP-511's client software name and version as compact strings.
  void apiVersionsV3Request() {
    const Bytes expected =
        hex("00000024"                 // frame size 36
            "0012 0003 00000001"       // ApiVersions, v3, correlation id 1
            "0007 72646b61666b61"      // client id "rdkafka": classic string even in header v2
            "00"                       // header tagged fields: none
            "0b 6c696272646b61666b61"  // compact string "librdkafka" (length 10 + 1)
            "06 322e302e32"            // compact string "2.0.2"
            "00");                     // body tagged fields: none
    ApiVersionsRequest request;
    request.clientSoftwareName = "librdkafka";
    request.clientSoftwareVersion = "2.0.2";
    Bytes wire;
    QVERIFY(appendRequestFrame(wire, 3, 1, "rdkafka", request).isOk());
    QCOMPARE(hexOf(wire), hexOf(expected));

    const Received got = receive(expected);
    QCOMPARE(got.header.apiKey, std::int16_t{18});
    QCOMPARE(got.header.apiVersion, std::int16_t{3});
    QCOMPARE(got.header.correlationId, 1);
    QCOMPARE(got.header.clientId, std::optional<std::string>("rdkafka"));
    QCOMPARE(got.header.headerVersion, std::int16_t{2});
    const auto& decoded = static_cast<const ApiVersionsRequest&>(*got.body);
    QCOMPARE(decoded.clientSoftwareName, std::string("librdkafka"));
    QCOMPARE(decoded.clientSoftwareVersion, std::string("2.0.2"));
  }

  // The answer: ApiVersions responses always use response header v0 — no tagged-field byte
  // after the correlation id even though v3 is flexible — so any client can parse them.
  void apiVersionsV3ResponseUsesHeaderV0() {
    ApiVersionsResponse response;
    response.apiKeys.push_back({18, 0, 4, {}});
    Bytes wire;
    QVERIFY(appendResponseFrame(wire, 3, 1, response).isOk());
    QCOMPARE(hexOf(wire), hexOf(hex("00000013"              // size 19
                                    "00000001"              // header v0: correlation id only
                                    "0000"                  // error code
                                    "02 0012 0000 0004 00"  // compact array of one ApiVersion
                                    "00000000"              // throttle time
                                    "00")));                // no tagged fields: all at defaults
    QCOMPARE(responseHeaderVersion(18, 3), std::int16_t{0});
    QCOMPARE(responseHeaderVersion(3, 9), std::int16_t{1});  // Metadata v9 is flexible

    // A tagged field is written once it differs from its default (FinalizedFeaturesEpoch = -1).
    response.finalizedFeaturesEpoch = 5;
    Bytes body;
    ByteWriter writer(body);
    QVERIFY(response.encode(writer, 3).isOk());
    QCOMPARE(hexOf(ByteView(body).last(11)), QByteArray("01"
                                                        "01"
                                                        "08"
                                                        "0000000000000005"));
  }

  void metadataV1Request() {
    const Bytes expected =
        hex("00000016"                      // size 22
            "0003 0001 00000002"            // Metadata v1, correlation id 2
            "0001 63"                       // client id "c"
            "00000002 0001 61 0002 6263");  // topics ["a", "bc"]: int32 count, int16 strings
    MetadataRequest request;
    request.topics.emplace();
    request.topics->push_back({Uuid(), std::string("a"), {}});
    request.topics->push_back({Uuid(), std::string("bc"), {}});
    Bytes wire;
    QVERIFY(appendRequestFrame(wire, 1, 2, "c", request).isOk());
    QCOMPARE(hexOf(wire), hexOf(expected));

    const Received got = receive(expected);
    QCOMPARE(got.header.headerVersion, std::int16_t{1});
    const auto& decoded = static_cast<const MetadataRequest&>(*got.body);
    QVERIFY(decoded.topics.has_value());
    QCOMPARE(decoded.topics->size(), std::size_t{2});
    QCOMPARE((*decoded.topics)[1].name, std::optional<std::string>("bc"));
    QVERIFY(decoded.allowAutoTopicCreation);  // absent in v1: its default
  }

  // v1 made Topics nullable: null asks for every topic (v0 used an empty array for that).
  void metadataNullTopics() {
    MetadataRequest request;
    request.topics.reset();
    Bytes v1;
    QVERIFY(appendRequestFrame(v1, 1, 2, "c", request).isOk());
    QCOMPARE(hexOf(ByteView(v1).last(4)), QByteArray("ffffffff"));
    Bytes v0;
    const Status status = appendRequestFrame(v0, 0, 2, "c", request);
    QVERIFY(status.isInvalidArgument());
    QVERIFY(v0.empty());  // a failed frame leaves the buffer as it was
  }

  // Kafka refuses to drop a non-default value of a non-ignorable field the version lacks.
  void nonIgnorableFieldAbsentFromVersionIsRefused() {
    MetadataRequest request;
    request.allowAutoTopicCreation = false;  // versions 4+, not ignorable
    Bytes wire;
    ByteWriter writer(wire);
    const Status status = request.encode(writer, 3);
    QVERIFY(status.isInvalidArgument());
    QVERIFY(status.message().find("allowAutoTopicCreation") != std::string::npos);
    wire.clear();
    QVERIFY(request.encode(writer, 4).isOk());
  }

  void produceV3Request() {
    const Bytes expected =
        hex("0000002a"             // size 42
            "0000 0003 00000003"   // Produce v3, correlation id 3
            "0001 70"              // client id "p"
            "ffff"                 // transactional id: null
            "ffff"                 // acks -1
            "000005dc"             // timeout 1500 ms
            "00000001 0001 74"     // one topic, "t"
            "00000001 00000000"    // one partition, index 0
            "00000004 deadbeef");  // records: int32 size, then the batch bytes as they are
    const Bytes batch = hex("deadbeef");
    ProduceRequest request;
    request.acks = -1;
    request.timeoutMs = 1500;
    auto& topic = request.topicData.emplace_back();
    topic.name = "t";
    topic.partitionData.push_back({0, RecordsView{batch}, {}});
    Bytes wire;
    QVERIFY(appendRequestFrame(wire, 3, 3, "p", request).isOk());
    QCOMPARE(hexOf(wire), hexOf(expected));

    const Received got = receive(expected);
    const auto& decoded = static_cast<const ProduceRequest&>(*got.body);
    QVERIFY(!decoded.transactionalId.has_value());
    QCOMPARE(decoded.acks, std::int16_t{-1});
    const auto& records = decoded.topicData[0].partitionData[0].records;
    QVERIFY(records.has_value());
    // Zero copy: the records point into the received frame.
    QVERIFY(records->bytes.data() >= got.frame.data() &&
            records->bytes.data() + records->size() <= got.frame.data() + got.frame.size());
    QCOMPARE(hexOf(records->bytes), QByteArray("deadbeef"));
  }

  // Header v2 carries tagged fields; unknown ones are kept, not rejected.
  void flexibleRequestHeaderWithUnknownTaggedField() {
    const Bytes frame =
        hex("0003 0009 0000000a 0001 78"  // Metadata v9, client id "x"
            "01 05 01 aa"                 // one tagged field: tag 5, 1 byte
            "01 01 00 00 00");            // topics [], auto-create, no ops, no tags
    auto header = parseRequestHeader(frame);
    QVERIFY(header.isOk());
    QCOMPARE(header->headerVersion, std::int16_t{2});
    QCOMPARE(header->bodyOffset, std::size_t{15});
    QCOMPARE(header->unknownTaggedFields.size(), std::size_t{1});
    QCOMPARE(header->unknownTaggedFields[0].tag, 5u);
    auto body = decodeRequestBody(*header, frame);
    QVERIFY2(body.isOk(), body.status().toString().c_str());
    QVERIFY(static_cast<const MetadataRequest&>(**body).topics->empty());
  }

  // ControlledShutdown v0 alone uses request header v0 (no client id).
  void headerVersionRules() {
    QCOMPARE(requestHeaderVersion(7, 0), std::int16_t{0});
    QCOMPARE(requestHeaderVersion(7, 1), std::int16_t{1});
    QCOMPARE(requestHeaderVersion(18, 2), std::int16_t{1});
    QCOMPARE(requestHeaderVersion(18, 3), std::int16_t{2});
    QCOMPARE(requestHeaderVersion(0, 9), std::int16_t{2});
    QCOMPARE(requestHeaderVersion(0, 99), std::int16_t{-1});
    QCOMPARE(requestHeaderVersion(-5, 0), std::int16_t{-1});
    QCOMPARE(responseHeaderVersion(18, 4), std::int16_t{0});
    QCOMPARE(responseHeaderVersion(0, 8), std::int16_t{0});
    QCOMPARE(responseHeaderVersion(0, 9), std::int16_t{1});
    const ApiInfo* produce = findApi(0);
    QVERIFY(produce != nullptr);
    QCOMPARE(produce->name, std::string_view("Produce"));
    QCOMPARE(produce->firstFlexibleVersion, std::int16_t{9});
    QVERIFY(findApi(9999) == nullptr);
    QCOMPARE(findApi(18)->maxVersion, std::int16_t{4});
  }

  // A newer client's ApiVersions (say v127) still yields key, version, correlation id and client
  // id, so the broker can answer UNSUPPORTED_VERSION with an ApiVersions v0 response.
  void unknownVersionStillGivesTheHeaderFields() {
    const Bytes frame = hex("0012 007f 0000002a 0003 6b6373 00 0000");
    auto header = parseRequestHeader(frame);
    QVERIFY(header.isOk());
    QVERIFY(!header->isSupported());
    QCOMPARE(header->apiKey, std::int16_t{18});
    QCOMPARE(header->apiVersion, std::int16_t{127});
    QCOMPARE(header->correlationId, 42);
    QCOMPARE(header->clientId, std::optional<std::string>("kcs"));
    QVERIFY(decodeRequestBody(*header, frame).status().isNotSupported());

    const Bytes unknownApi = hex("7fff 0000 00000001 ffff");  // unknown key, null client id
    auto other = parseRequestHeader(unknownApi);
    QVERIFY(other.isOk());
    QCOMPARE(other->apiKey, std::int16_t{0x7fff});
    QVERIFY(!other->clientId.has_value());

    QVERIFY(parseRequestHeader(hex("0012 0003 0000")).status().isCorruption());
  }

  void strayBytesAfterTheBodyAreRejected() {
    const Bytes frame =
        hex("0012 0000 00000001 0000"
            "ff");  // ApiVersions v0 has no body
    auto header = parseRequestHeader(frame);
    QVERIFY(header.isOk());
    QVERIFY(decodeRequestBody(*header, frame).status().isCorruption());
  }

  // librdkafka 2.0.2 sends ListGroups v4 with one more empty tagged-field section than the schema
  // has; Kafka accepts it, and so must we. Other trailing bytes stay an error.
  void emptyTagSectionsAfterAFlexibleBodyAreAccepted() {
    const Bytes extraTags =
        hex("0010 0004 00000001 0007 7264 6b61 666b 61 00"  // header v2
            "01 00"                                         // StatesFilter, tags
            "00");                                          // the extra section
    auto header = parseRequestHeader(extraTags);
    QVERIFY(header.isOk());
    auto request = decodeRequestBody(*header, extraTags);
    QVERIFY2(request.isOk(), request.status().toString().c_str());
    QCOMPARE(request.value()->messageApiKey(), std::int16_t{16});

    const Bytes garbage = hex("0010 0004 00000001 0007 7264 6b61 666b 61 00 01 00 2a");
    auto garbageHeader = parseRequestHeader(garbage);
    QVERIFY(garbageHeader.isOk());
    QVERIFY(decodeRequestBody(*garbageHeader, garbage).status().isCorruption());
  }
};

QTEST_APPLESS_MAIN(MessageVectorsTest)
#include "message_vectors_test.moc"
