// SourceOperator: turns consumed Kafka records into Rows for one source — key and value
// deserialized in the source's formats (windowed keys unframed), ROWTIME from the TIMESTAMP
// column when one is declared (else the record's timestamp), NULL values as tombstones for
// tables (dropped for streams, as ksqlDB does). A record that cannot be read is skipped, counted
// and reported — never a crash. For tables it remembers each key's latest row so changes carry
// the row they replace.
// Runs on the query's thread.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "engine/client/client_records.h"
#include "engine/sql/catalog/source_info.h"
#include "engine/sql/execution/exec_context.h"
#include "engine/sql/execution/operator.h"
#include "engine/sql/execution/record_decoder.h"

namespace runnel::sql {

class SourceOperator final : public Operator {
 public:
  // `columnsRead`: the schema columns the query reads (the others are left NULL); empty = all.
  SourceOperator(SourceInfo source, ExecContext& context,
                 const std::vector<bool>& columnsRead = {});

  void consume(const client::ConsumerRecord& record);
  void process(Row row) override { forward(std::move(row)); }

  // Decodes a record into a row (no side effects); exposed for PRINT and tests.
  static Result<Row> decode(const SourceInfo& source, const client::ConsumerRecord& record);

 private:
  SourceInfo source_;
  ExecContext& context_;
  RecordDecoder decoder_;
  std::map<std::string, std::shared_ptr<const Row>> tableRows_;  // tables: key bytes -> latest row
};

}  // namespace runnel::sql
