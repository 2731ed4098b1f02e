#include "widgets/models/workspace_db.h"

#include <sqlite3.h>

#include <utility>

namespace runnel::widgets {

WorkspaceDb::WorkspaceDb(const QString& path, std::initializer_list<const char*> schema) {
  if (sqlite3_open(path.toUtf8().constData(), &db_) != SQLITE_OK) {
    lastError_ =
        QStringLiteral("cannot open %1: %2").arg(path, QString::fromUtf8(sqlite3_errmsg(db_)));
    sqlite3_close(db_);
    db_ = nullptr;
    return;
  }
  // The studio and a second studio window may write the same workspace at once.
  sqlite3_busy_timeout(db_, 2000);
  for (const char* statement : schema) {
    if (!exec(statement)) {
      sqlite3_close(db_);
      db_ = nullptr;
      return;
    }
  }
}

WorkspaceDb::~WorkspaceDb() {
  if (db_) sqlite3_close(db_);
}

void WorkspaceDb::recordError(const QString& doing) const {
  lastError_ = QStringLiteral("%1: %2").arg(
      doing, db_ ? QString::fromUtf8(sqlite3_errmsg(db_)) : QStringLiteral("workspace not open"));
}

bool WorkspaceDb::exec(const char* sql) {
  if (!db_) {
    recordError(QStringLiteral("workspace"));
    return false;
  }
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) == SQLITE_OK) return true;
  lastError_ = QString::fromUtf8(error ? error : "unknown SQLite error");
  sqlite3_free(error);
  return false;
}

int WorkspaceDb::changes() const {
  return db_ ? sqlite3_changes(db_) : 0;
}

WorkspaceDb::Query WorkspaceDb::prepare(const char* sql) const {
  sqlite3_stmt* statement = nullptr;
  if (!db_ || sqlite3_prepare_v2(db_, sql, -1, &statement, nullptr) != SQLITE_OK) {
    recordError(QStringLiteral("preparing a workspace query"));
    sqlite3_finalize(statement);
    statement = nullptr;
  }
  return Query(this, statement);
}

WorkspaceDb::Query::~Query() {
  sqlite3_finalize(statement_);
}

WorkspaceDb::Query::Query(Query&& other) noexcept
    : db_(other.db_), statement_(std::exchange(other.statement_, nullptr)) {}

WorkspaceDb::Query& WorkspaceDb::Query::bind(int index, const QString& text) {
  const QByteArray utf8 = text.toUtf8();
  if (statement_)
    sqlite3_bind_text(statement_, index, utf8.constData(), static_cast<int>(utf8.size()),
                      SQLITE_TRANSIENT);
  return *this;
}

WorkspaceDb::Query& WorkspaceDb::Query::bind(int index, qint64 number) {
  if (statement_) sqlite3_bind_int64(statement_, index, number);
  return *this;
}

bool WorkspaceDb::Query::next() {
  if (!statement_) return false;
  const int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) db_->recordError(QStringLiteral("reading the workspace"));
  return false;
}

bool WorkspaceDb::Query::run() {
  if (!statement_) return false;
  if (sqlite3_step(statement_) == SQLITE_DONE) return true;
  db_->recordError(QStringLiteral("writing the workspace"));
  return false;
}

QString WorkspaceDb::Query::text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
  return text ? QString::fromUtf8(text, sqlite3_column_bytes(statement_, column)) : QString();
}

qint64 WorkspaceDb::Query::number(int column) const {
  return sqlite3_column_int64(statement_, column);
}

}  // namespace runnel::widgets
