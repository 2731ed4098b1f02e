// Schema: the columns of a stream, table or query result — key columns first, then value
// columns — with ksqlDB's pseudo-columns (ROWTIME, ROWPARTITION, ROWOFFSET, WINDOWSTART,
// WINDOWEND), which are not stored in the schema but resolved by the binder against a row's
// metadata. Column names are canonical (upper-cased unless they were quoted).
// A plain, copyable value.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/sql/types/data_type.h"

namespace runnel::sql {

enum class ColumnRole : unsigned char { kKey, kValue, kHeaders };

struct Column {
  std::string name;
  DataType type;
  ColumnRole role = ColumnRole::kValue;
  std::string headerKey;  // HEADER('key') columns; empty for HEADERS (all of them)
};

enum class PseudoColumn : unsigned char {
  kRowtime,
  kRowPartition,
  kRowOffset,
  kWindowStart,
  kWindowEnd
};

// The pseudo-column named `name` (case as canonical: upper), if it is one.
std::optional<PseudoColumn> pseudoColumnByName(std::string_view name);
std::string_view pseudoColumnName(PseudoColumn column);
DataType pseudoColumnType(PseudoColumn column);

struct Schema {
  std::vector<Column> columns;

  // Index of the column named exactly `name`, or -1.
  int indexOf(std::string_view name) const;
  std::vector<int> keyIndexes() const;
  std::vector<int> valueIndexes() const;
  std::size_t keyCount() const;
  // "`A` STRING KEY, `B` INTEGER" — the column list ksqlDB's DESCRIBE and SHOW print.
  std::string toSql() const;
};

}  // namespace runnel::sql
