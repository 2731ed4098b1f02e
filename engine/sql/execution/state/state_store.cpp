#include "engine/sql/execution/state/state_store.h"

#include <sqlite3.h>

#include <cstdio>

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
      store
          ->data_[std::string(k ? k : "",
                              static_cast<std::size_t>(sqlite3_column_bytes(s.stmt, 0)))]
          .value =
          std::string(v ? v : "", static_cast<std::size_t>(sqlite3_column_bytes(s.stmt, 1)));
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

const std::string* StateStore::get(const std::string& key) const {
  auto it = data_.find(key);
  return it == data_.end() || !it->second.live ? nullptr : &it->second.value;
}

void StateStore::markPut(Map::value_type& entry) {
  Slot& slot = entry.second;
  if (!db_ && !tracking_) return;
  if (!slot.dirty) {
    slot.dirty = true;
    slot.task = task_;
    dirty_.push_back(&entry);
  } else if (task_ != kNoTask) {
    slot.task = task_;
  }
}

void StateStore::markErased(Map::value_type& entry) {
  Slot& slot = entry.second;
  if (slot.dirty) return;
  slot.dirty = true;
  // A tombstone goes to the task that owns the key, whichever task's time expired it.
  slot.task = slot.owned ? slot.owner : task_;
  dirty_.push_back(&entry);
}

std::string& StateStore::update(const std::string& key, bool& created) {
  auto [it, inserted] = data_.try_emplace(key);
  Slot& slot = it->second;
  created = inserted || !slot.live;
  if (!slot.live) {
    slot.live = true;
    slot.value.clear();
  }
  if (created && orderedKeys_) orderedKeys_->insert(key);
  markPut(*it);
  return slot.value;
}

void StateStore::put(const std::string& key, std::string value) {
  bool created = false;
  update(key, created) = std::move(value);
}

void StateStore::erase(const std::string& key) {
  auto it = data_.find(key);
  if (it == data_.end() || !it->second.live) return;
  if (orderedKeys_) orderedKeys_->erase(key);
  if (!db_ && !tracking_) {
    data_.erase(it);
    return;
  }
  it->second.live = false;
  std::string().swap(it->second.value);
  markErased(*it);
}

void StateStore::settle(bool takeOwnership) {
  for (Map::value_type* entry : dirty_) {
    Slot& slot = entry->second;
    slot.dirty = false;
    if (!slot.live) {
      data_.erase(data_.find(entry->first));
    } else if (takeOwnership) {
      slot.owner = slot.task;
      slot.owned = true;
    }
  }
  dirty_.clear();
}

void StateStore::takeChanges(const ChangeVisitor& fn) {
  for (const Map::value_type* entry : dirty_) {
    const Slot& slot = entry->second;
    fn(slot.task, entry->first, slot.live ? &slot.value : nullptr);
  }
  settle(true);
}

void StateStore::restore(std::int32_t task, const std::string& key,
                         std::optional<std::string> value) {
  if (value) {
    auto [it, inserted] = data_.try_emplace(key);
    Slot& slot = it->second;
    if ((inserted || !slot.live) && orderedKeys_) orderedKeys_->insert(key);
    slot.live = true;
    slot.value = std::move(*value);
    slot.owner = task;
    slot.owned = true;
    return;
  }
  auto it = data_.find(key);
  if (it == data_.end() || !it->second.live) return;
  if (orderedKeys_) orderedKeys_->erase(key);
  if (it->second.dirty) {
    // The pending change stays and becomes a tombstone.
    it->second.live = false;
    it->second.owned = false;
    std::string().swap(it->second.value);
  } else {
    data_.erase(it);
  }
}

void StateStore::dropTask(std::int32_t task) {
  bool droppedDirty = false;
  for (auto it = data_.begin(); it != data_.end();) {
    const Slot& slot = it->second;
    if ((slot.owned && slot.owner == task) || (slot.dirty && slot.task == task)) {
      if (orderedKeys_ && slot.live) orderedKeys_->erase(it->first);
      droppedDirty = droppedDirty || slot.dirty;
      it = data_.erase(it);
    } else {
      ++it;
    }
  }
  if (droppedDirty) {
    // The list points at entries just freed: keep those still in the map.
    std::vector<Map::value_type*> kept;
    for (auto& entry : data_)
      if (entry.second.dirty) kept.push_back(&entry);
    dirty_ = std::move(kept);
  }
}

std::vector<std::pair<std::string, std::string>> StateStore::scanPrefix(
    std::string_view prefix) const {
  if (!orderedKeys_) {
    orderedKeys_.emplace();
    for (const auto& [k, slot] : data_)
      if (slot.live) orderedKeys_->insert(k);
  }
  std::vector<std::pair<std::string, std::string>> out;
  for (auto it = orderedKeys_->lower_bound(std::string(prefix));
       it != orderedKeys_->end() && it->starts_with(prefix); ++it)
    out.emplace_back(*it, data_.at(*it).value);
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
    for (const Map::value_type* entry : dirty_) {
      const std::string& k = entry->first;
      const std::string* v = entry->second.live ? &entry->second.value : nullptr;
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
