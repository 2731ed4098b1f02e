// Catalog and session statements that take no expressions: SHOW|LIST ..., DESCRIBE ...,
// DESCRIBE FUNCTION, PRINT, TERMINATE, DROP STREAM|TABLE|TYPE. Plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/sql/parser/ast/ast_identifier.h"
#include "engine/sql/parser/ast/stmt.h"
#include "engine/sql/parser/ast/stmt_create_source.h"

namespace runnel::sql::ast {

enum class ListTarget : unsigned char {
  kTopics,
  kStreams,
  kTables,
  kQueries,
  kFunctions,
  kProperties,
  kTypes,
  kVariables,
  kConnectors,
};

// SHOW|LIST [ALL] TOPICS [EXTENDED], STREAMS|TABLES|QUERIES [EXTENDED], FUNCTIONS, ...
struct ListStmt final : Statement {
  static constexpr StmtKind kKind = StmtKind::kList;
  ListStmt() : Statement(kKind) {}

  ListTarget target = ListTarget::kStreams;
  bool all = false;  // SHOW ALL TOPICS: internal topics too
  bool extended = false;

  void print(SqlWriter& w) const override;
};

// DESCRIBE name [EXTENDED] (also the older DESCRIBE EXTENDED name) and DESCRIBE STREAMS|TABLES.
struct DescribeStmt final : Statement {
  static constexpr StmtKind kKind = StmtKind::kDescribe;
  DescribeStmt() : Statement(kKind) {}

  Identifier name;                // empty when `all` is set
  std::optional<ListTarget> all;  // DESCRIBE STREAMS|TABLES
  bool extended = false;

  void print(SqlWriter& w) const override;
};

struct DescribeFunctionStmt final : Statement {
  static constexpr StmtKind kKind = StmtKind::kDescribeFunction;
  DescribeFunctionStmt() : Statement(kKind) {}

  Identifier name;

  void print(SqlWriter& w) const override;
};

// PRINT topic [FROM BEGINNING] [INTERVAL|SAMPLE n] [LIMIT n]. Topic names are case-sensitive, so
// the name is kept exactly as written (a string literal's value, or the identifier's text).
struct PrintStmt final : Statement {
  static constexpr StmtKind kKind = StmtKind::kPrint;
  PrintStmt() : Statement(kKind) {}

  std::string topic;
  bool topicQuoted = false;  // written as a string or quoted identifier
  bool fromBeginning = false;
  std::optional<int64_t> interval;
  std::optional<int64_t> limit;

  void print(SqlWriter& w) const override;
};

// TERMINATE query-id | TERMINATE ALL.
struct TerminateStmt final : Statement {
  static constexpr StmtKind kKind = StmtKind::kTerminate;
  TerminateStmt() : Statement(kKind) {}

  Identifier queryId;  // empty when `all`
  bool all = false;

  void print(SqlWriter& w) const override;
};

// DROP STREAM|TABLE [IF EXISTS] name [DELETE TOPIC].
struct DropStmt final : Statement {
  static constexpr StmtKind kKind = StmtKind::kDrop;
  DropStmt() : Statement(kKind) {}

  SourceKind sourceKind = SourceKind::kStream;
  bool ifExists = false;
  Identifier name;
  bool deleteTopic = false;

  void print(SqlWriter& w) const override;
};

}  // namespace runnel::sql::ast
