// ScriptStore: the studio's SQL workspace in <data dir>/workspace.sqlite — saved scripts (name,
// text, updated time) and the query history (every statement run, when, and whether it
// worked). Opening creates the tables if needed. Errors come back as text (lastError()), never
// thrown; a store that failed to open answers empty lists and refuses writes.
// GUI thread only (SQLite calls are short); not copyable.
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

#include "widgets/models/workspace_db.h"

namespace runnel::widgets {

struct SavedScript {
  QString name;
  QString text;
  QDateTime updated;
};

struct HistoryEntry {
  qint64 id = 0;
  QString statement;
  QDateTime ranAt;
  bool ok = true;
};

class ScriptStore {
 public:
  // Opens (creating if needed) the database at `path`; check isOpen().
  explicit ScriptStore(const QString& path);
  ~ScriptStore();
  ScriptStore(const ScriptStore&) = delete;
  ScriptStore& operator=(const ScriptStore&) = delete;

  bool isOpen() const { return db_.isOpen(); }
  QString lastError() const { return lastError_; }
  QString path() const { return path_; }

  // Inserts or replaces the script called `name`.
  bool saveScript(const QString& name, const QString& text);
  bool removeScript(const QString& name);
  // By name.
  QList<SavedScript> scripts() const;
  std::optional<SavedScript> script(const QString& name) const;

  bool addHistory(const QString& statement, bool ok);
  // Most recent first, at most `limit`.
  QList<HistoryEntry> history(int limit = 200) const;

 private:
  bool failed(const QString& error) const;

  QString path_;
  WorkspaceDb db_;
  mutable QString lastError_;
};

}  // namespace runnel::widgets
