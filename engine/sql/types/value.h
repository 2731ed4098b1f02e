// Value: one SQL value at run time — NULL, a primitive (BOOLEAN, INTEGER, BIGINT, DOUBLE,
// DECIMAL, STRING, BYTES, TIMESTAMP (ms since the epoch), DATE (days since the epoch), TIME (ms
// of the day)) or a container (ARRAY, MAP, STRUCT). Containers are immutable and shared, so
// copying a Value is cheap. DECIMAL is held as a double with its scale (exact decimal
// arithmetic is future work; values print rounded to the scale).
// Thread-safety: a plain immutable value; safe to share.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "engine/sql/types/data_type.h"

namespace runnel::sql {

class Value {
 public:
  using Array = std::vector<Value>;
  using MapEntries = std::vector<std::pair<Value, Value>>;
  using Fields = std::vector<std::pair<std::string, Value>>;

  Value() = default;  // NULL

  static Value null() { return Value(); }
  static Value boolean(bool v) { return Value(TypeKind::kBoolean, v); }
  static Value integer(std::int32_t v) { return Value(TypeKind::kInteger, std::int64_t{v}); }
  static Value bigint(std::int64_t v) { return Value(TypeKind::kBigint, v); }
  static Value doubleValue(double v) { return Value(TypeKind::kDouble, v); }
  static Value decimal(double v, int scale);
  static Value string(std::string v) { return Value(TypeKind::kString, std::move(v)); }
  static Value bytes(std::string raw) { return Value(TypeKind::kBytes, std::move(raw)); }
  static Value timestamp(std::int64_t ms) { return Value(TypeKind::kTimestamp, ms); }
  static Value date(std::int32_t days) { return Value(TypeKind::kDate, std::int64_t{days}); }
  static Value time(std::int32_t msOfDay) { return Value(TypeKind::kTime, std::int64_t{msOfDay}); }
  static Value array(Array elements);
  static Value map(MapEntries entries);
  static Value structValue(Fields fields);

  TypeKind kind() const { return kind_; }
  bool isNull() const { return kind_ == TypeKind::kNull; }

  bool asBool() const { return std::get<bool>(data_); }
  // INTEGER, BIGINT, TIMESTAMP, DATE, TIME; DOUBLE and DECIMAL truncate.
  std::int64_t asInt() const;
  // Any numeric kind (and the integral time kinds) as a double.
  double asDouble() const;
  int decimalScale() const { return scale_; }
  // STRING and BYTES.
  const std::string& asString() const { return std::get<std::string>(data_); }
  const Array& asArray() const { return *std::get<std::shared_ptr<const Array>>(data_); }
  const MapEntries& asMap() const { return *std::get<std::shared_ptr<const MapEntries>>(data_); }
  const Fields& asStruct() const { return *std::get<std::shared_ptr<const Fields>>(data_); }
  // The struct field named `name` (exact match first, then case-insensitive), or NULL.
  Value field(std::string_view name) const;

  // Display text, as the CLI shows a cell: strings unquoted, NULL as "null", DOUBLE with a
  // decimal point, TIMESTAMP as ISO-8601 UTC, containers JSON-like with quoted strings.
  std::string toString() const;
  // Like toString() but strings are quoted: the form used inside containers.
  std::string toLiteral() const;

  // Deep equality with numeric kinds compared by value (1 = 1.0); NULL equals NULL here (for
  // grouping and tests; SQL's '=' treats NULL separately).
  friend bool operator==(const Value& a, const Value& b);

 private:
  using Data = std::variant<std::monostate, bool, std::int64_t, double, std::string,
                            std::shared_ptr<const Array>, std::shared_ptr<const MapEntries>,
                            std::shared_ptr<const Fields>>;
  Value(TypeKind kind, Data data) : kind_(kind), data_(std::move(data)) {}

  TypeKind kind_ = TypeKind::kNull;
  int scale_ = 0;  // DECIMAL
  Data data_;
};

// Three-way comparison for ORDER-like uses (MIN, MAX, BETWEEN, <): numbers by value, strings and
// bytes lexicographically, booleans false < true, times by their integer. nullopt when either
// side is NULL or the kinds are not comparable.
std::optional<int> compareValues(const Value& a, const Value& b);

// Converts `v` to `type` as CAST does (numbers widen or truncate, strings parse, anything prints
// to STRING); an error says why a conversion is impossible.
Result<Value> castValue(const Value& v, const DataType& type);

// Formats ms since the epoch as "2024-01-31T12:00:00.000" (UTC) and days as "2024-01-31".
std::string formatTimestamp(std::int64_t ms);
std::string formatDate(std::int32_t days);
std::string formatTime(std::int32_t msOfDay);
// Days since the epoch for a civil date, and back.
std::int64_t daysFromCivil(std::int64_t year, unsigned month, unsigned day);
void civilFromDays(std::int64_t days, std::int64_t& year, unsigned& month, unsigned& day);
// Parses "2024-01-31T12:00:00[.123][Z]" / "2024-01-31 12:00:00" / "2024-01-31" as UTC ms.
std::optional<std::int64_t> parseTimestamp(std::string_view text);

}  // namespace runnel::sql
