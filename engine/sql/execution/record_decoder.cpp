#include "engine/sql/execution/record_decoder.h"

#include "engine/sql/formats/format.h"

namespace runnel::sql {

RecordDecoder::RecordDecoder(const SourceInfo& source, const std::vector<bool>& columnsRead)
    : source_(source) {
  if (source_.timestampColumn) timestampSlot_ = source_.schema.indexOf(*source_.timestampColumn);
  std::vector<bool> valueRead;
  for (std::size_t i = 0; i < source_.schema.columns.size(); ++i) {
    const Column& c = source_.schema.columns[i];
    if (c.role == ColumnRole::kKey) {
      keyColumns_.push_back(c);
      keySlots_.push_back(i);
    } else if (c.role == ColumnRole::kValue) {
      valueColumns_.push_back(c);
      valueSlots_.push_back(i);
      valueRead.push_back(columnsRead.empty() || (i < columnsRead.size() && columnsRead[i]) ||
                          static_cast<int>(i) == timestampSlot_);
    }
  }
  // One JSON column may be a bare value (WRAP_SINGLE_VALUE): deserializeValue decides.
  if (source_.valueFormat.kind == FormatKind::kJson && valueColumns_.size() != 1)
    json_.emplace(valueColumns_, std::move(valueRead));
}

Status RecordDecoder::decodeValue(const std::optional<Bytes>& bytes, bool& tombstone) {
  tombstone = false;
  if (json_ && bytes) {
    const std::string_view text = asChars(*bytes);
    std::size_t i = 0;
    while (i < text.size() &&
           (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
      ++i;
    if (i < text.size() && text[i] == '{') return json_->read(text, values_);
  }
  RUNNEL_ASSIGN_OR_RETURN(auto value, deserializeValue(source_.valueFormat, valueColumns_, bytes));
  if (!value) {
    tombstone = true;
    values_.clear();
    return Status::ok();
  }
  values_ = std::move(*value);
  return Status::ok();
}

Status RecordDecoder::decode(const client::ConsumerRecord& record, Row& row) {
  row.rowtime = record.timestampMs;
  row.partition = record.topicPartition.partition;
  row.offset = record.offset;
  row.prior.reset();
  auto key = deserializeKey(source_.keyFormat, keyColumns_, record.key, source_.windowedKey());
  if (!key) return key.status().withContext("key");
  bool tombstone = false;
  if (Status s = decodeValue(record.value, tombstone); !s.isOk()) return s.withContext("value");
  row.window = key->window;
  row.values.assign(source_.schema.columns.size(), Value());
  for (std::size_t k = 0; k < keySlots_.size() && k < key->values.size(); ++k)
    row.values[keySlots_[k]] = std::move(key->values[k]);
  for (std::size_t v = 0; v < valueSlots_.size() && v < values_.size(); ++v)
    row.values[valueSlots_[v]] = std::move(values_[v]);
  row.tombstone = tombstone;
  if (timestampSlot_ >= 0 && !row.tombstone) {
    const Value& ts = row.values[static_cast<std::size_t>(timestampSlot_)];
    if (ts.isNull())
      return Status::invalidArgument("timestamp column " + *source_.timestampColumn + " is NULL");
    if (ts.kind() == TypeKind::kString) {
      auto ms = parseTimestamp(ts.asString());
      if (!ms) return Status::invalidArgument("cannot read timestamp '" + ts.asString() + "'");
      row.rowtime = *ms;
    } else {
      row.rowtime = ts.asInt();
    }
  }
  return Status::ok();
}

}  // namespace runnel::sql
