#include "engine/kafka/protocol/primitives.h"

#include <bit>
#include <cstring>
#include <limits>
#include <string>
#include <utility>

#include "engine/kafka/protocol/protocol_constants.h"

namespace runnel::kafka::wire {
namespace {

// ---- lengths: classic (int16 for strings, int32 otherwise) or compact (uvarint length + 1) ----

enum class LengthWidth { k16, k32 };

void writeLength(ByteWriter& out, bool compact, LengthWidth width, std::size_t length) {
  if (compact) {
    out.putUnsignedVarint(static_cast<std::uint64_t>(length) + 1);
  } else if (width == LengthWidth::k16) {
    out.putInt16(static_cast<std::int16_t>(length));
  } else {
    out.putInt32(static_cast<std::int32_t>(length));
  }
}

void writeNull(ByteWriter& out, bool compact, LengthWidth width) {
  if (compact) {
    out.putUnsignedVarint(0);
  } else if (width == LengthWidth::k16) {
    out.putInt16(-1);
  } else {
    out.putInt32(-1);
  }
}

// Marks the reader failed (so later reads of the same message fail too) and returns `problem`.
Problem failWith(ByteReader& in, Problem problem) {
  in.fail();
  return problem;
}

// Reads a length; -1 means null. Fails on truncation, on negative lengths other than -1 (Kafka
// treats any negative as null; no client sends another), and on null where the mode forbids it.
Problem readLength(ByteReader& in, Mode mode, LengthWidth width, std::int64_t* length) {
  std::int64_t n = 0;
  if (mode.compact) {
    const std::uint64_t raw = in.getUnsignedVarint(kMaxVarint32Bytes);
    if (!in.ok()) return kTruncated;
    if (raw > std::numeric_limits<std::uint32_t>::max()) return failWith(in, kBadLength);
    n = static_cast<std::int64_t>(raw) - 1;
  } else {
    n = width == LengthWidth::k16 ? in.getInt16() : in.getInt32();
    if (!in.ok()) return kTruncated;
  }
  if (n < -1) return failWith(in, kBadLength);
  if (n == -1 && !mode.nullable) return failWith(in, kNullNotAllowed);
  *length = n;
  return nullptr;
}

Problem readBody(ByteReader& in, std::int64_t length, ByteView* body) {
  if (static_cast<std::uint64_t>(length) > in.remaining()) return failWith(in, kTruncated);
  *body = in.getBytes(static_cast<std::size_t>(length));
  return nullptr;
}

// ---- the same value, nullable or not ----

template <typename T>
Problem writeOptional(ByteWriter& out, Mode mode, const std::optional<T>& v, LengthWidth width) {
  if (v.has_value()) return write(out, mode, *v);
  if (!mode.nullable) return kNullNotAllowed;
  writeNull(out, mode.compact, width);
  return nullptr;
}

// ---- arrays of primitives ----

template <typename T>
Problem writeElement(ByteWriter& out, Mode, const T& v) {
  writeValue(out, v);
  return nullptr;
}
Problem writeElement(ByteWriter& out, Mode mode, const std::string& v) {
  return write(out, Mode{mode.compact, false}, v);
}

template <typename T>
Problem readElement(ByteReader& in, Mode, T* v) {
  readValue(in, v);
  return in.ok() ? nullptr : kTruncated;
}
Problem readElement(ByteReader& in, Mode mode, std::string* v) {
  return read(in, Mode{mode.compact, false}, v);
}

template <typename T>
Problem writeArray(ByteWriter& out, Mode mode, const std::vector<T>& v) {
  writeArrayLength(out, mode, v.size());
  for (const T& element : v) {
    if (Problem p = writeElement(out, mode, element)) return p;
  }
  return nullptr;
}

template <typename T>
Problem writeOptionalArray(ByteWriter& out, Mode mode, const std::optional<std::vector<T>>& v) {
  if (v.has_value()) return writeArray(out, mode, *v);
  return writeNullArrayLength(out, mode);
}

// Appends elements as they are read rather than reserving `length` up front: a forged length is
// bounded by the input size, but each element can be far larger in memory than on the wire.
template <typename T>
Problem readElements(ByteReader& in, Mode mode, std::int32_t length, std::vector<T>* v) {
  v->clear();
  for (std::int32_t i = 0; i < length; ++i) {
    T element{};
    if (Problem p = readElement(in, mode, &element)) return p;
    v->push_back(std::move(element));
  }
  return nullptr;
}

template <typename T>
Problem readArray(ByteReader& in, Mode mode, std::vector<T>* v) {
  std::int32_t length = 0;
  if (Problem p = readArrayLength(in, Mode{mode.compact, false}, &length)) return p;
  return readElements(in, mode, length, v);
}

template <typename T>
Problem readOptionalArray(ByteReader& in, Mode mode, std::optional<std::vector<T>>* v) {
  std::int32_t length = 0;
  if (Problem p = readArrayLength(in, mode, &length)) return p;
  if (length < 0) {
    v->reset();
    return nullptr;
  }
  return readElements(in, mode, length, &v->emplace());
}

}  // namespace

void writeValue(ByteWriter& out, double v) {
  out.putInt64(std::bit_cast<std::int64_t>(v));
}
void readValue(ByteReader& in, double* v) {
  *v = std::bit_cast<double>(in.getInt64());
}

// ---- strings ----

Problem write(ByteWriter& out, Mode mode, const std::string& v) {
  if (v.size() > kMaxStringBytes) return kStringTooLong;
  writeLength(out, mode.compact, LengthWidth::k16, v.size());
  out.putString(v);
  return nullptr;
}

Problem write(ByteWriter& out, Mode mode, const std::optional<std::string>& v) {
  return writeOptional(out, mode, v, LengthWidth::k16);
}

Problem read(ByteReader& in, Mode mode, std::string* v) {
  std::optional<std::string> value;
  if (Problem p = read(in, Mode{mode.compact, false}, &value)) return p;
  *v = std::move(*value);
  return nullptr;
}

Problem read(ByteReader& in, Mode mode, std::optional<std::string>* v) {
  std::int64_t length = 0;
  if (Problem p = readLength(in, mode, LengthWidth::k16, &length)) return p;
  if (length < 0) {
    v->reset();
    return nullptr;
  }
  if (static_cast<std::uint64_t>(length) > kMaxStringBytes) return failWith(in, kStringTooLong);
  ByteView body;
  if (Problem p = readBody(in, length, &body)) return p;
  v->emplace(asChars(body));
  return nullptr;
}

// ---- bytes ----

Problem write(ByteWriter& out, Mode mode, const Bytes& v) {
  writeLength(out, mode.compact, LengthWidth::k32, v.size());
  out.putBytes(v);
  return nullptr;
}

Problem write(ByteWriter& out, Mode mode, const std::optional<Bytes>& v) {
  return writeOptional(out, mode, v, LengthWidth::k32);
}

Problem read(ByteReader& in, Mode mode, Bytes* v) {
  std::optional<Bytes> value;
  if (Problem p = read(in, Mode{mode.compact, false}, &value)) return p;
  *v = std::move(*value);
  return nullptr;
}

Problem read(ByteReader& in, Mode mode, std::optional<Bytes>* v) {
  std::optional<RecordsView> view;
  if (Problem p = read(in, mode, &view)) return p;
  if (view.has_value()) {
    v->emplace(view->bytes.begin(), view->bytes.end());
  } else {
    v->reset();
  }
  return nullptr;
}

// ---- records: bytes on the wire, borrowed on decode ----

Problem write(ByteWriter& out, Mode mode, const RecordsView& v) {
  writeLength(out, mode.compact, LengthWidth::k32, v.size());
  out.putBytes(v.bytes);
  return nullptr;
}

Problem write(ByteWriter& out, Mode mode, const std::optional<RecordsView>& v) {
  return writeOptional(out, mode, v, LengthWidth::k32);
}

Problem read(ByteReader& in, Mode mode, RecordsView* v) {
  std::optional<RecordsView> value;
  if (Problem p = read(in, Mode{mode.compact, false}, &value)) return p;
  *v = *value;
  return nullptr;
}

Problem read(ByteReader& in, Mode mode, std::optional<RecordsView>* v) {
  std::int64_t length = 0;
  if (Problem p = readLength(in, mode, LengthWidth::k32, &length)) return p;
  if (length < 0) {
    v->reset();
    return nullptr;
  }
  ByteView body;
  if (Problem p = readBody(in, length, &body)) return p;
  v->emplace(RecordsView{body});
  return nullptr;
}

// ---- arrays ----

#define RUNNEL_KAFKA_ARRAY_CODEC(T)                                                   \
  Problem write(ByteWriter& out, Mode mode, const std::vector<T>& v) {                \
    return writeArray(out, mode, v);                                                  \
  }                                                                                   \
  Problem write(ByteWriter& out, Mode mode, const std::optional<std::vector<T>>& v) { \
    return writeOptionalArray(out, mode, v);                                          \
  }                                                                                   \
  Problem read(ByteReader& in, Mode mode, std::vector<T>* v) {                        \
    return readArray(in, mode, v);                                                    \
  }                                                                                   \
  Problem read(ByteReader& in, Mode mode, std::optional<std::vector<T>>* v) {         \
    return readOptionalArray(in, mode, v);                                            \
  }
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

void writeArrayLength(ByteWriter& out, Mode mode, std::size_t size) {
  writeLength(out, mode.compact, LengthWidth::k32, size);
}

Problem writeNullArrayLength(ByteWriter& out, Mode mode) {
  if (!mode.nullable) return kNullNotAllowed;
  writeNull(out, mode.compact, LengthWidth::k32);
  return nullptr;
}

Problem readArrayLength(ByteReader& in, Mode mode, std::int32_t* length) {
  std::int64_t n = 0;
  if (Problem p = readLength(in, mode, LengthWidth::k32, &n)) return p;
  // Kafka's own sanity bound: an array cannot have more elements than there are bytes left.
  if (n > 0 && static_cast<std::uint64_t>(n) > in.remaining())
    return failWith(in, kTooManyElements);
  *length = static_cast<std::int32_t>(n);
  return nullptr;
}

// ---- nullable struct markers ----

Problem writeStructMarker(ByteWriter& out, bool nullable, bool tagged, bool present) {
  if (!present && !nullable) return kNullNotAllowed;
  if (!nullable) return nullptr;
  if (tagged) {
    out.putUnsignedVarint(present ? 1 : 0);
  } else {
    out.putInt8(present ? 1 : -1);
  }
  return nullptr;
}

Problem readStructMarker(ByteReader& in, bool nullable, bool tagged, bool* present) {
  if (!nullable) {
    *present = true;
    return nullptr;
  }
  if (tagged) {
    *present = in.getUnsignedVarint(kMaxVarint32Bytes) > 0;
  } else {
    *present = in.getInt8() >= 0;
  }
  return in.ok() ? nullptr : kTruncated;
}

// ---- tagged fields ----

TaggedFieldWriter::TaggedFieldWriter(ByteWriter& out, const UnknownTaggedFields& unknown,
                                     std::size_t knownCount)
    : out_(out), unknown_(unknown), scratchWriter_(scratch_) {
  out_.putUnsignedVarint(knownCount + unknown.size());
}

ByteWriter& TaggedFieldWriter::value() {
  scratch_.clear();
  return scratchWriter_;
}

Problem TaggedFieldWriter::flushUnknownBelow(std::uint64_t tag) {
  while (nextUnknown_ < unknown_.size() && unknown_[nextUnknown_].tag < tag) {
    const RawTaggedField& field = unknown_[nextUnknown_++];
    out_.putUnsignedVarint(field.tag);
    out_.putUnsignedVarint(field.data.size());
    out_.putBytes(field.data);
  }
  if (nextUnknown_ < unknown_.size() && unknown_[nextUnknown_].tag == tag) return kDuplicateTag;
  return nullptr;
}

Problem TaggedFieldWriter::add(std::uint32_t tag) {
  if (Problem p = flushUnknownBelow(tag)) return p;
  out_.putUnsignedVarint(tag);
  out_.putUnsignedVarint(scratch_.size());
  out_.putBytes(scratch_);
  return nullptr;
}

Problem TaggedFieldWriter::finish() {
  return flushUnknownBelow(std::uint64_t{std::numeric_limits<std::uint32_t>::max()} + 1);
}

TaggedFieldReader::TaggedFieldReader(ByteReader& in) : in_(in) {
  remaining_ = in.getUnsignedVarint(kMaxVarint32Bytes);
  if (!in.ok()) {
    problem_ = kTruncated;
  } else if (remaining_ > in.remaining()) {  // each field takes at least two bytes
    in.fail();
    problem_ = kBadLength;
  }
}

bool TaggedFieldReader::next() {
  if (problem_ != nullptr) return false;
  if (!value_.ok()) {  // the previous field's value was shorter than its reader needed
    problem_ = kTruncated;
    return false;
  }
  if (remaining_ == 0) return false;
  --remaining_;
  const std::uint64_t tag = in_.getUnsignedVarint(kMaxVarint32Bytes);
  const std::uint64_t size = in_.getUnsignedVarint(kMaxVarint32Bytes);
  if (!in_.ok() || size > in_.remaining()) {
    in_.fail();
    problem_ = kTruncated;
    return false;
  }
  if (tag > std::numeric_limits<std::uint32_t>::max()) {
    in_.fail();
    problem_ = kBadLength;
    return false;
  }
  tag_ = static_cast<std::uint32_t>(tag);
  data_ = in_.getBytes(static_cast<std::size_t>(size));
  value_ = ByteReader(data_);
  return true;
}

void TaggedFieldReader::keepUnknown(UnknownTaggedFields* unknown) const {
  unknown->push_back(RawTaggedField{tag_, Bytes(data_.begin(), data_.end())});
}

Problem writeUnknownTaggedFields(ByteWriter& out, const UnknownTaggedFields& unknown) {
  TaggedFieldWriter writer(out, unknown, 0);
  return writer.finish();
}

Problem readUnknownTaggedFields(ByteReader& in, UnknownTaggedFields* unknown) {
  TaggedFieldReader reader(in);
  while (reader.next())
    reader.keepUnknown(unknown);
  return reader.problem();
}

// ---- failures ----

namespace {
std::string describe(std::string_view verb, std::string_view where, std::int16_t version,
                     Problem problem) {
  std::string text(verb);
  text += ' ';
  text += where;
  text += " v";
  text += std::to_string(version);
  text += ": ";
  text += problem != nullptr ? problem : "failed";
  return text;
}
}  // namespace

Status encodeError(std::string_view where, std::int16_t version, Problem problem) {
  return Status::invalidArgument(describe("cannot encode", where, version, problem));
}

Status decodeError(std::string_view where, std::int16_t version, Problem problem) {
  return Status::corruption(describe("cannot decode", where, version, problem));
}

Status unsupportedVersion(std::string_view message, std::int16_t version) {
  return Status::notSupported(
      describe("cannot use", message, version, "not one of the message's valid versions"));
}

}  // namespace runnel::kafka::wire
