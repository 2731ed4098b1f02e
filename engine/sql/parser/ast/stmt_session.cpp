#include "engine/sql/parser/ast/stmt_session.h"

namespace runnel::sql::ast {

void SetPropertyStmt::print(SqlWriter& w) const {
  w << "SET ";
  w.stringLiteral(name);
  w << "=";
  w.stringLiteral(value);
}

void UnsetPropertyStmt::print(SqlWriter& w) const {
  w << "UNSET ";
  w.stringLiteral(name);
}

void DefineVariableStmt::print(SqlWriter& w) const {
  w << "DEFINE " << name << " = ";
  w.stringLiteral(value);
}

void UndefineVariableStmt::print(SqlWriter& w) const {
  w << "UNDEFINE " << name;
}

void ExplainStmt::print(SqlWriter& w) const {
  w << "EXPLAIN ";
  if (statement) {
    statement->print(w);
  } else {
    w.identifier(queryId);
  }
}

}  // namespace runnel::sql::ast
