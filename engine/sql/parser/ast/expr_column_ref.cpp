#include "engine/sql/parser/ast/expr_column_ref.h"

namespace runnel::sql::ast {

void ColumnRefExpr::print(SqlWriter& w) const {
  if (source) {
    w.identifier(*source);
    w << ".";
  }
  w.identifier(column);
}

void VariableRefExpr::print(SqlWriter& w) const {
  w << "${" << name << "}";
}

void DereferenceExpr::print(SqlWriter& w) const {
  w.expr(*base, precedence::kPostfix);
  w << "->";
  w.identifier(field);
}

void SubscriptExpr::print(SqlWriter& w) const {
  w.expr(*base, precedence::kPostfix);
  w << "[";
  w.expr(*index);
  w << "]";
}

}  // namespace runnel::sql::ast
