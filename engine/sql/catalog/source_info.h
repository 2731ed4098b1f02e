// SourceInfo: one stream or table as the catalog records it — name, kind, topic, key and value
// formats, columns, timestamp column, windowed-ness, and the statement that made it (replayed
// from the command topic at start). A plain, copyable value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/sql/formats/format.h"
#include "engine/sql/types/schema.h"
#include "engine/sql/types/window.h"

namespace runnel::sql {

enum class SourceType : unsigned char { kStream, kTable };

std::string_view sourceTypeName(SourceType type);  // "STREAM", "TABLE"

struct SourceInfo {
  std::string name;  // canonical
  SourceType type = SourceType::kStream;
  std::string topic;
  Format keyFormat;
  Format valueFormat;
  Schema schema;  // key columns first
  std::optional<std::string> timestampColumn;
  std::string timestampFormat;  // for STRING timestamp columns; empty: ISO-8601 or millis
  WindowKind windowKind = WindowKind::kNone;
  std::int64_t windowSizeMs = 0;
  bool readOnly = false;                  // CREATE SOURCE STREAM|TABLE
  std::string sql;                        // the creating statement
  std::optional<std::string> ownerQuery;  // the persistent query that writes it (CSAS/CTAS)

  bool isTable() const { return type == SourceType::kTable; }
  bool windowed() const { return windowKind != WindowKind::kNone; }
  std::vector<Column> keyColumns() const;
  std::vector<Column> valueColumns() const;  // value and header columns
  WindowedKeyInfo windowedKey() const { return {windowKind, windowSizeMs}; }
};

}  // namespace runnel::sql
