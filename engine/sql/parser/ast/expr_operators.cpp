#include "engine/sql/parser/ast/expr_operators.h"

namespace runnel::sql::ast {

std::string_view binaryOpSql(BinaryOp op) {
  switch (op) {
    case BinaryOp::kOr:
      return "OR";
    case BinaryOp::kAnd:
      return "AND";
    case BinaryOp::kEq:
      return "=";
    case BinaryOp::kNe:
      return "<>";
    case BinaryOp::kLt:
      return "<";
    case BinaryOp::kLe:
      return "<=";
    case BinaryOp::kGt:
      return ">";
    case BinaryOp::kGe:
      return ">=";
    case BinaryOp::kIsDistinctFrom:
      return "IS DISTINCT FROM";
    case BinaryOp::kIsNotDistinctFrom:
      return "IS NOT DISTINCT FROM";
    case BinaryOp::kConcat:
      return "||";
    case BinaryOp::kAdd:
      return "+";
    case BinaryOp::kSub:
      return "-";
    case BinaryOp::kMul:
      return "*";
    case BinaryOp::kDiv:
      return "/";
    case BinaryOp::kMod:
      return "%";
  }
  return "?";
}

int binaryOpPrecedence(BinaryOp op) {
  switch (op) {
    case BinaryOp::kOr:
      return precedence::kOr;
    case BinaryOp::kAnd:
      return precedence::kAnd;
    case BinaryOp::kEq:
    case BinaryOp::kNe:
    case BinaryOp::kLt:
    case BinaryOp::kLe:
    case BinaryOp::kGt:
    case BinaryOp::kGe:
    case BinaryOp::kIsDistinctFrom:
    case BinaryOp::kIsNotDistinctFrom:
      return precedence::kPredicate;
    case BinaryOp::kConcat:
      return precedence::kConcat;
    case BinaryOp::kAdd:
    case BinaryOp::kSub:
      return precedence::kAdditive;
    case BinaryOp::kMul:
    case BinaryOp::kDiv:
    case BinaryOp::kMod:
      return precedence::kMultiplicative;
  }
  return precedence::kPrimary;
}

void UnaryExpr::print(SqlWriter& w) const {
  if (op == UnaryOp::kNot) {
    w << "NOT ";
    w.expr(*operand, precedence::kNot);
    return;
  }
  w << (op == UnaryOp::kNegate ? "-" : "+");
  // "-" followed by a negative operand would read back as a "--" comment.
  SqlWriter inner(w.options());
  inner.expr(*operand, precedence::kUnary);
  const std::string& text = inner.text();
  bool wrap = !text.empty() && (text.front() == '-' || text.front() == '+');
  if (wrap) w << "(";
  w << text;
  if (wrap) w << ")";
}

void BinaryExpr::print(SqlWriter& w) const {
  int p = precedence();
  // Predicates do not chain, so an equal-precedence left operand needs parentheses too.
  w.expr(*left, p, p == precedence::kPredicate);
  w << " " << binaryOpSql(op) << " ";
  w.expr(*right, p, true);
}

}  // namespace runnel::sql::ast
