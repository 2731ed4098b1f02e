#include "engine/sql/execution/operators/source_operator.h"

#include "engine/sql/types/value_codec.h"

namespace runnel::sql {

SourceOperator::SourceOperator(SourceInfo source, ExecContext& context)
    : source_(std::move(source)), context_(context) {}

Result<Row> SourceOperator::decode(const SourceInfo& source, const client::ConsumerRecord& record) {
  Row row;
  row.rowtime = record.timestampMs;
  row.partition = record.topicPartition.partition;
  row.offset = record.offset;
  const auto keyColumns = source.keyColumns();
  const auto valueColumns = source.valueColumns();
  auto key = deserializeKey(source.keyFormat, keyColumns, record.key, source.windowedKey());
  if (!key) return key.status().withContext("key");
  auto value = deserializeValue(source.valueFormat, valueColumns, record.value);
  if (!value) return value.status().withContext("value");
  row.window = key->window;
  row.values.resize(source.schema.columns.size());
  std::size_t k = 0, v = 0;
  for (std::size_t i = 0; i < source.schema.columns.size(); ++i) {
    if (source.schema.columns[i].role == ColumnRole::kKey) {
      row.values[i] = k < key->values.size() ? key->values[k] : Value();
      ++k;
    } else if (source.schema.columns[i].role == ColumnRole::kValue) {
      if (*value && v < (*value)->size()) row.values[i] = (**value)[v];
      ++v;
    }
  }
  row.tombstone = !value->has_value();
  if (source.timestampColumn && !row.tombstone) {
    const int i = source.schema.indexOf(*source.timestampColumn);
    const Value& ts = row.values[static_cast<std::size_t>(i)];
    if (ts.isNull())
      return Status::invalidArgument("timestamp column " + *source.timestampColumn + " is NULL");
    if (ts.kind() == TypeKind::kString) {
      auto ms = parseTimestamp(ts.asString());
      if (!ms) return Status::invalidArgument("cannot read timestamp '" + ts.asString() + "'");
      row.rowtime = *ms;
    } else {
      row.rowtime = ts.asInt();
    }
  }
  return row;
}

void SourceOperator::consume(const client::ConsumerRecord& record) {
  context_.counters().recordsIn.fetch_add(1, std::memory_order_relaxed);
  auto row = decode(source_, record);
  if (!row) {
    context_.counters().skipped.fetch_add(1, std::memory_order_relaxed);
    context_.reportError(record.topicPartition.toString() + "@" + std::to_string(record.offset) +
                         ": skipped a record that cannot be read: " + row.status().message());
    return;
  }
  if (source_.isTable()) {
    std::vector<Value> key;
    for (int i : source_.schema.keyIndexes())
      key.push_back(row->values[static_cast<std::size_t>(i)]);
    std::string keyBytes = encodeRow(key);
    if (row->window) keyBytes += std::to_string(row->window->start);
    auto it = tableRows_.find(keyBytes);
    if (it != tableRows_.end()) row->prior = it->second;
    if (row->tombstone) {
      if (it == tableRows_.end()) return;  // deleting a key never seen: nothing to say
      tableRows_.erase(it);
    } else {
      auto copy = std::make_shared<Row>(*row);
      copy->prior.reset();
      tableRows_[keyBytes] = std::move(copy);
    }
  } else if (row->tombstone) {
    return;  // a stream ignores records with a null value
  }
  forward(std::move(*row));
}

}  // namespace runnel::sql
