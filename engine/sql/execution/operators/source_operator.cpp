#include "engine/sql/execution/operators/source_operator.h"

#include "engine/sql/types/value_codec.h"

namespace runnel::sql {

SourceOperator::SourceOperator(SourceInfo source, ExecContext& context,
                               const std::vector<bool>& columnsRead)
    : source_(std::move(source)), context_(context), decoder_(source_, columnsRead) {}

Result<Row> SourceOperator::decode(const SourceInfo& source, const client::ConsumerRecord& record) {
  Row row;
  RUNNEL_RETURN_IF_ERROR(RecordDecoder(source).decode(record, row));
  return row;
}

void SourceOperator::consume(const client::ConsumerRecord& record) {
  context_.counters().recordsIn.fetch_add(1, std::memory_order_relaxed);
  Row row;
  if (Status s = decoder_.decode(record, row); !s.isOk()) {
    context_.counters().skipped.fetch_add(1, std::memory_order_relaxed);
    context_.reportError(record.topicPartition.toString() + "@" + std::to_string(record.offset) +
                         ": skipped a record that cannot be read: " + s.message());
    return;
  }
  if (source_.isTable()) {
    std::vector<Value> key;
    for (int i : source_.schema.keyIndexes())
      key.push_back(row.values[static_cast<std::size_t>(i)]);
    std::string keyBytes = encodeRow(key);
    if (row.window) keyBytes += std::to_string(row.window->start);
    auto it = tableRows_.find(keyBytes);
    if (it != tableRows_.end()) row.prior = it->second;
    if (row.tombstone) {
      if (it == tableRows_.end()) return;  // deleting a key never seen: nothing to say
      tableRows_.erase(it);
    } else {
      auto copy = std::make_shared<Row>(row);
      copy->prior.reset();
      tableRows_[keyBytes] = std::move(copy);
    }
  } else if (row.tombstone) {
    return;  // a stream ignores records with a null value
  }
  forward(std::move(row));
}

}  // namespace runnel::sql
