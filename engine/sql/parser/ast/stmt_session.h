// Session statements: SET 'property' = 'value', UNSET 'property', DEFINE name = 'value',
// UNDEFINE name, and EXPLAIN (of a running query's id, or of a statement it owns).
#pragma once

#include <string>

#include "engine/sql/parser/ast/ast_identifier.h"
#include "engine/sql/parser/ast/stmt.h"

namespace runnel::sql::ast {

struct SetPropertyStmt final : Statement {
  static constexpr StmtKind kKind = StmtKind::kSetProperty;
  SetPropertyStmt() : Statement(kKind) {}

  std::string name;  // as written: 'auto.offset.reset' (property names are case-sensitive)
  std::string value;

  void print(SqlWriter& w) const override;
};

struct UnsetPropertyStmt final : Statement {
  static constexpr StmtKind kKind = StmtKind::kUnsetProperty;
  UnsetPropertyStmt() : Statement(kKind) {}

  std::string name;

  void print(SqlWriter& w) const override;
};

struct DefineVariableStmt final : Statement {
  static constexpr StmtKind kKind = StmtKind::kDefineVariable;
  DefineVariableStmt() : Statement(kKind) {}

  std::string name;  // as written; variable names are matched case-insensitively
  std::string value;

  void print(SqlWriter& w) const override;
};

struct UndefineVariableStmt final : Statement {
  static constexpr StmtKind kKind = StmtKind::kUndefineVariable;
  UndefineVariableStmt() : Statement(kKind) {}

  std::string name;

  void print(SqlWriter& w) const override;
};

// EXPLAIN query-id, or EXPLAIN <statement> (which then owns the statement).
struct ExplainStmt final : Statement {
  static constexpr StmtKind kKind = StmtKind::kExplain;
  ExplainStmt() : Statement(kKind) {}

  Identifier queryId;      // set when `statement` is null
  StatementPtr statement;  // may be null

  void print(SqlWriter& w) const override;
};

}  // namespace runnel::sql::ast
