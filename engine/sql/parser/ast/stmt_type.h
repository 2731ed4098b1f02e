// CREATE TYPE [IF NOT EXISTS] name AS type and DROP TYPE [IF EXISTS] name: named type aliases
// (usually STRUCTs) that column definitions and CASTs may refer to. Owns the type.
#pragma once

#include "engine/sql/parser/ast/ast_identifier.h"
#include "engine/sql/parser/ast/ast_type.h"
#include "engine/sql/parser/ast/stmt.h"

namespace runnel::sql::ast {

struct CreateTypeStmt final : Statement {
  static constexpr StmtKind kKind = StmtKind::kCreateType;
  CreateTypeStmt() : Statement(kKind) {}

  bool ifNotExists = false;
  Identifier name;
  SqlTypePtr type;

  void print(SqlWriter& w) const override;
};

struct DropTypeStmt final : Statement {
  static constexpr StmtKind kKind = StmtKind::kDropType;
  DropTypeStmt() : Statement(kKind) {}

  bool ifExists = false;
  Identifier name;

  void print(SqlWriter& w) const override;
};

}  // namespace runnel::sql::ast
