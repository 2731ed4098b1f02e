#include "engine/sql/parser/ast/expr_constructors.h"

namespace runnel::sql::ast {

void ArrayConstructorExpr::print(SqlWriter& w) const {
  w << "ARRAY[";
  w.exprList(elements);
  w << "]";
}

void MapConstructorExpr::print(SqlWriter& w) const {
  w << "MAP(";
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i > 0) w << ", ";
    w.expr(*entries[i].first);
    w << " := ";
    w.expr(*entries[i].second);
  }
  w << ")";
}

void StructConstructorExpr::print(SqlWriter& w) const {
  w << "STRUCT(";
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) w << ", ";
    w.identifier(fields[i].first);
    w << " := ";
    w.expr(*fields[i].second);
  }
  w << ")";
}

}  // namespace runnel::sql::ast
