#include "engine/sql/parser/ast/expr_cast.h"

namespace runnel::sql::ast {

void CastExpr::print(SqlWriter& w) const {
  w << "CAST(";
  w.expr(*operand);
  w << " AS ";
  w.type(*type);
  w << ")";
}

}  // namespace runnel::sql::ast
