// Operator expressions: unary (-x, +x, NOT x) and binary (arithmetic, `||` concatenation,
// comparisons, IS [NOT] DISTINCT FROM, AND, OR). Each owns its operands.
#pragma once

#include <string_view>

#include "engine/sql/parser/ast/expr.h"

namespace runnel::sql::ast {

enum class UnaryOp : unsigned char { kNegate, kPlus, kNot };

enum class BinaryOp : unsigned char {
  kOr,
  kAnd,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kIsDistinctFrom,
  kIsNotDistinctFrom,
  kConcat,
  kAdd,
  kSub,
  kMul,
  kDiv,
  kMod,
};

std::string_view binaryOpSql(BinaryOp op);
int binaryOpPrecedence(BinaryOp op);

struct UnaryExpr final : Expr {
  static constexpr ExprKind kKind = ExprKind::kUnary;
  UnaryExpr() : Expr(kKind) {}

  UnaryOp op = UnaryOp::kNegate;
  ExprPtr operand;

  int precedence() const override {
    return op == UnaryOp::kNot ? precedence::kNot : precedence::kUnary;
  }
  void print(SqlWriter& w) const override;
};

struct BinaryExpr final : Expr {
  static constexpr ExprKind kKind = ExprKind::kBinary;
  BinaryExpr() : Expr(kKind) {}

  BinaryOp op = BinaryOp::kAdd;
  ExprPtr left;
  ExprPtr right;

  int precedence() const override { return binaryOpPrecedence(op); }
  void print(SqlWriter& w) const override;
};

}  // namespace runnel::sql::ast
