#include "engine/sql/execution/operators/sink_operator.h"

namespace runnel::sql {

void sendCounted(client::Producer& producer, client::ProducerRecord record, ExecContext& context) {
  const std::string topic = record.topic;
  producer.send(std::move(record), [&context, topic](const Result<client::RecordMetadata>& md) {
    if (md.isOk()) return;
    context.counters().produceErrors.fetch_add(1, std::memory_order_relaxed);
    context.reportError("producing to " + topic + " failed: " + md.status().message());
  });
}

SinkOperator::SinkOperator(SourceInfo sink, std::vector<int> columnSlots,
                           client::Producer& producer, ExecContext& context)
    : sink_(std::move(sink)), producer_(producer), context_(context) {
  for (std::size_t i = 0; i < sink_.schema.columns.size(); ++i) {
    const Column& c = sink_.schema.columns[i];
    if (c.role == ColumnRole::kKey) {
      keySlots_.push_back(columnSlots[i]);
      keyColumns_.push_back(c);
    } else {
      valueSlots_.push_back(columnSlots[i]);
      valueColumns_.push_back(c);
    }
  }
}

void SinkOperator::process(Row row) {
  auto pick = [&](const std::vector<int>& slots) {
    std::vector<Value> out;
    out.reserve(slots.size());
    for (int s : slots)
      out.push_back(s >= 0 ? row.values[static_cast<std::size_t>(s)] : Value());
    return out;
  };
  const std::vector<Value> keyValues = pick(keySlots_);
  const std::optional<WindowBounds> window = sink_.windowed() ? row.window : std::nullopt;
  auto key = serializeKey(sink_.keyFormat, keyColumns_, keyValues, sink_.windowKind, window);
  Result<std::optional<Bytes>> value = std::optional<Bytes>();
  if (!row.tombstone) value = serializeValue(sink_.valueFormat, valueColumns_, pick(valueSlots_));
  if (!key || !value) {
    context_.reportError("cannot serialize a row for " + sink_.topic + ": " +
                         (!key ? key.status().message() : value.status().message()));
    context_.counters().skipped.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  client::ProducerRecord record;
  record.topic = sink_.topic;
  record.key = std::move(*key);
  record.value = std::move(*value);
  record.timestampMs = row.rowtime;
  if (window) {
    auto inner =
        serializeKey(sink_.keyFormat, keyColumns_, keyValues, WindowKind::kNone, std::nullopt);
    if (inner && *inner) {
      auto partition = producer_.partitionFor(sink_.topic, *inner);
      if (partition) record.partition = *partition;
    }
  }
  sendCounted(producer_, std::move(record), context_);
  context_.counters().recordsOut.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace runnel::sql
