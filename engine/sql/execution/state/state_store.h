// StateStore: a query's aggregation state — byte keys to byte values — plus the input
// offsets that state reflects. Reads and writes go to an in-memory hash table (point lookups are
// the hot path: one per input record, and update() changes a value in place with that one
// lookup): entries (short keys inline) live in chunks, never move and are not allocated one by
// one, and an open-addressing index of (hash, entry) slots finds them, so a lookup touches one
// slot and the one entry whose hash matches, and growing the index moves slots only; a large
// store's chunks share big blocks that Linux may back with huge pages; an ordered index of the
// keys is built on the first scanPrefix() and kept from then on, for the operators that scan
// (sessions, joins). commit() writes the changes since the last commit and the offsets in ONE
// SQLite transaction, so after a crash or restart the state and the offsets to resume from always
// agree (no double counting). An empty path keeps everything in memory (transient queries).
// Persistent queries that share their partitions through a consumer group use the store in
// memory with change tracking instead: every write is tagged with the task (a stage's input
// partition, see taskId()) it belongs to, takeChanges() shows the runtime what to append to the
// task's changelog partition (the live entries themselves, not copies), and dropTask()/restore()
// move a task's keys out and in as the group revokes and assigns partitions (Changelog). Changed
// keys are flagged in their entry and listed once, so tracking costs no second lookup per write.
// The SQLite file keeps serving single-process uses.
// The state must fit in memory (it is loaded at open), which suits the studio's scale.
// Thread-safety: owned and used by one query thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <set>
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

  const std::string* get(std::string_view key) const;
  void put(std::string_view key, std::string value);
  // The value of `key` to change in place (one lookup; its storage is reused), created empty
  // when the key is absent (`created` is then true). The key counts as changed, as by put().
  // The reference stays valid until the key is erased.
  std::string& update(std::string_view key, bool& created);
  void erase(std::string_view key);
  // Entries whose key starts with `prefix`, in key order.
  std::vector<std::pair<std::string, std::string>> scanPrefix(std::string_view prefix) const;
  // Calls fn(key, value) for every entry, in no particular order; fn must not write to the store
  // (the key view is valid during the call).
  template <typename Fn>
  void forEach(Fn&& fn) const {
    for (std::size_t i = 0; i < used_; ++i) {
      const Entry& e = entryAt(i);
      if (e.inUse && e.live) fn(e.key(), e.value);
    }
  }

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
  // The changes since the last call, each under the task that made it, shown as fn(task, key,
  // value or null for an erased key) straight from the store's entries (valid only during the
  // call; fn must not write to the store); they become committed.
  using ChangeVisitor =
      std::function<void(std::int32_t task, std::string_view key, const std::string* value)>;
  void takeChanges(const ChangeVisitor& fn);
  // Loads a key of a task from its changelog (not a change: nothing to append again).
  void restore(std::int32_t task, const std::string& key, std::optional<std::string> value);
  // Forgets every key of the task, including changes not yet taken (a revoked or lost task).
  void dropTask(std::int32_t task);

 private:
  StateStore() = default;
  Status exec(const char* sql);

  // One key's entry; its address never changes while the key is stored (dirty_ points at it).
  // Keys up to kInlineKey bytes (a group key and its window, typically) are kept in the entry
  // itself: no allocation per key, and comparing it touches no other memory.
  static constexpr std::size_t kInlineKey = 40;
  struct Entry {
    std::string value;
    std::uint32_t hash = 0;
    std::uint32_t keySize = 0;
    std::int32_t task = kNoTask;   // while dirty: the task the change was made under
    std::int32_t owner = kNoTask;  // with tracking: the task whose changelog holds the key
    bool owned = false;
    bool live = true;  // false: erased, kept (dirty) until the tombstone is taken or committed
    bool dirty = false;
    bool inUse = false;  // false: on the free list
    char inlineKey[kInlineKey];
    std::unique_ptr<char[]> longKey;  // a key longer than kInlineKey

    std::string_view key() const { return {longKey ? longKey.get() : inlineKey, keySize}; }
    void setKey(std::string_view k);
  };
  static constexpr std::size_t kChunkBits = 10;  // 1024 entries per chunk

  static std::uint32_t hashOf(std::string_view key);
  Entry& entryAt(std::size_t i) { return chunks_[i >> kChunkBits][i & ((1u << kChunkBits) - 1)]; }
  const Entry& entryAt(std::size_t i) const {
    return chunks_[i >> kChunkBits][i & ((1u << kChunkBits) - 1)];
  }
  // A chunk of 2^kChunkBits default-constructed entries, carved from the current block.
  Entry* newChunk();
  // The entry of `key`, or null.
  Entry* findEntry(std::string_view key);
  const Entry* findEntry(std::string_view key) const;
  // The entry of `key`, added (not live, value empty) when absent; `inserted` says which.
  Entry& findOrAdd(std::string_view key, bool& inserted);
  // Removes the entry from the index and puts it on the free list.
  void remove(Entry& entry);
  void growIndex();

  // Flags an entry changed (listing it once) under the current task.
  void markPut(Entry& entry);
  void markErased(Entry& entry);
  // After the dirty entries were written out: erased ones go, the rest are clean.
  void settle(bool takeOwnership);

  sqlite3* db_ = nullptr;
  std::vector<Entry*> chunks_;
  // The memory the chunks live in: the first chunks have a block each, later ones share large
  // blocks (see newChunk()). Each is {address, bytes, mapped}.
  struct Block {
    void* memory;
    std::size_t bytes;
    bool mapped;
  };
  std::vector<Block> blocks_;
  std::size_t blockUsed_ = 0;        // bytes of the last block handed out
  std::size_t used_ = 0;             // entries ever handed out (in use or free)
  std::vector<std::uint32_t> free_;  // entries to reuse
  std::size_t size_ = 0;             // entries in the index
  // Open addressing, linear probing: 0 = empty, else (hash << 32) | (entry number + 1); the
  // home slot is hash & mask, so the index can grow and delete (backward shift) from the slots
  // alone.
  std::vector<std::uint64_t> index_;
  mutable std::optional<std::set<std::string>> orderedKeys_;  // built by the first scanPrefix()
  // Entries changed since the last commit (each flagged dirty, listed once).
  std::vector<Entry*> dirty_;
  OffsetTable committed_;
  bool tracking_ = false;
  std::int32_t task_ = kNoTask;
};

}  // namespace runnel::sql
