// StateStore: a query's aggregation state — byte keys to byte values — plus the input
// offsets that state reflects. Reads and writes go to an in-memory hash map (point lookups are
// the hot path: one per input record); an ordered index of the keys is built on the first
// scanPrefix() and kept from then on, for the operators that scan (sessions, joins). commit()
// writes the changes since the last commit and the offsets in ONE SQLite transaction, so after a
// crash or restart the state and the offsets to resume from always agree (no double counting). An
// empty path keeps everything in memory (transient queries).
// Why SQLite rather than a changelog topic as ksqlDB uses: restoring is a local read instead of
// replaying a topic, and the atomic offsets-with-state write is one transaction. The state
// must fit in memory (it is loaded at open), which suits the studio's scale.
// Thread-safety: owned and used by one query thread.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "engine/client/topic_partition.h"
#include "engine/common/result.h"

struct sqlite3;

namespace runnel::sql {

using OffsetTable = std::map<client::TopicPartition, std::int64_t>;

class StateStore {
 public:
  // Opens (creating if needed) the store at `path`, loading its contents; "" = memory only.
  static Result<std::unique_ptr<StateStore>> open(const std::string& path);
  ~StateStore();
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  const std::string* get(const std::string& key) const;
  void put(const std::string& key, std::string value);
  void erase(const std::string& key);
  // Entries whose key starts with `prefix`, in key order.
  std::vector<std::pair<std::string, std::string>> scanPrefix(std::string_view prefix) const;
  // Every entry, in no particular order.
  const std::unordered_map<std::string, std::string>& all() const { return data_; }

  // Persists every change since the last commit together with `offsets` (the next offset to
  // read per input partition). Nothing is persisted if it fails.
  Status commit(const OffsetTable& offsets);
  // The offsets of the last successful commit (empty for a new store).
  const OffsetTable& committedOffsets() const { return committed_; }
  bool persistent() const { return db_ != nullptr; }
  std::size_t pendingChanges() const { return dirty_.size(); }

  // Deletes the store's file (DROP / TERMINATE of a persistent query).
  static Status destroy(const std::string& path);

 private:
  StateStore() = default;
  Status exec(const char* sql);

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, std::string> data_;
  mutable std::optional<std::set<std::string>> orderedKeys_;  // built by the first scanPrefix()
  // Keys changed since the last commit; a key no longer in data_ was erased. A hash set, not a
  // copy of the values: put() runs once per input record of an aggregation.
  std::unordered_set<std::string> dirty_;
  OffsetTable committed_;
};

}  // namespace runnel::sql
