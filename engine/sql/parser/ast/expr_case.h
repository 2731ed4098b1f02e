// CaseExpr: CASE [operand] WHEN ... THEN ... [ELSE ...] END, both the simple form (with an
// operand compared to each WHEN) and the searched form (operand null, WHENs are conditions).
#pragma once

#include <vector>

#include "engine/sql/parser/ast/expr.h"

namespace runnel::sql::ast {

struct WhenClause {
  ExprPtr when;
  ExprPtr then;
};

struct CaseExpr final : Expr {
  static constexpr ExprKind kKind = ExprKind::kCase;
  CaseExpr() : Expr(kKind) {}

  ExprPtr operand;  // null for a searched CASE
  std::vector<WhenClause> whens;
  ExprPtr elseResult;  // may be null

  void print(SqlWriter& w) const override;
};

}  // namespace runnel::sql::ast
