// RecordDecoder: turns one Kafka record of a stream or table into a Row in the source's slot
// order — key and value in the source's formats (windowed keys unframed), ROWTIME from the
// TIMESTAMP column when one is declared (else the record's timestamp), a NULL value as a
// tombstone. Given the columns a query reads, JSON values decode only those (the others are
// NULL, still checked to be readable, so the same records are rejected with the same errors).
// Keeps its column lists and JSON scratch between records: one decoder per thread.
#pragma once

#include <vector>

#include "engine/client/client_records.h"
#include "engine/sql/catalog/source_info.h"
#include "engine/sql/execution/row.h"
#include "engine/sql/formats/json_column_reader.h"

namespace runnel::sql {

class RecordDecoder {
 public:
  // `columnsRead[i]` says whether the query reads source.schema.columns[i]; empty = all.
  explicit RecordDecoder(const SourceInfo& source, const std::vector<bool>& columnsRead = {});

  // Fills `row` (its values, metadata, window and tombstone flag) from `record`.
  Status decode(const client::ConsumerRecord& record, Row& row);

 private:
  Status decodeValue(const std::optional<Bytes>& bytes, bool& tombstone);

  SourceInfo source_;
  std::vector<Column> keyColumns_;
  std::vector<Column> valueColumns_;
  std::vector<std::size_t> keySlots_;    // row slot of each key column
  std::vector<std::size_t> valueSlots_;  // row slot of each value column
  int timestampSlot_ = -1;
  // JSON objects of several columns: the reader; anything else: deserializeValue.
  std::optional<JsonColumnReader> json_;
  std::vector<Value> values_;  // the value columns of the record being decoded
};

}  // namespace runnel::sql
