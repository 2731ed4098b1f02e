#include "widgets/models/script_store.h"

#include <sqlite3.h>

namespace runnel::widgets {
namespace {

// Finalizes on scope exit, so every early return releases the statement.
struct Statement {
  sqlite3_stmt* stmt = nullptr;
  ~Statement() { sqlite3_finalize(stmt); }
};

QString columnText(sqlite3_stmt* stmt, int column) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, column));
  return text ? QString::fromUtf8(text, sqlite3_column_bytes(stmt, column)) : QString();
}

void bindText(sqlite3_stmt* stmt, int index, const QString& text) {
  const QByteArray utf8 = text.toUtf8();
  sqlite3_bind_text(stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
}

}  // namespace

ScriptStore::ScriptStore(const QString& path) : path_(path) {
  if (sqlite3_open(path.toUtf8().constData(), &db_) != SQLITE_OK) {
    lastError_ =
        QStringLiteral("cannot open %1: %2").arg(path, QString::fromUtf8(sqlite3_errmsg(db_)));
    sqlite3_close(db_);
    db_ = nullptr;
    return;
  }
  sqlite3_busy_timeout(db_, 2000);
  if (!exec("CREATE TABLE IF NOT EXISTS saved_scripts (name TEXT PRIMARY KEY, text TEXT NOT NULL, "
            "updated_ms INTEGER NOT NULL)") ||
      !exec("CREATE TABLE IF NOT EXISTS query_history (id INTEGER PRIMARY KEY AUTOINCREMENT, "
            "statement TEXT NOT NULL, ran_ms INTEGER NOT NULL, ok INTEGER NOT NULL)")) {
    sqlite3_close(db_);
    db_ = nullptr;
  }
}

ScriptStore::~ScriptStore() {
  if (db_) sqlite3_close(db_);
}

bool ScriptStore::exec(const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) == SQLITE_OK) return true;
  lastError_ = QString::fromUtf8(error ? error : "unknown SQLite error");
  sqlite3_free(error);
  return false;
}

bool ScriptStore::saveScript(const QString& name, const QString& text) {
  if (!db_) return false;
  if (name.trimmed().isEmpty()) {
    lastError_ = QStringLiteral("a saved script needs a name");
    return false;
  }
  Statement s;
  sqlite3_prepare_v2(db_,
                     "INSERT INTO saved_scripts (name, text, updated_ms) VALUES (?1, ?2, ?3) "
                     "ON CONFLICT(name) DO UPDATE SET text = ?2, updated_ms = ?3",
                     -1, &s.stmt, nullptr);
  bindText(s.stmt, 1, name.trimmed());
  bindText(s.stmt, 2, text);
  sqlite3_bind_int64(s.stmt, 3, QDateTime::currentMSecsSinceEpoch());
  if (sqlite3_step(s.stmt) != SQLITE_DONE) {
    lastError_ = QString::fromUtf8(sqlite3_errmsg(db_));
    return false;
  }
  return true;
}

bool ScriptStore::removeScript(const QString& name) {
  if (!db_) return false;
  Statement s;
  sqlite3_prepare_v2(db_, "DELETE FROM saved_scripts WHERE name = ?1", -1, &s.stmt, nullptr);
  bindText(s.stmt, 1, name);
  if (sqlite3_step(s.stmt) != SQLITE_DONE) {
    lastError_ = QString::fromUtf8(sqlite3_errmsg(db_));
    return false;
  }
  return sqlite3_changes(db_) > 0;
}

QList<SavedScript> ScriptStore::scripts() const {
  QList<SavedScript> out;
  if (!db_) return out;
  Statement s;
  sqlite3_prepare_v2(db_, "SELECT name, text, updated_ms FROM saved_scripts ORDER BY name", -1,
                     &s.stmt, nullptr);
  while (sqlite3_step(s.stmt) == SQLITE_ROW)
    out.push_back({columnText(s.stmt, 0), columnText(s.stmt, 1),
                   QDateTime::fromMSecsSinceEpoch(sqlite3_column_int64(s.stmt, 2))});
  return out;
}

std::optional<SavedScript> ScriptStore::script(const QString& name) const {
  for (const SavedScript& s : scripts())
    if (s.name == name) return s;
  return std::nullopt;
}

bool ScriptStore::addHistory(const QString& statement, bool ok) {
  if (!db_) return false;
  Statement s;
  sqlite3_prepare_v2(db_, "INSERT INTO query_history (statement, ran_ms, ok) VALUES (?1, ?2, ?3)",
                     -1, &s.stmt, nullptr);
  bindText(s.stmt, 1, statement);
  sqlite3_bind_int64(s.stmt, 2, QDateTime::currentMSecsSinceEpoch());
  sqlite3_bind_int(s.stmt, 3, ok ? 1 : 0);
  if (sqlite3_step(s.stmt) != SQLITE_DONE) {
    lastError_ = QString::fromUtf8(sqlite3_errmsg(db_));
    return false;
  }
  return true;
}

QList<HistoryEntry> ScriptStore::history(int limit) const {
  QList<HistoryEntry> out;
  if (!db_) return out;
  Statement s;
  sqlite3_prepare_v2(
      db_, "SELECT id, statement, ran_ms, ok FROM query_history ORDER BY id DESC LIMIT ?1", -1,
      &s.stmt, nullptr);
  sqlite3_bind_int(s.stmt, 1, limit);
  while (sqlite3_step(s.stmt) == SQLITE_ROW)
    out.push_back({sqlite3_column_int64(s.stmt, 0), columnText(s.stmt, 1),
                   QDateTime::fromMSecsSinceEpoch(sqlite3_column_int64(s.stmt, 2)),
                   sqlite3_column_int(s.stmt, 3) != 0});
  return out;
}

}  // namespace runnel::widgets
