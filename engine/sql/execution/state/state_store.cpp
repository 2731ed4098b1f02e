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
      store->data_[std::string(k ? k : "",
                               static_cast<std::size_t>(sqlite3_column_bytes(s.stmt, 0)))] =
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
  return it == data_.end() ? nullptr : &it->second;
}

void StateStore::put(const std::string& key, std::string value) {
  if (db_ || tracking_) {
    auto [d, added] = dirty_.try_emplace(key, task_);
    if (!added && task_ != kNoTask) d->second = task_;
  }
  auto [it, inserted] = data_.try_emplace(key, std::move(value));
  if (!inserted) {
    it->second = std::move(value);
  } else if (orderedKeys_) {
    orderedKeys_->insert(key);
  }
}

void StateStore::erase(const std::string& key) {
  if (!data_.erase(key)) return;
  if (orderedKeys_) orderedKeys_->erase(key);
  if (db_ || tracking_) {
    // A tombstone goes to the task that owns the key, whichever task's time expired it.
    auto o = owners_.find(key);
    dirty_.try_emplace(key, o != owners_.end() ? o->second : task_);
  }
}

std::vector<StateStore::Change> StateStore::takeChanges() {
  std::vector<Change> out;
  out.reserve(dirty_.size());
  for (auto& [k, task] : dirty_) {
    Change c;
    c.task = task;
    c.key = k;
    auto it = data_.find(k);
    if (it != data_.end()) {
      c.value = it->second;
      owners_[k] = task;
    } else {
      owners_.erase(k);
    }
    out.push_back(std::move(c));
  }
  dirty_.clear();
  return out;
}

void StateStore::restore(std::int32_t task, const std::string& key,
                         std::optional<std::string> value) {
  if (value) {
    auto [it, inserted] = data_.insert_or_assign(key, std::move(*value));
    if (inserted && orderedKeys_) orderedKeys_->insert(key);
    owners_[key] = task;
  } else if (data_.erase(key)) {
    if (orderedKeys_) orderedKeys_->erase(key);
    owners_.erase(key);
  }
}

void StateStore::dropTask(std::int32_t task) {
  std::vector<std::string> keys;
  for (const auto& [k, t] : owners_)
    if (t == task) keys.push_back(k);
  for (const auto& [k, t] : dirty_)
    if (t == task) keys.push_back(k);
  for (const auto& k : keys) {
    owners_.erase(k);
    dirty_.erase(k);
    if (data_.erase(k) && orderedKeys_) orderedKeys_->erase(k);
  }
}

std::vector<std::pair<std::string, std::string>> StateStore::scanPrefix(
    std::string_view prefix) const {
  if (!orderedKeys_) {
    orderedKeys_.emplace();
    for (const auto& [k, v] : data_)
      orderedKeys_->insert(k);
  }
  std::vector<std::pair<std::string, std::string>> out;
  for (auto it = orderedKeys_->lower_bound(std::string(prefix));
       it != orderedKeys_->end() && it->starts_with(prefix); ++it)
    out.emplace_back(*it, data_.at(*it));
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
    for (const auto& [k, task] : dirty_) {
      auto it = data_.find(k);
      const std::string* v = it == data_.end() ? nullptr : &it->second;
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
  dirty_.clear();
  committed_ = offsets;
  return Status::ok();
}

Status StateStore::destroy(const std::string& path) {
  for (const std::string& p : {path, path + "-wal", path + "-shm"})
    std::remove(p.c_str());
  return Status::ok();
}

}  // namespace runnel::sql
