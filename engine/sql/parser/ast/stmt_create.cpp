#include "engine/sql/parser/ast/expr.h"
#include "engine/sql/parser/ast/stmt_create_as_select.h"
#include "engine/sql/parser/ast/stmt_create_source.h"

namespace runnel::sql::ast {
namespace {

void printHead(SqlWriter& w, SourceKind kind, bool orReplace, bool isSource, bool ifNotExists,
               const Identifier& name) {
  w << "CREATE ";
  if (orReplace) w << "OR REPLACE ";
  if (isSource) w << "SOURCE ";
  w << (kind == SourceKind::kStream ? "STREAM " : "TABLE ");
  if (ifNotExists) w << "IF NOT EXISTS ";
  w.identifier(name);
}

}  // namespace

void CreateSourceStmt::print(SqlWriter& w) const {
  printHead(w, sourceKind, orReplace, isSource, ifNotExists, name);
  if (!columns.empty()) {
    w << " (";
    for (size_t i = 0; i < columns.size(); ++i) {
      const ColumnDef& c = columns[i];
      if (i > 0) w << ", ";
      w.identifier(c.name);
      w << " ";
      w.type(*c.type);
      switch (c.constraint) {
        case ColumnConstraint::kNone:
          break;
        case ColumnConstraint::kKey:
          w << " KEY";
          break;
        case ColumnConstraint::kPrimaryKey:
          w << " PRIMARY KEY";
          break;
        case ColumnConstraint::kHeaders:
          w << " HEADERS";
          break;
        case ColumnConstraint::kHeader:
          w << " HEADER(";
          w.stringLiteral(c.headerKey);
          w << ")";
          break;
      }
    }
    w << ")";
  }
  printProperties(w, properties);
}

void CreateAsSelectStmt::print(SqlWriter& w) const {
  printHead(w, sourceKind, orReplace, false, ifNotExists, name);
  printProperties(w, properties);
  w << " AS";
  w.clauseBreak();
  query->print(w);
}

}  // namespace runnel::sql::ast
