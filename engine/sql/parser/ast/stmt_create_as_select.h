// CREATE [OR REPLACE] STREAM|TABLE [IF NOT EXISTS] name [WITH (...)] AS SELECT ...: a persistent
// query writing into a new (or replaced) source. Owns its query and property values.
#pragma once

#include <vector>

#include "engine/sql/parser/ast/ast_identifier.h"
#include "engine/sql/parser/ast/query.h"
#include "engine/sql/parser/ast/stmt.h"
#include "engine/sql/parser/ast/stmt_create_source.h"

namespace runnel::sql::ast {

struct CreateAsSelectStmt final : Statement {
  static constexpr StmtKind kKind = StmtKind::kCreateAsSelect;
  CreateAsSelectStmt() : Statement(kKind) {}

  SourceKind sourceKind = SourceKind::kStream;
  bool orReplace = false;
  bool ifNotExists = false;
  Identifier name;
  std::vector<Property> properties;
  QueryPtr query;

  void print(SqlWriter& w) const override;
};

}  // namespace runnel::sql::ast
