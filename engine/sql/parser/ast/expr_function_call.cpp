#include "engine/sql/parser/ast/expr_function_call.h"

namespace runnel::sql::ast {

void FunctionCallExpr::print(SqlWriter& w) const {
  w.identifier(name);
  w << "(";
  if (star) {
    w << "*";
  } else {
    if (distinct) w << "DISTINCT ";
    w.exprList(args);
  }
  w << ")";
}

void LambdaExpr::print(SqlWriter& w) const {
  if (params.size() == 1) {
    w.identifier(params[0]);
  } else {
    w << "(";
    for (size_t i = 0; i < params.size(); ++i) {
      if (i > 0) w << ", ";
      w.identifier(params[i]);
    }
    w << ")";
  }
  w << " => ";
  w.expr(*body, precedence::kOr);
}

}  // namespace runnel::sql::ast
