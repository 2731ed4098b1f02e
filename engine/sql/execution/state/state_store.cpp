#include "engine/sql/execution/state/state_store.h"

#include <sqlite3.h>

#include <cstdio>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace runnel::sql {
namespace {

struct Statement {
  sqlite3_stmt* stmt = nullptr;
  ~Statement() { sqlite3_finalize(stmt); }
};

Status sqliteError(sqlite3* db, const std::string& what) {
  return Status::ioError(what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

}  // namespace

Result<std::unique_ptr<StateStore>> StateStore::open(const std::string& path) {
  std::unique_ptr<StateStore> store(new StateStore());
  if (path.empty()) return store;
  if (sqlite3_open_v2(path.c_str(), &store->db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                      nullptr) != SQLITE_OK)
    return sqliteError(store->db_, "opening state store " + path);
  RUNNEL_RETURN_IF_ERROR(store->exec("PRAGMA journal_mode=WAL"));
  RUNNEL_RETURN_IF_ERROR(store->exec("PRAGMA synchronous=NORMAL"));
  RUNNEL_RETURN_IF_ERROR(
      store->exec("CREATE TABLE IF NOT EXISTS state (k BLOB PRIMARY KEY, v BLOB NOT NULL)"));
  RUNNEL_RETURN_IF_ERROR(
      store->exec("CREATE TABLE IF NOT EXISTS offsets (topic TEXT NOT NULL, part INTEGER NOT NULL, "
                  "next INTEGER NOT NULL, "
                  "PRIMARY KEY (topic, part))"));
  {
    Statement s;
    if (sqlite3_prepare_v2(store->db_, "SELECT k, v FROM state", -1, &s.stmt, nullptr) != SQLITE_OK)
      return sqliteError(store->db_, "reading state");
    while (sqlite3_step(s.stmt) == SQLITE_ROW) {
      const auto* k = static_cast<const char*>(sqlite3_column_blob(s.stmt, 0));
      const auto* v = static_cast<const char*>(sqlite3_column_blob(s.stmt, 1));
      bool inserted = false;
      Entry& e = store->findOrAdd(
          std::string_view(k ? k : "", static_cast<std::size_t>(sqlite3_column_bytes(s.stmt, 0))),
          inserted);
      e.live = true;
      e.value = std::string(v ? v : "", static_cast<std::size_t>(sqlite3_column_bytes(s.stmt, 1)));
    }
  }
  {
    Statement s;
    if (sqlite3_prepare_v2(store->db_, "SELECT topic, part, next FROM offsets", -1, &s.stmt,
                           nullptr) != SQLITE_OK)
      return sqliteError(store->db_, "reading offsets");
    while (sqlite3_step(s.stmt) == SQLITE_ROW) {
      const auto* topic = reinterpret_cast<const char*>(sqlite3_column_text(s.stmt, 0));
      store->committed_[{topic ? topic : "", sqlite3_column_int(s.stmt, 1)}] =
          sqlite3_column_int64(s.stmt, 2);
    }
  }
  return store;
}

StateStore::~StateStore() {
  if (db_) sqlite3_close(db_);
  for (Entry* chunk : chunks_)
    std::destroy_n(chunk, std::size_t{1} << kChunkBits);
  for (const Block& b : blocks_) {
#if defined(__linux__)
    if (b.mapped) {
      munmap(b.memory, b.bytes);
      continue;
    }
#endif
    ::operator delete (b.memory, std::align_val_t{alignof(Entry)});
  }
}

namespace {

// Chunks of a small store get a heap block each; once a store holds this many chunks, new ones
// come from large blocks that the kernel may back with huge pages: a large store's entries
// then cost a few page faults instead of one per 4 KiB, and they stop taking the heap's free
// space (which the consumer's fetch buffers reuse) as the state grows.
constexpr std::size_t kSmallStoreChunks = 8;
constexpr std::size_t kLargeBlock = std::size_t{32} << 20;
constexpr std::size_t kHugePage = std::size_t{2} << 20;

}  // namespace

StateStore::Entry* StateStore::newChunk() {
  constexpr std::size_t bytes = sizeof(Entry) << kChunkBits;
  void* at = nullptr;
#if defined(__linux__)
  if (chunks_.size() >= kSmallStoreChunks) {
    if (blocks_.empty() || !blocks_.back().mapped || blockUsed_ + bytes > blocks_.back().bytes) {
      // Over-allocate by a huge page so the block can start on a huge-page boundary.
      const std::size_t size = kLargeBlock + kHugePage;
      void* m = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (m != MAP_FAILED) {
        const auto base = reinterpret_cast<std::uintptr_t>(m);
        const std::uintptr_t aligned = (base + kHugePage - 1) & ~(kHugePage - 1);
        (void)madvise(reinterpret_cast<void*>(aligned), kLargeBlock, MADV_HUGEPAGE);
        blocks_.push_back({m, size, true});
        blockUsed_ = aligned - base;
      }
    }
    if (!blocks_.empty() && blocks_.back().mapped && blockUsed_ + bytes <= blocks_.back().bytes) {
      at = static_cast<char*>(blocks_.back().memory) + blockUsed_;
      blockUsed_ += bytes;
    }
  }
#endif
  if (at == nullptr) {
    at = ::operator new (bytes, std::align_val_t{alignof(Entry)});
    blocks_.push_back({at, bytes, false});
  }
  Entry* chunk = static_cast<Entry*>(at);
  std::uninitialized_default_construct_n(chunk, std::size_t{1} << kChunkBits);
  return chunk;
}

Status StateStore::exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    Status s = Status::ioError(std::string("state store: ") + (message ? message : "error") +
                               " in " + sql);
    sqlite3_free(message);
    return s;
  }
  return Status::ok();
}

void StateStore::Entry::setKey(std::string_view k) {
  keySize = static_cast<std::uint32_t>(k.size());
  if (k.size() <= kInlineKey) {
    longKey.reset();
    std::copy(k.begin(), k.end(), inlineKey);
  } else {
    longKey = std::make_unique<char[]>(k.size());
    std::copy(k.begin(), k.end(), longKey.get());
  }
}

std::uint32_t StateStore::hashOf(std::string_view key) {
  const std::size_t h = std::hash<std::string_view>()(key);
  return static_cast<std::uint32_t>(h ^ (static_cast<std::uint64_t>(h) >> 32));
}

const StateStore::Entry* StateStore::findEntry(std::string_view key) const {
  if (index_.empty()) return nullptr;
  const std::uint32_t h = hashOf(key);
  const std::size_t mask = index_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const std::uint64_t slot = index_[i];
    if (slot == 0) return nullptr;
    if (static_cast<std::uint32_t>(slot >> 32) != h) continue;
    const Entry& e = entryAt(static_cast<std::uint32_t>(slot) - 1);
    if (e.key() == key) return &e;
  }
}

StateStore::Entry* StateStore::findEntry(std::string_view key) {
  return const_cast<Entry*>(static_cast<const StateStore*>(this)->findEntry(key));
}

void StateStore::growIndex() {
  std::vector<std::uint64_t> old = std::move(index_);
  index_.assign(old.empty() ? 1024 : old.size() * 2, 0);
  const std::size_t mask = index_.size() - 1;
  for (std::uint64_t slot : old) {
    if (slot == 0) continue;
    std::size_t i = static_cast<std::uint32_t>(slot >> 32) & mask;
    while (index_[i] != 0)
      i = (i + 1) & mask;
    index_[i] = slot;
  }
}

StateStore::Entry& StateStore::findOrAdd(std::string_view key, bool& inserted) {
  // At most 3/4 full, so probe runs stay short.
  if ((size_ + 1) * 4 > index_.size() * 3) growIndex();
  const std::uint32_t h = hashOf(key);
  const std::size_t mask = index_.size() - 1;
  std::size_t i = h & mask;
  for (;; i = (i + 1) & mask) {
    const std::uint64_t slot = index_[i];
    if (slot == 0) break;
    if (static_cast<std::uint32_t>(slot >> 32) != h) continue;
    Entry& e = entryAt(static_cast<std::uint32_t>(slot) - 1);
    if (e.key() == key) {
      inserted = false;
      return e;
    }
  }
  std::uint32_t n = 0;
  if (!free_.empty()) {
    n = free_.back();
    free_.pop_back();
  } else {
    if ((used_ >> kChunkBits) == chunks_.size()) chunks_.push_back(newChunk());
    n = static_cast<std::uint32_t>(used_++);
  }
  Entry& e = entryAt(n);
  e.setKey(key);
  e.value.clear();
  e.hash = h;
  e.task = e.owner = kNoTask;
  e.owned = e.dirty = false;
  e.live = false;
  e.inUse = true;
  index_[i] = (static_cast<std::uint64_t>(h) << 32) | (std::uint64_t{n} + 1);
  ++size_;
  inserted = true;
  return e;
}

void StateStore::remove(Entry& entry) {
  const std::size_t mask = index_.size() - 1;
  std::size_t i = entry.hash & mask;
  const Entry* found = nullptr;
  for (;; i = (i + 1) & mask) {
    const std::uint64_t slot = index_[i];
    if (slot == 0) return;  // not indexed (cannot happen for an entry in use)
    found = &entryAt(static_cast<std::uint32_t>(slot) - 1);
    if (found == &entry) break;
  }
  const auto number = static_cast<std::uint32_t>(index_[i]) - 1;
  // Backward shift: later slots of the run whose home is not after the hole move into it, so
  // lookups never meet a gap before their key and no tombstones pile up.
  for (std::size_t j = (i + 1) & mask;; j = (j + 1) & mask) {
    const std::uint64_t slot = index_[j];
    if (slot == 0) break;
    const std::size_t home = static_cast<std::uint32_t>(slot >> 32) & mask;
    const bool stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
    if (stays) continue;
    index_[i] = slot;
    i = j;
  }
  index_[i] = 0;
  --size_;
  entry.longKey.reset();
  entry.keySize = 0;
  std::string().swap(entry.value);
  entry.inUse = entry.dirty = entry.owned = entry.live = false;
  free_.push_back(number);
}

const std::string* StateStore::get(std::string_view key) const {
  const Entry* e = findEntry(key);
  return e == nullptr || !e->live ? nullptr : &e->value;
}

void StateStore::markPut(Entry& entry) {
  if (!db_ && !tracking_) return;
  if (!entry.dirty) {
    entry.dirty = true;
    entry.task = task_;
    dirty_.push_back(&entry);
  } else if (task_ != kNoTask) {
    entry.task = task_;
  }
}

void StateStore::markErased(Entry& entry) {
  if (entry.dirty) return;
  entry.dirty = true;
  // A tombstone goes to the task that owns the key, whichever task's time expired it.
  entry.task = entry.owned ? entry.owner : task_;
  dirty_.push_back(&entry);
}

std::string& StateStore::update(std::string_view key, bool& created) {
  bool inserted = false;
  Entry& e = findOrAdd(key, inserted);
  created = !e.live;
  if (!e.live) {
    e.live = true;
    e.value.clear();
  }
  if (created && orderedKeys_) orderedKeys_->emplace(key);
  markPut(e);
  return e.value;
}

void StateStore::put(std::string_view key, std::string value) {
  bool created = false;
  update(key, created) = std::move(value);
}

void StateStore::erase(std::string_view key) {
  Entry* e = findEntry(key);
  if (e == nullptr || !e->live) return;
  if (orderedKeys_) orderedKeys_->erase(std::string(key));
  if (!db_ && !tracking_) {
    remove(*e);
    return;
  }
  e->live = false;
  std::string().swap(e->value);
  markErased(*e);
}

void StateStore::settle(bool takeOwnership) {
  for (Entry* e : dirty_) {
    e->dirty = false;
    if (!e->live) {
      remove(*e);
    } else if (takeOwnership) {
      e->owner = e->task;
      e->owned = true;
    }
  }
  dirty_.clear();
}

void StateStore::takeChanges(const ChangeVisitor& fn) {
  for (const Entry* e : dirty_)
    fn(e->task, e->key(), e->live ? &e->value : nullptr);
  settle(true);
}

void StateStore::restore(std::int32_t task, const std::string& key,
                         std::optional<std::string> value) {
  if (value) {
    bool inserted = false;
    Entry& e = findOrAdd(key, inserted);
    if (!e.live && orderedKeys_) orderedKeys_->insert(key);
    e.live = true;
    e.value = std::move(*value);
    e.owner = task;
    e.owned = true;
    return;
  }
  Entry* e = findEntry(key);
  if (e == nullptr || !e->live) return;
  if (orderedKeys_) orderedKeys_->erase(key);
  if (e->dirty) {
    // The pending change stays and becomes a tombstone.
    e->live = false;
    e->owned = false;
    std::string().swap(e->value);
  } else {
    remove(*e);
  }
}

void StateStore::dropTask(std::int32_t task) {
  bool droppedDirty = false;
  for (std::size_t i = 0; i < used_; ++i) {
    Entry& e = entryAt(i);
    if (!e.inUse || !((e.owned && e.owner == task) || (e.dirty && e.task == task))) continue;
    if (orderedKeys_ && e.live) orderedKeys_->erase(std::string(e.key()));
    droppedDirty = droppedDirty || e.dirty;
    remove(e);
  }
  if (droppedDirty) {
    // The list points at entries just freed: keep those still in use.
    std::vector<Entry*> kept;
    for (Entry* e : dirty_)
      if (e->inUse && e->dirty) kept.push_back(e);
    dirty_ = std::move(kept);
  }
}

std::vector<std::pair<std::string, std::string>> StateStore::scanPrefix(
    std::string_view prefix) const {
  if (!orderedKeys_) {
    orderedKeys_.emplace();
    forEach([&](std::string_view k, const std::string&) { orderedKeys_->emplace(k); });
  }
  std::vector<std::pair<std::string, std::string>> out;
  for (auto it = orderedKeys_->lower_bound(std::string(prefix));
       it != orderedKeys_->end() && it->starts_with(prefix); ++it)
    out.emplace_back(*it, findEntry(*it)->value);
  return out;
}

Status StateStore::commit(const OffsetTable& offsets) {
  if (!db_) {
    committed_ = offsets;
    return Status::ok();
  }
  RUNNEL_RETURN_IF_ERROR(exec("BEGIN IMMEDIATE"));
  auto fail = [&](const std::string& what) {
    Status s = sqliteError(db_, what);
    (void)exec("ROLLBACK");
    return s;
  };
  {
    Statement put, del, off;
    if (sqlite3_prepare_v2(db_, "INSERT OR REPLACE INTO state (k, v) VALUES (?, ?)", -1, &put.stmt,
                           nullptr) != SQLITE_OK ||
        sqlite3_prepare_v2(db_, "DELETE FROM state WHERE k = ?", -1, &del.stmt, nullptr) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(db_,
                           "INSERT OR REPLACE INTO offsets (topic, part, next) VALUES (?, ?, ?)",
                           -1, &off.stmt, nullptr) != SQLITE_OK)
      return fail("preparing the commit");
    for (const Entry* entry : dirty_) {
      const std::string_view k = entry->key();
      const std::string* v = entry->live ? &entry->value : nullptr;
      sqlite3_stmt* s = v ? put.stmt : del.stmt;
      sqlite3_reset(s);
      sqlite3_bind_blob(s, 1, k.data(), static_cast<int>(k.size()), SQLITE_STATIC);
      if (v) sqlite3_bind_blob(s, 2, v->data(), static_cast<int>(v->size()), SQLITE_STATIC);
      if (sqlite3_step(s) != SQLITE_DONE) return fail("writing state");
    }
    for (const auto& [tp, next] : offsets) {
      sqlite3_reset(off.stmt);
      sqlite3_bind_text(off.stmt, 1, tp.topic.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int(off.stmt, 2, tp.partition);
      sqlite3_bind_int64(off.stmt, 3, next);
      if (sqlite3_step(off.stmt) != SQLITE_DONE) return fail("writing offsets");
    }
  }
  RUNNEL_RETURN_IF_ERROR(exec("COMMIT"));
  settle(false);
  committed_ = offsets;
  return Status::ok();
}

Status StateStore::destroy(const std::string& path) {
  for (const std::string& p : {path, path + "-wal", path + "-shm"})
    std::remove(p.c_str());
  return Status::ok();
}

}  // namespace runnel::sql
