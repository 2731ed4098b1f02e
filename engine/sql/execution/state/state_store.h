// StateStore: a query's aggregation state — byte keys to byte values — plus the input
// offsets that state reflects. Reads and writes go to an in-memory hash map (point lookups are
// the hot path: one per input record); an ordered index of the keys is built on the first
// scanPrefix() and kept from then on, for the operators that scan (sessions, joins). commit()
// writes the changes since the last commit and the offsets in ONE SQLite transaction, so after a
// crash or restart the state and the offsets to resume from always agree (no double counting). An
// empty path keeps everything in memory (transient queries).
// Persistent queries that share their partitions through a consumer group use the store in
// memory with change tracking instead: every write is tagged with the task (a stage's input
// partition, see taskId()) it belongs to, takeChanges() hands the runtime what to append to the
// task's changelog partition, and dropTask()/restore() move a task's keys out and in as the group
// revokes and assigns partitions (Changelog). The SQLite file keeps serving single-process uses.
// The state must fit in memory (it is loaded at open), which suits the studio's scale.
// Thread-safety: owned and used by one query thread.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <set>
#include <unordered_map>
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

  // Change tracking for changelogs (see the top). A task is (stage, partition) in one int.
  static constexpr std::int32_t kNoTask = -1;
  static std::int32_t taskId(int stage, std::int32_t partition) {
    return stage * 65536 + partition;
  }
  static int taskStage(std::int32_t task) { return task / 65536; }
  static std::int32_t taskPartition(std::int32_t task) { return task % 65536; }
  void enableChangeTracking() { tracking_ = true; }
  // The task that following put()s belong to (the runtime sets it before each input record).
  void setTask(std::int32_t task) { task_ = task; }
  // Within the current task's stage: for operators writing per-partition state outside a record.
  void setPartition(std::int32_t partition) {
    if (task_ != kNoTask) task_ = taskId(taskStage(task_), partition);
  }
  struct Change {
    std::int32_t task = kNoTask;
    std::string key;
    std::optional<std::string> value;  // nullopt: erased
  };
  // The changes since the last call, each under the task that made it; they become committed.
  std::vector<Change> takeChanges();
  // Loads a key of a task from its changelog (not a change: nothing to append again).
  void restore(std::int32_t task, const std::string& key, std::optional<std::string> value);
  // Forgets every key of the task, including changes not yet taken (a revoked or lost task).
  void dropTask(std::int32_t task);

 private:
  StateStore() = default;
  Status exec(const char* sql);

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, std::string> data_;
  mutable std::optional<std::set<std::string>> orderedKeys_;  // built by the first scanPrefix()
  // Keys changed since the last commit; a key no longer in data_ was erased. A hash set, not a
  // copy of the values: put() runs once per input record of an aggregation.
  // With change tracking, the task each key was changed under.
  std::unordered_map<std::string, std::int32_t> dirty_;
  OffsetTable committed_;
  bool tracking_ = false;
  std::int32_t task_ = kNoTask;
  std::unordered_map<std::string, std::int32_t> owners_;  // tracked keys taken by takeChanges()
};

}  // namespace runnel::sql
