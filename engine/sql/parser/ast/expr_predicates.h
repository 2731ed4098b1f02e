// Predicate expressions that are not plain comparisons: IS [NOT] NULL, [NOT] BETWEEN,
// [NOT] IN (list) and [NOT] LIKE [ESCAPE]. Each owns its operands.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/sql/parser/ast/expr.h"

namespace runnel::sql::ast {

struct IsNullExpr final : Expr {
  static constexpr ExprKind kKind = ExprKind::kIsNull;
  IsNullExpr() : Expr(kKind) {}

  ExprPtr operand;
  bool negated = false;  // IS NOT NULL

  int precedence() const override { return precedence::kPredicate; }
  void print(SqlWriter& w) const override;
};

struct BetweenExpr final : Expr {
  static constexpr ExprKind kKind = ExprKind::kBetween;
  BetweenExpr() : Expr(kKind) {}

  ExprPtr operand;
  ExprPtr low;
  ExprPtr high;
  bool negated = false;

  int precedence() const override { return precedence::kPredicate; }
  void print(SqlWriter& w) const override;
};

struct InListExpr final : Expr {
  static constexpr ExprKind kKind = ExprKind::kInList;
  InListExpr() : Expr(kKind) {}

  ExprPtr operand;
  std::vector<ExprPtr> values;
  bool negated = false;

  int precedence() const override { return precedence::kPredicate; }
  void print(SqlWriter& w) const override;
};

struct LikeExpr final : Expr {
  static constexpr ExprKind kKind = ExprKind::kLike;
  LikeExpr() : Expr(kKind) {}

  ExprPtr operand;
  ExprPtr pattern;
  std::optional<std::string> escape;  // the ESCAPE string's value
  bool negated = false;

  int precedence() const override { return precedence::kPredicate; }
  void print(SqlWriter& w) const override;
};

}  // namespace runnel::sql::ast
