// WorkspaceDb: one connection to the studio's workspace file (<data dir>/workspace.sqlite),
// which several stores share (ScriptStore, ConnectionStore): opening it with a store's schema,
// statements that finalize themselves, and SQLite's errors as text instead of return codes.
// GUI thread only (the calls are short); not copyable.
#pragma once

#include <QString>
#include <initializer_list>

struct sqlite3;
struct sqlite3_stmt;

namespace runnel::widgets {

class WorkspaceDb {
 public:
  // A prepared statement; finalized when it goes out of scope. A statement that failed to
  // prepare answers no rows and fails run(), with the reason in the database's lastError().
  class Query {
   public:
    ~Query();
    Query(Query&& other) noexcept;
    Query(const Query&) = delete;
    Query& operator=(const Query&) = delete;
    Query& operator=(Query&&) = delete;

    // Parameters are numbered from 1, as in the SQL (?1, ?2, ...).
    Query& bind(int index, const QString& text);
    Query& bind(int index, qint64 number);
    // Steps to the next row; false at the end or on an error.
    bool next();
    // Runs a statement that returns no rows; false (and lastError()) when it fails.
    bool run();
    QString text(int column) const;
    qint64 number(int column) const;

   private:
    friend class WorkspaceDb;
    Query(const WorkspaceDb* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}

    const WorkspaceDb* db_;
    sqlite3_stmt* statement_;
  };

  // Opens (creating if needed) the file at `path` and runs `schema`, statements such as
  // CREATE TABLE IF NOT EXISTS; check isOpen().
  WorkspaceDb(const QString& path, std::initializer_list<const char*> schema);
  ~WorkspaceDb();
  WorkspaceDb(const WorkspaceDb&) = delete;
  WorkspaceDb& operator=(const WorkspaceDb&) = delete;

  bool isOpen() const { return db_ != nullptr; }
  // The last SQLite error, with what was being done.
  QString lastError() const { return lastError_; }

  Query prepare(const char* sql) const;
  bool exec(const char* sql);
  // Rows changed by the most recent INSERT, UPDATE or DELETE.
  int changes() const;

 private:
  void recordError(const QString& doing) const;

  sqlite3* db_ = nullptr;
  mutable QString lastError_;
};

}  // namespace runnel::widgets
