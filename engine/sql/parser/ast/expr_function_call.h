// Function calls and lambdas: `name(args)`, `COUNT(*)`, `name(DISTINCT x)` (kept so the binder can
// suggest ksqlDB's COUNT_DISTINCT), and lambda arguments `x => x + 1`, `(k, v) => ...` as taken by
// TRANSFORM, FILTER and REDUCE. Each node owns its arguments.
#pragma once

#include <vector>

#include "engine/sql/parser/ast/ast_identifier.h"
#include "engine/sql/parser/ast/expr.h"

namespace runnel::sql::ast {

struct FunctionCallExpr final : Expr {
  static constexpr ExprKind kKind = ExprKind::kFunctionCall;
  FunctionCallExpr() : Expr(kKind) {}

  Identifier name;
  std::vector<ExprPtr> args;
  bool star = false;      // COUNT(*): args is empty
  bool distinct = false;  // f(DISTINCT x)

  void print(SqlWriter& w) const override;
};

struct LambdaExpr final : Expr {
  static constexpr ExprKind kKind = ExprKind::kLambda;
  LambdaExpr() : Expr(kKind) {}

  std::vector<Identifier> params;
  ExprPtr body;

  int precedence() const override { return precedence::kLambda; }
  void print(SqlWriter& w) const override;
};

}  // namespace runnel::sql::ast
