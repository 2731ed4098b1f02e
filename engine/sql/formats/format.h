// Format: how a stream's or table's keys and values are laid out in Kafka records — ksqlDB's
// KAFKA (one primitive, Kafka's own serializers), JSON (an object of columns, or a bare value
// when not wrapped), DELIMITED (CSV-like text) and NONE (no key). One header holds each format's
// constants for both directions (docs/formats/sql-formats.md describes the bytes).
// Plain values; the functions are pure and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/bytes.h"
#include "engine/common/result.h"
#include "engine/sql/types/schema.h"
#include "engine/sql/types/value.h"
#include "engine/sql/types/window.h"

namespace runnel::sql {

enum class FormatKind : unsigned char { kNone, kKafka, kJson, kDelimited };

struct Format {
  FormatKind kind = FormatKind::kKafka;
  char delimiter = ',';         // DELIMITED: VALUE_DELIMITER
  bool wrapSingleValue = true;  // JSON values: WRAP_SINGLE_VALUE

  std::string name() const;  // "KAFKA", "JSON", "DELIMITED", "NONE"
};

// "JSON", "kafka", "DELIMITED", "NONE"; AVRO, PROTOBUF and JSON_SR say they need a schema
// registry Runnel does not have.
Result<Format> formatFromName(std::string_view name);
// Whether `format` can hold `columns` (KAFKA: at most one primitive column, and not BOOLEAN).
Status checkFormatSupports(const Format& format, const std::vector<Column>& columns, bool isKey);

// Window framing of serialized keys, as Kafka Streams' windowed serdes write them: time windows
// append the 8-byte big-endian window start; session windows append end, then start.
inline constexpr std::size_t kTimeWindowSuffixBytes = 8;
inline constexpr std::size_t kSessionWindowSuffixBytes = 16;

struct WindowedKeyInfo {
  WindowKind kind = WindowKind::kNone;
  std::int64_t sizeMs = 0;  // time windows: end = start + size when reading
};

// Key columns to record-key bytes (nullopt when there are no key columns or every key value is
// NULL), with the window framing when `window` is set.
Result<std::optional<Bytes>> serializeKey(const Format& format,
                                          const std::vector<Column>& keyColumns,
                                          const std::vector<Value>& values, WindowKind windowKind,
                                          const std::optional<WindowBounds>& window);
struct DecodedKey {
  std::vector<Value> values;
  std::optional<WindowBounds> window;
};
Result<DecodedKey> deserializeKey(const Format& format, const std::vector<Column>& keyColumns,
                                  const std::optional<Bytes>& bytes,
                                  const WindowedKeyInfo& windowed);

// Value columns to record-value bytes; `tombstone` writes a null value.
Result<std::optional<Bytes>> serializeValue(const Format& format,
                                            const std::vector<Column>& valueColumns,
                                            const std::vector<Value>& values);
// nullopt for a null value (a tombstone).
Result<std::optional<std::vector<Value>>> deserializeValue(const Format& format,
                                                           const std::vector<Column>& valueColumns,
                                                           const std::optional<Bytes>& bytes);

}  // namespace runnel::sql
