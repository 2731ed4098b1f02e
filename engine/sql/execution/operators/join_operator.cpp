#include "engine/sql/execution/operators/join_operator.h"

#include <algorithm>

#include "engine/sql/execution/state/ordered_key.h"
#include "engine/sql/types/value_codec.h"

namespace runnel::sql {
namespace {

// Aggregation state keys start with a small varint count and stream times with 0xFF: 0xFE is
// free for the join's state.
const std::string kJoinPrefix =
    "\xfe"
    "join/";
const std::string kStreamTimeKey = kJoinPrefix + "stream-time";

constexpr std::size_t kBufferSuffix = 24;  // event time, offset, partition

}  // namespace

JoinOperator::JoinOperator(const BoundJoin& join, std::size_t leftWidth, StateStore& store,
                           ExecContext& context)
    : join_(join),
      leftWidth_(leftWidth),
      rightWidth_(join.right.schema.columns.size()),
      store_(store),
      context_(context),
      rightInput_(*this) {
  if (const std::string* t = store_.get(kStreamTimeKey)) streamTime_ = std::stoll(*t);
  if (join_.kind != JoinKind::kStreamStream) return;
  for (const auto& [k, v] : store_.scanPrefix(kJoinPrefix)) {
    if (k == kStreamTimeKey || k.size() < kJoinPrefix.size() + 1 + kBufferSuffix) continue;
    const bool left = k[kJoinPrefix.size()] == 'L';
    const std::int64_t t = readOrdered(k, k.size() - kBufferSuffix);
    closing_.insert({t + (left ? join_.afterMs : join_.beforeMs) + join_.graceMs, k});
  }
}

bool JoinOperator::outer(Side side) const {
  using ast::JoinType;
  if (join_.type == JoinType::kFull) return true;
  return side == Side::kLeft ? join_.type == JoinType::kLeft : join_.type == JoinType::kRight;
}

std::string JoinOperator::prefix(Side side, const Value& key) const {
  return kJoinPrefix + (side == Side::kLeft ? 'L' : 'R') + encodeRow({key});
}

std::optional<JoinOperator::Stored> JoinOperator::load(const std::string& stateKey) const {
  const std::string* bytes = store_.get(stateKey);
  if (!bytes) return std::nullopt;
  auto values = decodeRow(*bytes);
  if (!values || values->size() < 2) return std::nullopt;
  Stored s;
  s.matched = values->back().asBool();
  values->pop_back();
  s.rowtime = values->back().asInt();
  values->pop_back();
  s.values = std::move(*values);
  return s;
}

void JoinOperator::save(const std::string& stateKey, const Stored& stored) {
  std::vector<Value> values = stored.values;
  values.push_back(Value::bigint(stored.rowtime));
  values.push_back(Value::boolean(stored.matched));
  store_.put(stateKey, encodeRow(values));
}

Row JoinOperator::combine(const std::vector<Value>* left, const std::vector<Value>* right,
                          const Value& key) const {
  Row out;
  out.values.reserve(leftWidth_ + rightWidth_);
  if (left) out.values.insert(out.values.end(), left->begin(), left->end());
  out.values.resize(leftWidth_);
  if (right) out.values.insert(out.values.end(), right->begin(), right->end());
  out.values.resize(leftWidth_ + rightWidth_);
  // The missing side's key column holds the join key too (ksqlDB synthesizes the key of an
  // outer join's row the same way), so either side's key can key the result.
  if (!left && join_.leftKey->kind == BoundKind::kColumn)
    out.values[static_cast<std::size_t>(join_.leftKey->column)] = key;
  if (!right && join_.rightKey->kind == BoundKind::kColumn)
    out.values[leftWidth_ + static_cast<std::size_t>(join_.rightKey->column)] = key;
  return out;
}

void JoinOperator::processSide(Side side, Row row) {
  const BoundExpr& keyExpr = side == Side::kLeft ? *join_.leftKey : *join_.rightKey;
  const Value key = evaluate(keyExpr, row.context());
  switch (join_.kind) {
    case JoinKind::kStreamTable:
      streamTable(side, row, key);
      break;
    case JoinKind::kTableTable:
      tableTable(side, std::move(row), key);
      break;
    case JoinKind::kStreamStream:
      streamStream(side, row, key);
      break;
  }
}

void JoinOperator::streamTable(Side side, const Row& row, const Value& key) {
  if (side == Side::kRight) {
    if (key.isNull()) return;
    if (row.tombstone)
      store_.erase(prefix(Side::kRight, key));
    else
      save(prefix(Side::kRight, key), {row.values, row.rowtime, false});
    return;
  }
  std::optional<Stored> match;
  if (!key.isNull()) match = load(prefix(Side::kRight, key));
  if (!match && !outer(Side::kLeft)) return;
  Row out = combine(&row.values, match ? &match->values : nullptr, key);
  out.rowtime = row.rowtime;
  out.partition = row.partition;
  out.offset = row.offset;
  forward(std::move(out));
}

void JoinOperator::tableTable(Side side, Row row, const Value& key) {
  if (key.isNull()) return;
  const std::string leftKey = prefix(Side::kLeft, key);
  const std::string rightKey = prefix(Side::kRight, key);
  const std::string& mine = side == Side::kLeft ? leftKey : rightKey;
  std::optional<Stored> oldLeft = load(leftKey), oldRight = load(rightKey);
  if (row.tombstone)
    store_.erase(mine);
  else
    save(mine, {row.values, row.rowtime, false});
  std::optional<Stored> newLeft = load(leftKey), newRight = load(rightKey);
  auto exists = [&](const std::optional<Stored>& l, const std::optional<Stored>& r) {
    return (l && r) || (l && outer(Side::kLeft)) || (r && outer(Side::kRight));
  };
  auto rowOf = [&](const std::optional<Stored>& l, const std::optional<Stored>& r) {
    Row out = combine(l ? &l->values : nullptr, r ? &r->values : nullptr, key);
    out.rowtime = std::max(l ? l->rowtime : INT64_MIN, r ? r->rowtime : INT64_MIN);
    out.partition = row.partition;
    out.offset = row.offset;
    return out;
  };
  const bool before = exists(oldLeft, oldRight);
  const bool now = exists(newLeft, newRight);
  if (now) {
    Row out = rowOf(newLeft, newRight);
    if (before) out.prior = std::make_shared<const Row>(rowOf(oldLeft, oldRight));
    forward(std::move(out));
  } else if (before) {
    Row out = rowOf(oldLeft, oldRight);
    out.prior = std::make_shared<const Row>(out);
    out.rowtime = row.rowtime;
    out.tombstone = true;
    forward(std::move(out));
  }
}

void JoinOperator::advanceStreamTime(std::int64_t t) {
  if (t <= streamTime_) return;
  streamTime_ = t;
  store_.put(kStreamTimeKey, std::to_string(t));
  while (!closing_.empty() && closing_.begin()->first < streamTime_) {
    const std::string k = closing_.begin()->second;
    closing_.erase(closing_.begin());
    const Side side = k[kJoinPrefix.size()] == 'L' ? Side::kLeft : Side::kRight;
    auto stored = load(k);
    store_.erase(k);
    if (!stored || stored->matched || !outer(side)) continue;
    const Value key = evaluate(side == Side::kLeft ? *join_.leftKey : *join_.rightKey,
                               RowContext{stored->values, stored->rowtime, 0, 0, std::nullopt});
    Row out = side == Side::kLeft ? combine(&stored->values, nullptr, key)
                                  : combine(nullptr, &stored->values, key);
    out.rowtime = stored->rowtime;
    out.partition = static_cast<std::int32_t>(readOrdered(k, k.size() - 8));
    out.offset = readOrdered(k, k.size() - 16);
    forward(std::move(out));
  }
}

void JoinOperator::streamStream(Side side, const Row& row, const Value& key) {
  const bool left = side == Side::kLeft;
  // How long after its own time a record can still find a partner.
  const std::int64_t reach = left ? join_.afterMs : join_.beforeMs;
  if (row.rowtime + reach + join_.graceMs < streamTime_) {
    context_.counters().late.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  advanceStreamTime(row.rowtime);
  if (key.isNull()) {
    if (!outer(side)) return;
    Row out = left ? combine(&row.values, nullptr, key) : combine(nullptr, &row.values, key);
    out.rowtime = row.rowtime;
    out.partition = row.partition;
    out.offset = row.offset;
    forward(std::move(out));
    return;
  }
  // The other side's records whose time lies in this record's window.
  const std::int64_t from = left ? row.rowtime - join_.beforeMs : row.rowtime - join_.afterMs;
  const std::int64_t to = left ? row.rowtime + join_.afterMs : row.rowtime + join_.beforeMs;
  const Side otherSide = left ? Side::kRight : Side::kLeft;
  bool matched = false;
  for (const auto& [k, v] : store_.scanPrefix(prefix(otherSide, key))) {
    if (k.size() < kBufferSuffix) continue;
    const std::int64_t t = readOrdered(k, k.size() - kBufferSuffix);
    if (t < from || t > to) continue;
    auto other = load(k);
    if (!other) continue;
    matched = true;
    Row out = left ? combine(&row.values, &other->values, key)
                   : combine(&other->values, &row.values, key);
    out.rowtime = std::max(row.rowtime, other->rowtime);
    out.partition = row.partition;
    out.offset = row.offset;
    forward(std::move(out));
    if (!other->matched) {
      other->matched = true;
      save(k, *other);
    }
  }
  std::string k = prefix(side, key);
  appendOrdered(k, row.rowtime);
  appendOrdered(k, row.offset);
  appendOrdered(k, row.partition);
  save(k, {row.values, row.rowtime, matched});
  closing_.insert({row.rowtime + reach + join_.graceMs, k});
}

}  // namespace runnel::sql
