// ValueCodec: a compact, self-describing binary encoding of Values (a kind byte, then the
// payload) for the engine's own storage — aggregation state, accumulators and the state store's
// keys. Not a Kafka wire format (see formats/ for those). Encoding is deterministic, so equal
// rows encode to equal bytes and an encoded key can be compared and hashed as a string.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "engine/common/byte_writer.h"
#include "engine/common/result.h"
#include "engine/sql/types/value.h"

namespace runnel::sql {

void encodeValue(const Value& value, ByteWriter& out);
// Reads one value; the reader is marked failed (and an error returned) on malformed input.
Result<Value> decodeValue(ByteReader& in);
// Steps over one value without building it; false (and the reader failed) on malformed input.
bool skipValue(ByteReader& in);

// A row of values as one string (the state store's key and value bytes).
std::string encodeRow(const std::vector<Value>& values);
// encodeRow's bytes appended to `out` (a reused buffer: no allocation once it is large enough).
void appendRow(Bytes& out, const std::vector<Value>& values);
Result<std::vector<Value>> decodeRow(std::string_view bytes);

}  // namespace runnel::sql
