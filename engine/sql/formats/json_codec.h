// JSON for SQL values: parse JSON text into a generic Value (objects become STRUCTs keeping
// field order and exact names, integral numbers BIGINT, other numbers DOUBLE), coerce a generic
// Value to a column's declared type the way ksqlDB's JSON format does (struct fields matched
// case-insensitively, numbers widened, numbers and booleans read into STRING columns, ISO text
// or epoch millis into TIMESTAMP), and write a Value as JSON text.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "engine/common/result.h"
#include "engine/sql/types/value.h"

namespace runnel::sql {

// Deeper documents are refused: parsing recurses once per level.
inline constexpr int kMaxJsonNesting = 128;

// Parses one JSON document (surrounding whitespace allowed). Errors give the byte offset.
Result<Value> parseJson(std::string_view text);
Result<Value> coerceJson(const Value& generic, const DataType& type);
// Compact JSON. TIMESTAMP writes epoch millis, DATE days and TIME millis, as ksqlDB's JSON
// format does; BYTES base64; DECIMAL a number with its scale.
std::string toJson(const Value& value);
void appendJson(std::string& out, const Value& value);

std::string base64Encode(std::string_view raw);
std::optional<std::string> base64Decode(std::string_view text);

}  // namespace runnel::sql
