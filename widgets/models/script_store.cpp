#include "widgets/models/script_store.h"

namespace runnel::widgets {

ScriptStore::ScriptStore(const QString& path)
    : path_(path),
      db_(path,
          {"CREATE TABLE IF NOT EXISTS saved_scripts (name TEXT PRIMARY KEY, text TEXT NOT NULL, "
           "updated_ms INTEGER NOT NULL)",
           "CREATE TABLE IF NOT EXISTS query_history (id INTEGER PRIMARY KEY AUTOINCREMENT, "
           "statement TEXT NOT NULL, ran_ms INTEGER NOT NULL, ok INTEGER NOT NULL)"}),
      lastError_(db_.lastError()) {}

ScriptStore::~ScriptStore() = default;

bool ScriptStore::failed(const QString& error) const {
  lastError_ = error;
  return false;
}

bool ScriptStore::saveScript(const QString& name, const QString& text) {
  if (!db_.isOpen()) return false;
  if (name.trimmed().isEmpty()) return failed(QStringLiteral("a saved script needs a name"));
  auto insert = db_.prepare(
      "INSERT INTO saved_scripts (name, text, updated_ms) VALUES (?1, ?2, ?3) "
      "ON CONFLICT(name) DO UPDATE SET text = ?2, updated_ms = ?3");
  insert.bind(1, name.trimmed()).bind(2, text).bind(3, QDateTime::currentMSecsSinceEpoch());
  return insert.run() || failed(db_.lastError());
}

bool ScriptStore::removeScript(const QString& name) {
  if (!db_.isOpen()) return false;
  auto remove = db_.prepare("DELETE FROM saved_scripts WHERE name = ?1");
  remove.bind(1, name);
  if (!remove.run()) return failed(db_.lastError());
  return db_.changes() > 0;
}

QList<SavedScript> ScriptStore::scripts() const {
  QList<SavedScript> out;
  if (!db_.isOpen()) return out;
  auto rows = db_.prepare("SELECT name, text, updated_ms FROM saved_scripts ORDER BY name");
  while (rows.next())
    out.push_back({rows.text(0), rows.text(1), QDateTime::fromMSecsSinceEpoch(rows.number(2))});
  return out;
}

std::optional<SavedScript> ScriptStore::script(const QString& name) const {
  for (const SavedScript& s : scripts())
    if (s.name == name) return s;
  return std::nullopt;
}

bool ScriptStore::addHistory(const QString& statement, bool ok) {
  if (!db_.isOpen()) return false;
  auto insert =
      db_.prepare("INSERT INTO query_history (statement, ran_ms, ok) VALUES (?1, ?2, ?3)");
  insert.bind(1, statement).bind(2, QDateTime::currentMSecsSinceEpoch()).bind(3, qint64(ok));
  return insert.run() || failed(db_.lastError());
}

QList<HistoryEntry> ScriptStore::history(int limit) const {
  QList<HistoryEntry> out;
  if (!db_.isOpen()) return out;
  auto rows =
      db_.prepare("SELECT id, statement, ran_ms, ok FROM query_history ORDER BY id DESC LIMIT ?1");
  rows.bind(1, qint64(limit));
  while (rows.next())
    out.push_back({rows.number(0), rows.text(1), QDateTime::fromMSecsSinceEpoch(rows.number(2)),
                   rows.number(3) != 0});
  return out;
}

}  // namespace runnel::widgets
