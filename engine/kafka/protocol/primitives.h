// Reading and writing the Kafka protocol's primitive types, as the generated message codecs use
// them: fixed-size values, strings/bytes/records/arrays in classic (int16/int32 length) or compact
// (unsigned varint length + 1) form with null handling, nullable struct markers and tagged-field
// sections. See docs/formats/kafka_protocol.md for the rules.
// Stateless free functions over a caller's ByteWriter/ByteReader (plus two small cursor classes);
// thread-safety is that of the reader/writer passed in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/byte_writer.h"
#include "engine/common/bytes.h"
#include "engine/common/status.h"
#include "engine/kafka/protocol/wire_types.h"

namespace runnel::kafka::wire {

// How a variable-length field is encoded in the version at hand.
struct Mode {
  bool compact = false;   // flexible version: unsigned-varint length + 1 (0 = null)
  bool nullable = false;  // null is allowed in this version
};

// Why a read or write failed: a static English phrase, or nullptr for success. Cheap to return
// and to test, so generated code turns it into a Status only on the failure path.
using Problem = const char*;
inline constexpr Problem kTruncated = "input ends inside the field";
inline constexpr Problem kNullNotAllowed = "null in a field that is not nullable in this version";
inline constexpr Problem kStringTooLong = "string longer than 32767 bytes";
inline constexpr Problem kBadLength = "invalid length";
inline constexpr Problem kTooManyElements = "array length exceeds the remaining input";
inline constexpr Problem kTagNotValid = "tagged field not valid in this version";
inline constexpr Problem kUnknownTagsInRigidVersion =
    "unknown tagged fields cannot be written in a non-flexible version";
inline constexpr Problem kAbsentInVersion = "non-default value in a field this version lacks";
inline constexpr Problem kDuplicateTag = "an unknown tagged field reuses a known tag";

// ---- fixed-size values (the reader's sticky failure reports truncation) ----
inline void writeValue(ByteWriter& out, bool v) {
  out.putInt8(v ? 1 : 0);
}
inline void writeValue(ByteWriter& out, std::int8_t v) {
  out.putInt8(v);
}
inline void writeValue(ByteWriter& out, std::int16_t v) {
  out.putInt16(v);
}
inline void writeValue(ByteWriter& out, std::int32_t v) {
  out.putInt32(v);
}
inline void writeValue(ByteWriter& out, std::int64_t v) {
  out.putInt64(v);
}
inline void writeValue(ByteWriter& out, std::uint16_t v) {
  out.putInt16(static_cast<std::int16_t>(v));
}
inline void writeValue(ByteWriter& out, std::uint32_t v) {
  out.putUint32(v);
}
void writeValue(ByteWriter& out, double v);
inline void writeValue(ByteWriter& out, const Uuid& v) {
  out.putInt64(static_cast<std::int64_t>(v.high));
  out.putInt64(static_cast<std::int64_t>(v.low));
}

// Kafka reads any non-zero byte as true.
inline void readValue(ByteReader& in, bool* v) {
  *v = in.getInt8() != 0;
}
inline void readValue(ByteReader& in, std::int8_t* v) {
  *v = in.getInt8();
}
inline void readValue(ByteReader& in, std::int16_t* v) {
  *v = in.getInt16();
}
inline void readValue(ByteReader& in, std::int32_t* v) {
  *v = in.getInt32();
}
inline void readValue(ByteReader& in, std::int64_t* v) {
  *v = in.getInt64();
}
inline void readValue(ByteReader& in, std::uint16_t* v) {
  *v = static_cast<std::uint16_t>(in.getInt16());
}
inline void readValue(ByteReader& in, std::uint32_t* v) {
  *v = in.getUint32();
}
void readValue(ByteReader& in, double* v);
inline void readValue(ByteReader& in, Uuid* v) {
  v->high = static_cast<std::uint64_t>(in.getInt64());
  v->low = static_cast<std::uint64_t>(in.getInt64());
}

// ---- variable-length values ----
Problem write(ByteWriter& out, Mode mode, const std::string& v);
Problem write(ByteWriter& out, Mode mode, const std::optional<std::string>& v);
Problem write(ByteWriter& out, Mode mode, const Bytes& v);
Problem write(ByteWriter& out, Mode mode, const std::optional<Bytes>& v);
Problem write(ByteWriter& out, Mode mode, const RecordsView& v);
Problem write(ByteWriter& out, Mode mode, const std::optional<RecordsView>& v);

Problem read(ByteReader& in, Mode mode, std::string* v);
Problem read(ByteReader& in, Mode mode, std::optional<std::string>* v);
Problem read(ByteReader& in, Mode mode, Bytes* v);
Problem read(ByteReader& in, Mode mode, std::optional<Bytes>* v);
Problem read(ByteReader& in, Mode mode, RecordsView* v);
Problem read(ByteReader& in, Mode mode, std::optional<RecordsView>* v);

// Arrays of primitives (elements are never null).
#define RUNNEL_KAFKA_ARRAY_CODEC(T)                                                  \
  Problem write(ByteWriter& out, Mode mode, const std::vector<T>& v);                \
  Problem write(ByteWriter& out, Mode mode, const std::optional<std::vector<T>>& v); \
  Problem read(ByteReader& in, Mode mode, std::vector<T>* v);                        \
  Problem read(ByteReader& in, Mode mode, std::optional<std::vector<T>>* v);
RUNNEL_KAFKA_ARRAY_CODEC(std::int8_t)
RUNNEL_KAFKA_ARRAY_CODEC(std::int16_t)
RUNNEL_KAFKA_ARRAY_CODEC(std::int32_t)
RUNNEL_KAFKA_ARRAY_CODEC(std::int64_t)
RUNNEL_KAFKA_ARRAY_CODEC(std::uint16_t)
RUNNEL_KAFKA_ARRAY_CODEC(std::uint32_t)
RUNNEL_KAFKA_ARRAY_CODEC(double)
RUNNEL_KAFKA_ARRAY_CODEC(Uuid)
RUNNEL_KAFKA_ARRAY_CODEC(std::string)
#undef RUNNEL_KAFKA_ARRAY_CODEC

// Arrays of structs: the generated code writes the length, then loops over the elements.
// readArrayLength yields -1 for a null array (only when mode.nullable) and refuses lengths larger
// than the bytes left, so a forged length cannot make the decoder allocate without bound.
void writeArrayLength(ByteWriter& out, Mode mode, std::size_t size);
Problem writeNullArrayLength(ByteWriter& out, Mode mode);
Problem readArrayLength(ByteReader& in, Mode mode, std::int32_t* length);

// Nullable struct fields carry a marker before the struct: int8 -1/1 normally, unsigned varint
// 0/1 inside a tagged field.
Problem writeStructMarker(ByteWriter& out, bool nullable, bool tagged, bool present);
Problem readStructMarker(ByteReader& in, bool nullable, bool tagged, bool* present);

// ---- tagged fields ----

// Writes one tagged-field section: the count, then the fields in ascending tag order with the
// preserved unknown ones merged in. Usage: for each known field to write, encode its value into
// value(), then call add(tag); then finish().
class TaggedFieldWriter {
 public:
  TaggedFieldWriter(ByteWriter& out, const UnknownTaggedFields& unknown, std::size_t knownCount);
  TaggedFieldWriter(const TaggedFieldWriter&) = delete;
  TaggedFieldWriter& operator=(const TaggedFieldWriter&) = delete;

  // A cleared scratch writer for the next known field's value.
  ByteWriter& value();
  Problem add(std::uint32_t tag);
  Problem finish();

 private:
  Problem flushUnknownBelow(std::uint64_t tag);
  ByteWriter& out_;
  const UnknownTaggedFields& unknown_;
  std::size_t nextUnknown_ = 0;
  Bytes scratch_;
  ByteWriter scratchWriter_;
};

// Reads one tagged-field section. Usage:
//   TaggedFieldReader tagged(in);
//   while (tagged.next()) { switch (tagged.tag()) { case 0: read from tagged.value(); ... default:
//   tagged.keepUnknown(&unknown); } }
//   if (Problem p = tagged.problem()) ...
// Each value is read from its own bounded reader, so a field can never read past its size.
class TaggedFieldReader {
 public:
  explicit TaggedFieldReader(ByteReader& in);
  TaggedFieldReader(const TaggedFieldReader&) = delete;
  TaggedFieldReader& operator=(const TaggedFieldReader&) = delete;

  bool next();
  std::uint32_t tag() const { return tag_; }
  ByteReader& value() { return value_; }
  void keepUnknown(UnknownTaggedFields* unknown) const;
  // Marks the section malformed (e.g. a known tag used in a version that lacks it).
  void fail(Problem problem) { problem_ = problem; }
  Problem problem() const { return problem_; }

 private:
  ByteReader& in_;
  std::uint64_t remaining_ = 0;
  std::uint32_t tag_ = 0;
  ByteView data_;
  ByteReader value_{ByteView{}};
  Problem problem_ = nullptr;
};

// Writes/reads a whole section of a struct that has no known tagged fields.
Problem writeUnknownTaggedFields(ByteWriter& out, const UnknownTaggedFields& unknown);
Problem readUnknownTaggedFields(ByteReader& in, UnknownTaggedFields* unknown);

// ---- failures as Status (out of line: keeps generated code small) ----
// `where` names the message or field ("ProduceRequest.TopicProduceData.name").
Status encodeError(std::string_view where, std::int16_t version, Problem problem);
Status decodeError(std::string_view where, std::int16_t version, Problem problem);
Status unsupportedVersion(std::string_view message, std::int16_t version);

}  // namespace runnel::kafka::wire
