// INSERT INTO name [WITH (...)] SELECT ... (a persistent query appending to an existing stream)
// and INSERT INTO name [(columns)] VALUES (...) (one row). Each owns its parts.
#pragma once

#include <vector>

#include "engine/sql/parser/ast/ast_identifier.h"
#include "engine/sql/parser/ast/query.h"
#include "engine/sql/parser/ast/stmt.h"

namespace runnel::sql::ast {

struct InsertIntoStmt final : Statement {
  static constexpr StmtKind kKind = StmtKind::kInsertInto;
  InsertIntoStmt() : Statement(kKind) {}

  Identifier target;
  std::vector<Property> properties;
  QueryPtr query;

  void print(SqlWriter& w) const override;
};

struct InsertValuesStmt final : Statement {
  static constexpr StmtKind kKind = StmtKind::kInsertValues;
  InsertValuesStmt() : Statement(kKind) {}

  Identifier target;
  std::vector<Identifier> columns;  // empty: all columns in declaration order
  std::vector<ExprPtr> values;

  void print(SqlWriter& w) const override;
};

}  // namespace runnel::sql::ast
