#include "engine/sql/parser/ast/stmt_type.h"

namespace runnel::sql::ast {

void CreateTypeStmt::print(SqlWriter& w) const {
  w << "CREATE TYPE ";
  if (ifNotExists) w << "IF NOT EXISTS ";
  w.identifier(name);
  w << " AS ";
  w.type(*type);
}

void DropTypeStmt::print(SqlWriter& w) const {
  w << "DROP TYPE ";
  if (ifExists) w << "IF EXISTS ";
  w.identifier(name);
}

}  // namespace runnel::sql::ast
