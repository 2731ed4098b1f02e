#include "engine/sql/parser/ast/stmt.h"

#include "engine/sql/parser/ast/expr.h"

namespace runnel::sql::ast {

std::string toSql(const Statement& statement, SqlPrintOptions options) {
  SqlWriter w(options);
  statement.print(w);
  return w.take();
}

const Expr* findProperty(const std::vector<Property>& properties, std::string_view upperName) {
  for (const Property& p : properties) {
    if (p.name == upperName) return p.value.get();
  }
  return nullptr;
}

void printProperties(SqlWriter& w, const std::vector<Property>& properties) {
  if (properties.empty()) return;
  w << " WITH (";
  for (size_t i = 0; i < properties.size(); ++i) {
    if (i > 0) w << ", ";
    if (isPlainIdentifier(properties[i].name)) {
      w << properties[i].name;
    } else {
      w.stringLiteral(properties[i].name);
    }
    w << "=";
    w.expr(*properties[i].value);
  }
  w << ")";
}

}  // namespace runnel::sql::ast
