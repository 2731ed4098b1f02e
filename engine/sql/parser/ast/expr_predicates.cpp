#include "engine/sql/parser/ast/expr_predicates.h"

namespace runnel::sql::ast {

void IsNullExpr::print(SqlWriter& w) const {
  w.expr(*operand, precedence::kPredicate, true);
  w << (negated ? " IS NOT NULL" : " IS NULL");
}

void BetweenExpr::print(SqlWriter& w) const {
  w.expr(*operand, precedence::kPredicate, true);
  w << (negated ? " NOT BETWEEN " : " BETWEEN ");
  w.expr(*low, precedence::kConcat);
  w << " AND ";
  w.expr(*high, precedence::kConcat);
}

void InListExpr::print(SqlWriter& w) const {
  w.expr(*operand, precedence::kPredicate, true);
  w << (negated ? " NOT IN (" : " IN (");
  w.exprList(values);
  w << ")";
}

void LikeExpr::print(SqlWriter& w) const {
  w.expr(*operand, precedence::kPredicate, true);
  w << (negated ? " NOT LIKE " : " LIKE ");
  w.expr(*pattern, precedence::kConcat);
  if (escape) {
    w << " ESCAPE ";
    w.stringLiteral(*escape);
  }
}

}  // namespace runnel::sql::ast
