// CastExpr: CAST(operand AS type). Owns the operand and the target type.
#pragma once

#include "engine/sql/parser/ast/ast_type.h"
#include "engine/sql/parser/ast/expr.h"

namespace runnel::sql::ast {

struct CastExpr final : Expr {
  static constexpr ExprKind kKind = ExprKind::kCast;
  CastExpr() : Expr(kKind) {}

  ExprPtr operand;
  SqlTypePtr type;

  void print(SqlWriter& w) const override;
};

}  // namespace runnel::sql::ast
