// SqliteStatement: a prepared SQLite statement with typed binds and column reads, finalised on
// destruction. Errors surface as Status carrying SQLite's message. Used only by MetadataStore
// (and other engine stores later); not thread-safe — the owner serialises access.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/common/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace runnel {

class SqliteStatement {
 public:
  SqliteStatement(sqlite3* db, std::string_view sql);
  ~SqliteStatement();
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  // Whether preparing worked; if not, status() says why and every other call is a no-op.
  const Status& status() const { return status_; }

  SqliteStatement& bind(int index, std::int64_t value);
  SqliteStatement& bind(int index, std::string_view value);
  SqliteStatement& bindBlob(int index, const void* data, std::size_t size);

  // Steps once: true while a row is available; false at the end or on error (see status()).
  bool nextRow();
  // Runs a statement that returns no rows.
  Status run();

  std::int64_t int64(int column) const;
  std::string text(int column) const;
  std::string blob(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  Status status_;
};

}  // namespace runnel
