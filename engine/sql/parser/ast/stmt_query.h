// QueryStmt: a SELECT run on its own — a push query with EMIT, a pull query without.
#pragma once

#include "engine/sql/parser/ast/query.h"
#include "engine/sql/parser/ast/stmt.h"

namespace runnel::sql::ast {

struct QueryStmt final : Statement {
  static constexpr StmtKind kKind = StmtKind::kQuery;
  QueryStmt() : Statement(kKind) {}

  QueryPtr query;

  void print(SqlWriter& w) const override { query->print(w); }
};

}  // namespace runnel::sql::ast
