#include "engine/sql/execution/operators/aggregate_operator.h"

#include <algorithm>

#include "engine/sql/execution/state/ordered_key.h"
#include "engine/sql/types/value_codec.h"

namespace runnel::sql {
namespace {

// Stream times live under this prefix; encoded group keys start with a small varint count, so
// they never begin with 0xFF.
const std::string kStreamTimePrefix =
    "\xff"
    "stream-time/";

// Keys from 0xFE on belong to the stream times and to a join before the aggregation.
bool reserved(std::string_view key) {
  return !key.empty() && static_cast<unsigned char>(key[0]) >= 0xFE;
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// The column slots `expr` reads, set in `slots` (grown as needed).
void markAggregateSlots(const BoundExpr* expr, std::vector<bool>& slots) {
  if (!expr) return;
  if (expr->kind == BoundKind::kColumn && expr->column >= 0) {
    const auto slot = static_cast<std::size_t>(expr->column);
    if (slots.size() <= slot) slots.resize(slot + 1, false);
    slots[slot] = true;
  }
  for (const auto& child : expr->children)
    markAggregateSlots(child.get(), slots);
}

}  // namespace

AggregateOperator::AggregateOperator(const BoundQuery& query, StateStore& store,
                                     ExecContext& context)
    : query_(query), store_(store), context_(context) {
  // Not scanPrefix(): that would build the store's ordered index, which only sessions need.
  store_.forEach([&](std::string_view k, const std::string& v) {
    if (k.starts_with(kStreamTimePrefix))
      streamTime_[std::stoi(std::string(k.substr(kStreamTimePrefix.size())))] = std::stoll(v);
  });
  if (query_.window && query_.emitMode == ast::EmitMode::kFinal) {
    store_.forEach([&](std::string_view view, const std::string&) {
      if (reserved(view)) return;
      const std::string k(view);
      auto entry = load(k);
      if (!entry || entry->emitted) return;
      auto w = windowOf(k, k.size() - 16);
      if (w) pending_[entry->partition].insert({w->end + query_.window->graceMs, k});
    });
  }
  // A group key column nothing else reads (no aggregate argument, no other GROUP BY item) can
  // be moved out of the input row.
  std::vector<bool> argColumns;
  for (const auto& a : query_.aggregation.aggregates)
    for (const auto& arg : a.args)
      markAggregateSlots(arg.get(), argColumns);
  std::vector<int> keyColumnUses;
  for (const auto& g : query_.aggregation.groupBy) {
    if (g->kind != BoundKind::kColumn || g->column < 0) {
      markAggregateSlots(g.get(), argColumns);
      continue;
    }
    const auto c = static_cast<std::size_t>(g->column);
    if (keyColumnUses.size() <= c) keyColumnUses.resize(c + 1, 0);
    ++keyColumnUses[c];
  }
  for (const auto& g : query_.aggregation.groupBy) {
    bool movable = false;
    if (g->kind == BoundKind::kColumn && g->column >= 0) {
      const auto c = static_cast<std::size_t>(g->column);
      movable = keyColumnUses[c] == 1 && (c >= argColumns.size() || !argColumns[c]);
    }
    moveKey_.push_back(movable);
  }
  // HAVING reads the output row's slots: [group key..., aggregate results...].
  markAggregateSlots(query_.having.get(), havingSlots_);
  havingSlots_.resize(query_.aggregation.groupBy.size() + query_.aggregation.aggregates.size(),
                      false);
}

std::int64_t AggregateOperator::streamTime(std::int32_t partition) const {
  auto it = streamTime_.find(partition);
  return it == streamTime_.end() ? INT64_MIN : it->second;
}

std::string AggregateOperator::keyPrefix(const std::vector<Value>& key) const {
  return encodeRow(key);
}

void AggregateOperator::buildStateKey(const std::vector<Value>& key,
                                      const std::optional<WindowBounds>& window) {
  keyBytes_.clear();
  appendRow(keyBytes_, key);
  skey_.assign(reinterpret_cast<const char*>(keyBytes_.data()), keyBytes_.size());
  if (window) {
    appendOrdered(skey_, window->start);
    appendOrdered(skey_, window->end);
  }
}

std::string AggregateOperator::stateKey(const std::string& prefix,
                                        const std::optional<WindowBounds>& window) {
  std::string k = prefix;
  if (window) {
    appendOrdered(k, window->start);
    appendOrdered(k, window->end);
  }
  return k;
}

std::optional<WindowBounds> AggregateOperator::windowOf(const std::string& key,
                                                        std::size_t prefixSize) {
  if (key.size() < prefixSize + 16) return std::nullopt;
  return WindowBounds{readOrdered(key, prefixSize), readOrdered(key, prefixSize + 8)};
}

std::optional<AggregateOperator::Entry> AggregateOperator::load(const std::string& key) const {
  const std::string* bytes = store_.get(key);
  if (!bytes) return std::nullopt;
  auto values = decodeRow(*bytes);
  const std::size_t keys = query_.aggregation.groupBy.size();
  const std::size_t aggs = query_.aggregation.aggregates.size();
  if (!values || values->size() != keys + aggs + 2) return std::nullopt;
  Entry e;
  e.key.assign(values->begin(), values->begin() + static_cast<std::ptrdiff_t>(keys));
  e.accumulators.assign(values->begin() + static_cast<std::ptrdiff_t>(keys),
                        values->begin() + static_cast<std::ptrdiff_t>(keys + aggs));
  e.emitted = (*values)[keys + aggs].asBool();
  e.partition = static_cast<std::int32_t>((*values)[keys + aggs + 1].asInt());
  return e;
}

AggregateOperator::Entry* AggregateOperator::find(const std::string& key) {
  const std::string* bytes = store_.get(key);
  if (!bytes) return nullptr;
  auto values = decodeRow(*bytes);
  const std::size_t keys = query_.aggregation.groupBy.size();
  const std::size_t aggs = query_.aggregation.aggregates.size();
  if (!values || values->size() != keys + aggs + 2) return nullptr;
  // Into the reused entry: its vectors keep their storage from record to record.
  Entry& e = entry_;
  e.key.resize(keys);
  e.accumulators.resize(aggs);
  for (std::size_t i = 0; i < keys; ++i)
    e.key[i] = std::move((*values)[i]);
  for (std::size_t i = 0; i < aggs; ++i)
    e.accumulators[i] = std::move((*values)[keys + i]);
  e.emitted = (*values)[keys + aggs].asBool();
  e.partition = static_cast<std::int32_t>((*values)[keys + aggs + 1].asInt());
  return &e;
}

AggregateOperator::Entry& AggregateOperator::create(const std::vector<Value>& groupKey,
                                                    std::int32_t partition) {
  Entry& e = entry_;
  e.key = groupKey;
  e.partition = partition;
  e.emitted = false;
  e.accumulators.clear();
  for (const auto& a : query_.aggregation.aggregates)
    e.accumulators.push_back(a.aggregator->init());
  return e;
}

void AggregateOperator::noteWindow(const std::string& key) {
  if (query_.window && earliestEnd_ && key.size() >= 16)
    earliestEnd_ = std::min(*earliestEnd_, readOrdered(key, key.size() - 8));
}

void AggregateOperator::save(const std::string& key, const Entry& e) {
  noteWindow(key);
  // The row [key..., accumulators..., emitted, partition] as encodeRow writes it, without
  // gathering it into a vector first. Written through on every update: the store tags each
  // write with the task of the record being processed (changelogs).
  valueBytes_.clear();
  ByteWriter w(valueBytes_);
  w.putUnsignedVarint(e.key.size() + e.accumulators.size() + 2);
  for (const auto& v : e.key)
    encodeValue(v, w);
  for (const auto& v : e.accumulators)
    encodeValue(v, w);
  encodeValue(Value::boolean(e.emitted), w);
  encodeValue(Value::integer(e.partition), w);
  store_.put(key, std::string(asChars(valueBytes_)));
}

Row AggregateOperator::output(const Entry& e, const std::optional<WindowBounds>& window,
                              const Row& trigger) const {
  Row out;
  fillOutput(out, e.key, e.partition, e.accumulators, window, trigger);
  return out;
}

void AggregateOperator::fillOutput(Row& out, const std::vector<Value>& key, std::int32_t partition,
                                   const std::vector<Value>& accumulators,
                                   const std::optional<WindowBounds>& window,
                                   const Row& trigger) const {
  const std::size_t keys = key.size();
  out.values.resize(keys + accumulators.size());
  for (std::size_t i = 0; i < keys; ++i)
    out.values[i] = key[i];
  for (std::size_t i = 0; i < accumulators.size(); ++i)
    out.values[keys + i] = query_.aggregation.aggregates[i].aggregator->result(accumulators[i]);
  out.window = window;
  out.rowtime = trigger.rowtime;
  out.partition = partition;
  out.offset = trigger.offset;
}

bool AggregateOperator::passesHaving(const std::vector<Value>& key, std::int32_t partition,
                                     const std::vector<Value>& accumulators,
                                     const std::optional<WindowBounds>& window,
                                     const Row& trigger) {
  if (!query_.having) return true;
  // Only the slots HAVING reads (per record, a copy of a string key would cost an allocation).
  Row& r = havingRow_;
  const std::size_t keys = key.size();
  r.values.resize(keys + accumulators.size());
  for (std::size_t i = 0; i < keys; ++i)
    if (havingSlots_[i]) r.values[i] = key[i];
  for (std::size_t i = 0; i < accumulators.size(); ++i)
    if (havingSlots_[keys + i])
      r.values[keys + i] = query_.aggregation.aggregates[i].aggregator->result(accumulators[i]);
  r.window = window;
  r.rowtime = trigger.rowtime;
  r.partition = partition;
  r.offset = trigger.offset;
  return evaluatePredicate(*query_.having, r.context());
}

std::vector<Value> AggregateOperator::evalArgs(const Row& row, std::size_t i) const {
  std::vector<Value> out;
  const RowContext ctx = row.context();
  for (const auto& a : query_.aggregation.aggregates[i].args)
    out.push_back(evaluate(*a, ctx));
  return out;
}

std::vector<WindowBounds> AggregateOperator::timeWindows(std::int64_t t) const {
  const auto& w = *query_.window;
  std::vector<WindowBounds> out;
  if (w.kind == WindowKind::kTumbling) {
    const std::int64_t start = floorDiv(t, w.sizeMs) * w.sizeMs;
    out.push_back({start, start + w.sizeMs});
    return out;
  }
  // Hopping: every window [k * advance, k * advance + size) that holds t.
  // Like Kafka Streams, no window starts before 0 for non-negative times.
  std::int64_t first = floorDiv(t - w.sizeMs, w.advanceMs) * w.advanceMs + w.advanceMs;
  if (t >= 0) first = std::max<std::int64_t>(first, 0);
  for (std::int64_t start = first; start <= t; start += w.advanceMs) {
    if (t < start + w.sizeMs) out.push_back({start, start + w.sizeMs});
  }
  return out;
}

void AggregateOperator::process(Row row) {
  // Stream time first: a record's own time counts, as Kafka Streams' observed stream time does.
  std::int64_t& st = streamTime_.try_emplace(row.partition, INT64_MIN).first->second;
  if (row.rowtime > st) st = row.rowtime;  // persisted by expire(), before each commit
  if (query_.tableAggregation) {
    updateTable(row);
    return;
  }
  // The key goes into a reused vector: assigning a column's value there reuses its storage.
  std::vector<Value>& key = groupKey_;
  const auto& groupBy = query_.aggregation.groupBy;
  key.resize(groupBy.size());
  const RowContext ctx = row.context();
  for (std::size_t i = 0; i < groupBy.size(); ++i) {
    const BoundExpr& g = *groupBy[i];
    if (g.kind == BoundKind::kColumn && static_cast<std::size_t>(g.column) < row.values.size()) {
      Value& column = row.values[static_cast<std::size_t>(g.column)];
      if (moveKey_[i])
        key[i] = std::move(column);  // nothing reads it from the row after this
      else
        key[i] = column;
    } else {
      key[i] = evaluate(g, ctx);
    }
  }
  // ksqlDB drops rows whose grouping key is NULL.
  bool nullKey = false;
  for (const auto& k : key)
    nullKey = nullKey || k.isNull();
  if (nullKey) {
    context_.counters().skipped.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  std::vector<Value> args;  // unused placeholder for symmetry
  if (!query_.window) {
    buildStateKey(key, std::nullopt);
    updateOne(row, skey_, key, std::nullopt, args);
  } else if (query_.window->kind == WindowKind::kSession) {
    updateSession(row, key, args);
  } else {
    updateTimeWindowed(row, key, args);
  }
  if (query_.window && query_.emitMode == ast::EmitMode::kFinal) closeWindows(row.partition);
}

bool AggregateOperator::decodeTail(const std::string& stored, std::size_t& tail) {
  // [count, key..., accumulators..., emitted, partition]: the key is skipped, not decoded (the
  // caller has it), and the tail is re-encoded in place by encodeTail().
  const std::size_t keys = query_.aggregation.groupBy.size();
  const std::size_t aggs = query_.aggregation.aggregates.size();
  ByteReader r(asBytes(stored));
  if (r.getUnsignedVarint() != keys + aggs + 2 || !r.ok()) return false;
  for (std::size_t i = 0; i < keys; ++i)
    if (!skipValue(r)) return false;
  tail = stored.size() - r.remaining();
  Entry& e = entry_;
  e.accumulators.resize(aggs);
  for (std::size_t i = 0; i < aggs; ++i) {
    auto v = decodeValue(r);
    if (!v) return false;
    e.accumulators[i] = std::move(*v);
  }
  auto emitted = decodeValue(r);
  auto partition = decodeValue(r);
  if (!emitted || !partition || r.remaining() != 0 || emitted->kind() != TypeKind::kBoolean)
    return false;
  e.emitted = emitted->asBool();
  e.partition = static_cast<std::int32_t>(partition->asInt());
  return true;
}

void AggregateOperator::encodeTail(std::string& stored, std::size_t tail, const Entry& e) {
  valueBytes_.clear();
  ByteWriter w(valueBytes_);
  for (const auto& v : e.accumulators)
    encodeValue(v, w);
  encodeValue(Value::boolean(e.emitted), w);
  encodeValue(Value::integer(e.partition), w);
  stored.resize(tail);
  stored.append(asChars(valueBytes_));
}

void AggregateOperator::updateOne(const Row& row, const std::string& skey,
                                  const std::vector<Value>& key,
                                  const std::optional<WindowBounds>& window,
                                  const std::vector<Value>&) {
  // Updated in place in the store's entry: one lookup, the accumulators decoded into a reused
  // entry and re-encoded over the old ones; the group key bytes stay as they are.
  bool created = false;
  std::string& stored = store_.update(skey, created);
  std::size_t tail = 0;
  const bool existed = !created && decodeTail(stored, tail);
  Entry& e = entry_;
  if (!existed) {
    e.partition = row.partition;
    e.emitted = false;
    e.accumulators.clear();
    for (const auto& a : query_.aggregation.aggregates)
      e.accumulators.push_back(a.aggregator->init());
    valueBytes_.clear();
    ByteWriter w(valueBytes_);
    w.putUnsignedVarint(key.size() + e.accumulators.size() + 2);
    for (const auto& v : key)
      encodeValue(v, w);
    stored.assign(asChars(valueBytes_));
    tail = stored.size();
  }
  noteWindow(skey);
  const bool changes = query_.emitMode != ast::EmitMode::kFinal;
  if (existed && changes) priorAccumulators_ = e.accumulators;
  for (std::size_t i = 0; i < e.accumulators.size(); ++i)
    e.accumulators[i] =
        query_.aggregation.aggregates[i].aggregator->add(e.accumulators[i], evalArgs(row, i));
  encodeTail(stored, tail, e);
  if (!changes) {
    if (!existed) pending_[e.partition].insert({window->end + query_.window->graceMs, skey});
    return;
  }
  // The HAVING filter downstream emits a change only when the new or the replaced row passes:
  // when neither does, the rows need not be built at all.
  if (!passesHaving(key, e.partition, e.accumulators, window, row) &&
      !(existed && passesHaving(key, e.partition, priorAccumulators_, window, row)))
    return;
  if (WindowTrace* trace = context_.windowTrace(); trace && window) [[unlikely]] {
    e.key = key;
    traceEmit(*trace, e, *window, row, false, false);
  }
  Row out;
  fillOutput(out, key, e.partition, e.accumulators, window, row);
  if (existed) {
    auto prior = std::make_shared<Row>();
    fillOutput(*prior, key, e.partition, priorAccumulators_, window, row);
    out.prior = std::move(prior);
  }
  forward(std::move(out));
}

std::optional<std::vector<Value>> AggregateOperator::groupOf(const Row& row) const {
  std::vector<Value> key;
  const RowContext ctx = row.context();
  for (const auto& g : query_.aggregation.groupBy) {
    key.push_back(evaluate(*g, ctx));
    if (key.back().isNull()) return std::nullopt;  // ksqlDB drops rows with a NULL group key
  }
  return key;
}

void AggregateOperator::updateTable(const Row& row) {
  const auto oldKey = row.prior ? groupOf(*row.prior) : std::nullopt;
  const auto newKey = row.tombstone ? std::nullopt : groupOf(row);
  if (oldKey && newKey && encodeRow(*oldKey) == encodeRow(*newKey)) {
    changeGroup(row, *newKey, row.prior.get(), &row);
    return;
  }
  if (oldKey) changeGroup(row, *oldKey, row.prior.get(), nullptr);
  if (newKey) changeGroup(row, *newKey, nullptr, &row);
}

void AggregateOperator::changeGroup(const Row& trigger, const std::vector<Value>& key,
                                    const Row* remove, const Row* add) {
  const std::string skey = stateKey(keyPrefix(key), std::nullopt);
  Entry* found = find(skey);
  if (!found && !add) return;  // taking a row out of a group never seen (state expired or lost)
  std::optional<Entry> old;
  if (found) old = *found;
  Entry& e = found ? *found : create(key, trigger.partition);
  for (std::size_t i = 0; i < e.accumulators.size(); ++i) {
    const Aggregator& agg = *query_.aggregation.aggregates[i].aggregator;
    if (remove) {
      if (auto undone = agg.undo(e.accumulators[i], evalArgs(*remove, i)))
        e.accumulators[i] = *undone;
    }
    if (add) e.accumulators[i] = agg.add(e.accumulators[i], evalArgs(*add, i));
  }
  save(skey, e);
  Row out = output(e, std::nullopt, trigger);
  if (old) out.prior = std::make_shared<Row>(output(*old, std::nullopt, trigger));
  forward(std::move(out));
}

void AggregateOperator::updateTimeWindowed(const Row& row, const std::vector<Value>& key,
                                           const std::vector<Value>& args) {
  const std::int64_t st = streamTime(row.partition);
  // The record comes before the rows it causes in the trace, so its windows are known first.
  WindowTrace* trace = context_.windowTrace();
  if (trace) [[unlikely]]
    traceTimeWindows(*trace, row, key, st, false);
  bool any = false;
  for (const auto& w : timeWindows(row.rowtime)) {
    if (w.end + query_.window->graceMs <= st) continue;  // this window has closed
    any = true;
    buildStateKey(key, w);
    updateOne(row, skey_, key, w, args);
  }
  if (!any) {
    context_.counters().late.fetch_add(1, std::memory_order_relaxed);
    context_.reportError("dropped a late record at offset " + std::to_string(row.offset) +
                         " (event time " + std::to_string(row.rowtime) + ", stream time " +
                         std::to_string(st) + ")");
    if (trace) [[unlikely]]
      traceTimeWindows(*trace, row, key, st, true);
  }
}

void AggregateOperator::updateSession(const Row& row, const std::vector<Value>& key,
                                      const std::vector<Value>&) {
  const std::int64_t gap = query_.window->sizeMs;
  const std::int64_t t = row.rowtime;
  const std::string prefix = keyPrefix(key);
  WindowBounds merged{t, t};
  std::vector<std::pair<std::string, WindowBounds>> overlapping;
  for (const auto& [k, v] : store_.scanPrefix(prefix)) {
    if (k.size() != prefix.size() + 16) continue;
    auto w = windowOf(k, prefix.size());
    if (w->end + gap < t || w->start - gap > t) continue;
    overlapping.push_back({k, *w});
    merged.start = std::min(merged.start, w->start);
    merged.end = std::max(merged.end, w->end);
  }
  WindowTrace* trace = context_.windowTrace();
  if (merged.end + query_.window->graceMs <= streamTime(row.partition)) {
    context_.counters().late.fetch_add(1, std::memory_order_relaxed);
    if (trace)
      trace->late(traceKey(key), t, streamTime(row.partition), row.partition, row.offset, {merged});
    return;
  }
  if (trace) {
    std::vector<WindowBounds> away;
    for (const auto& [k, w] : overlapping)
      if (!(w == merged)) away.push_back(w);
    trace->record(traceKey(key), t, streamTime(row.partition), row.partition, row.offset, {merged},
                  std::move(away));
  }
  Entry e;
  e.key = key;
  e.partition = row.partition;
  for (const auto& a : query_.aggregation.aggregates)
    e.accumulators.push_back(a.aggregator->init());
  std::optional<Entry> same;  // an existing session with exactly the merged bounds
  for (const auto& [k, w] : overlapping) {
    auto old = load(k);
    if (!old) continue;
    for (std::size_t i = 0; i < e.accumulators.size(); ++i) {
      auto m = query_.aggregation.aggregates[i].aggregator->merge(e.accumulators[i],
                                                                  old->accumulators[i]);
      if (m) e.accumulators[i] = *m;
    }
    store_.erase(k);
    if (query_.emitMode == ast::EmitMode::kFinal) {
      pending_[old->partition].erase({w.end + query_.window->graceMs, k});
      continue;
    }
    if (w == merged) {
      same = old;
      continue;
    }
    if (trace) traceEmit(*trace, *old, w, row, false, true);
    Row gone = output(*old, w, row);
    gone.tombstone = true;
    gone.prior = std::make_shared<Row>(output(*old, w, row));
    forward(std::move(gone));
  }
  for (std::size_t i = 0; i < e.accumulators.size(); ++i)
    e.accumulators[i] =
        query_.aggregation.aggregates[i].aggregator->add(e.accumulators[i], evalArgs(row, i));
  const std::string skey = stateKey(prefix, merged);
  save(skey, e);
  if (query_.emitMode == ast::EmitMode::kFinal) {
    pending_[e.partition].insert({merged.end + query_.window->graceMs, skey});
    return;
  }
  if (trace) traceEmit(*trace, e, merged, row, false, false);
  Row out = output(e, merged, row);
  if (same) out.prior = std::make_shared<Row>(output(*same, merged, row));
  forward(std::move(out));
}

void AggregateOperator::closeWindows(std::int32_t partition) {
  auto& pending = pending_[partition];
  const std::int64_t st = streamTime(partition);
  while (!pending.empty() && pending.begin()->first <= st) {
    const std::string key = pending.begin()->second;
    pending.erase(pending.begin());
    Entry* entry = find(key);
    if (!entry) continue;
    entry->emitted = true;
    save(key, *entry);
    Row trigger;
    trigger.rowtime = st;
    trigger.partition = partition;
    const std::size_t prefix = key.size() - 16;
    const auto window = windowOf(key, prefix);
    if (WindowTrace* trace = context_.windowTrace(); trace && window)
      traceEmit(*trace, *entry, *window, trigger, true, false);
    forward(output(*entry, window, trigger));
  }
}

void AggregateOperator::traceTimeWindows(WindowTrace& trace, const Row& row,
                                         const std::vector<Value>& key, std::int64_t streamTime,
                                         bool late) const {
  if (late) {
    trace.late(traceKey(key), row.rowtime, streamTime, row.partition, row.offset,
               timeWindows(row.rowtime));
    return;
  }
  std::vector<WindowBounds> open;
  for (const auto& w : timeWindows(row.rowtime))
    if (w.end + query_.window->graceMs > streamTime) open.push_back(w);
  if (!open.empty())
    trace.record(traceKey(key), row.rowtime, streamTime, row.partition, row.offset,
                 std::move(open));
}

std::string AggregateOperator::traceKey(const std::vector<Value>& key) {
  std::string out;
  for (const auto& v : key) {
    if (!out.empty()) out += '|';
    out += v.toString();
  }
  return out;
}

std::string AggregateOperator::traceValues(const std::vector<Value>& accumulators) const {
  std::string out;
  for (std::size_t i = 0; i < accumulators.size(); ++i) {
    const auto& a = query_.aggregation.aggregates[i];
    if (!out.empty()) out += ", ";
    out += a.sql + "=" + a.aggregator->result(accumulators[i]).toString();
  }
  return out;
}

void AggregateOperator::traceEmit(WindowTrace& trace, const Entry& e, const WindowBounds& window,
                                  const Row& trigger, bool final, bool tombstone) {
  const bool having =
      !tombstone && passesHaving(e.key, e.partition, e.accumulators, window, trigger);
  trace.output(traceKey(e.key), window, trigger.rowtime, streamTime(e.partition), e.partition,
               final, tombstone, having, traceValues(e.accumulators));
}

void AggregateOperator::expire() {
  std::int64_t latest = INT64_MIN;
  for (const auto& [partition, t] : streamTime_) {
    store_.setPartition(partition);  // a changelog keeps each partition's time with its task
    store_.put(kStreamTimePrefix + std::to_string(partition), std::to_string(t));
    latest = std::max(latest, t);
  }
  if (!query_.window) return;
  // Nothing can have expired: skip the scan over every window.
  if (earliestEnd_ && *earliestEnd_ + query_.window->retentionMs > latest) return;
  std::int64_t earliest = INT64_MAX;
  std::vector<std::string> dead;
  store_.forEach([&](std::string_view k, const std::string&) {
    if (reserved(k) || k.size() < 16) return;
    // Alive for every partition's stream time: no need to decode the entry.
    const std::int64_t windowEnd = readOrdered(k, k.size() - 8);
    if (windowEnd + query_.window->retentionMs > latest) {
      earliest = std::min(earliest, windowEnd);
      return;
    }
    auto entry = load(std::string(k));
    if (!entry) return;
    const std::int64_t end = readOrdered(k, k.size() - 8);
    const std::int64_t st = streamTime(entry->partition);
    if (st != INT64_MIN && end + query_.window->retentionMs <= st)
      dead.emplace_back(k);
    else
      earliest = std::min(earliest, end);
  });
  for (const auto& k : dead)
    store_.erase(k);
  earliestEnd_ = earliest;
}

}  // namespace runnel::sql
