#include "engine/sql/parser/ast/stmt_insert.h"

#include "engine/sql/parser/ast/expr.h"

namespace runnel::sql::ast {

void InsertIntoStmt::print(SqlWriter& w) const {
  w << "INSERT INTO ";
  w.identifier(target);
  printProperties(w, properties);
  w.clauseBreak();
  query->print(w);
}

void InsertValuesStmt::print(SqlWriter& w) const {
  w << "INSERT INTO ";
  w.identifier(target);
  if (!columns.empty()) {
    w << " (";
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) w << ", ";
      w.identifier(columns[i]);
    }
    w << ")";
  }
  w << " VALUES (";
  w.exprList(values);
  w << ")";
}

}  // namespace runnel::sql::ast
