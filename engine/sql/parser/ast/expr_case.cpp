#include "engine/sql/parser/ast/expr_case.h"

namespace runnel::sql::ast {

void CaseExpr::print(SqlWriter& w) const {
  w << "CASE";
  if (operand) {
    w << " ";
    w.expr(*operand);
  }
  for (const WhenClause& c : whens) {
    w << " WHEN ";
    w.expr(*c.when);
    w << " THEN ";
    w.expr(*c.then);
  }
  if (elseResult) {
    w << " ELSE ";
    w.expr(*elseResult);
  }
  w << " END";
}

}  // namespace runnel::sql::ast
