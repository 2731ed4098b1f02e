// AggregateOperator: GROUP BY with aggregate functions, unwindowed or in TUMBLING, HOPPING or
// SESSION windows; over a table (unwindowed) each change first takes out the row it replaces.
// Per input partition it keeps the stream time (the largest event time seen), so windows close
// by event time, never by the wall clock: a record whose window ended more than GRACE PERIOD
// before the stream time is late — dropped and counted. EMIT CHANGES emits every update (with
// the row it replaces, for HAVING); EMIT FINAL emits each window once, when stream time passes
// its end plus grace. Windows older than RETENTION are expired at checkpoints.
// Session windows merge when a record falls within the gap of existing sessions; the
// merged-away sessions are deleted downstream with tombstones.
// State lives in the query's StateStore: key = encoded group key + window bounds, value =
// [group key..., accumulators..., emitted, partition]; stream times under a reserved prefix.
// Runs on the query's thread.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/sql/binder/bound_query.h"
#include "engine/sql/execution/exec_context.h"
#include "engine/sql/execution/operator.h"
#include "engine/sql/execution/state/state_store.h"

namespace runnel::sql {

class AggregateOperator final : public Operator {
 public:
  AggregateOperator(const BoundQuery& query, StateStore& store, ExecContext& context);
  void process(Row row) override;
  // Records the stream times in the store and drops windows past retention (called before each
  // state commit).
  void expire();
  std::int64_t streamTime(std::int32_t partition) const;

 private:
  struct Entry {
    std::vector<Value> key;
    std::vector<Value> accumulators;
    bool emitted = false;
    std::int32_t partition = 0;
  };

  std::string keyPrefix(const std::vector<Value>& key) const;
  // The state key of `key` in `window` into skey_ (reusing its storage).
  void buildStateKey(const std::vector<Value>& key, const std::optional<WindowBounds>& window);
  // The stored entry, decoded into entry_ (valid until the next find() or create()); null
  // when there is none. Changes to it are stored by save().
  Entry* find(const std::string& stateKey);
  // A new entry with initial accumulators, in entry_ as find()'s.
  Entry& create(const std::vector<Value>& groupKey, std::int32_t partition);
  void noteWindow(const std::string& stateKey);
  void fillOutput(Row& out, const std::vector<Value>& key, std::int32_t partition,
                  const std::vector<Value>& accumulators, const std::optional<WindowBounds>& window,
                  const Row& trigger) const;
  bool passesHaving(const std::vector<Value>& key, std::int32_t partition,
                    const std::vector<Value>& accumulators,
                    const std::optional<WindowBounds>& window, const Row& trigger);
  // A stored value's accumulators, emitted flag and partition into entry_, and where the
  // accumulators start (`tail`); false when the bytes are not an entry of this query.
  bool decodeTail(const std::string& stored, std::size_t& tail);
  // entry_'s accumulators, emitted flag and partition written over `stored` from `tail` on.
  void encodeTail(std::string& stored, std::size_t tail, const Entry& entry);
  static std::string stateKey(const std::string& prefix, const std::optional<WindowBounds>& window);
  static std::optional<WindowBounds> windowOf(const std::string& stateKey, std::size_t prefixSize);
  std::optional<Entry> load(const std::string& stateKey) const;
  void save(const std::string& stateKey, const Entry& entry);
  Row output(const Entry& entry, const std::optional<WindowBounds>& window,
             const Row& trigger) const;
  std::vector<WindowBounds> timeWindows(std::int64_t t) const;
  void updateTimeWindowed(const Row& row, const std::vector<Value>& key,
                          const std::vector<Value>& args);
  void updateSession(const Row& row, const std::vector<Value>& key, const std::vector<Value>& args);
  // Table input: the change's prior row leaves its group, the new row (unless a delete) joins
  // its group; one update when both are the same group.
  void updateTable(const Row& row);
  void changeGroup(const Row& trigger, const std::vector<Value>& key, const Row* remove,
                   const Row* add);
  std::optional<std::vector<Value>> groupOf(const Row& row) const;
  void updateOne(const Row& row, const std::string& stateKey, const std::vector<Value>& key,
                 const std::optional<WindowBounds>& window, const std::vector<Value>& args);
  void closeWindows(std::int32_t partition);
  // Observed queries only (ExecContext::windowTrace() set): the texts a WindowTrace records.
  // Out of the hot functions, so the traced branch does not weigh on them.
  void traceTimeWindows(WindowTrace& trace, const Row& row, const std::vector<Value>& key,
                        std::int64_t streamTime, bool late) const;
  static std::string traceKey(const std::vector<Value>& key);
  std::string traceValues(const std::vector<Value>& accumulators) const;
  void traceEmit(WindowTrace& trace, const Entry& entry, const WindowBounds& window,
                 const Row& trigger, bool final, bool tombstone);
  std::vector<Value> evalArgs(const Row& row, std::size_t aggregate) const;

  const BoundQuery& query_;
  StateStore& store_;
  ExecContext& context_;
  std::map<std::int32_t, std::int64_t> streamTime_;
  // The smallest window end in the store (kept up by save()), so expire() scans only when a
  // window may have passed retention; nullopt until the first scan.
  std::optional<std::int64_t> earliestEnd_;
  // EMIT FINAL: windows not yet emitted, by partition, ordered by close time.
  std::map<std::int32_t, std::set<std::pair<std::int64_t, std::string>>> pending_;
  // Per-record scratch, reused so the hot path does not allocate.
  Entry entry_;
  std::vector<Value> groupKey_;
  Bytes keyBytes_;
  Bytes valueBytes_;
  std::string skey_;
  std::vector<Value> priorAccumulators_;
  Row havingRow_;
  std::vector<bool> havingSlots_;  // the output slots HAVING reads
  std::vector<bool> moveKey_;      // per GROUP BY item: a column taken from the input row
};

}  // namespace runnel::sql
