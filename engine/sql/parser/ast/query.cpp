#include "engine/sql/parser/ast/query.h"

#include "engine/sql/parser/ast/expr.h"

namespace runnel::sql::ast {

Query::Query() = default;
Query::~Query() = default;
Query::Query(Query&&) noexcept = default;
Query& Query::operator=(Query&&) noexcept = default;

void SelectItem::print(SqlWriter& w) const {
  switch (kind) {
    case SelectItemKind::kExpr:
      w.expr(*expr);
      if (alias) {
        w << " AS ";
        w.identifier(*alias);
      }
      return;
    case SelectItemKind::kAll:
      w << "*";
      return;
    case SelectItemKind::kSourceAll:
      w.identifier(source);
      w << ".*";
      return;
    case SelectItemKind::kStructAll:
      w.expr(*expr, precedence::kPostfix);
      w << "->*";
      return;
  }
}

namespace {

void printSource(SqlWriter& w, const AliasedSource& s) {
  w.identifier(s.name);
  if (s.alias) {
    w << " AS ";
    w.identifier(*s.alias);
  }
}

std::string_view joinKeyword(JoinType type) {
  switch (type) {
    case JoinType::kInner:
      return "JOIN";
    case JoinType::kLeft:
      return "LEFT JOIN";
    case JoinType::kRight:
      return "RIGHT JOIN";
    case JoinType::kFull:
      return "FULL OUTER JOIN";
  }
  return "JOIN";
}

void printExprList(SqlWriter& w, const std::vector<ExprPtr>& exprs) {
  w.exprList(exprs);
}

}  // namespace

void FromClause::print(SqlWriter& w) const {
  printSource(w, source);
  for (const Join& j : joins) {
    w.clauseBreak();
    w << joinKeyword(j.type) << " ";
    printSource(w, j.right);
    if (j.within) {
      w << " WITHIN ";
      if (j.within->after) {
        w << "(" << j.within->before.toSql() << ", " << j.within->after->toSql() << ")";
      } else {
        w << j.within->before.toSql();
      }
      if (j.within->grace) w << " GRACE PERIOD " << j.within->grace->toSql();
    }
    w << " ON ";
    w.expr(*j.on);
  }
}

void Query::print(SqlWriter& w) const {
  w << "SELECT ";
  for (size_t i = 0; i < select.size(); ++i) {
    if (i > 0) w << ", ";
    select[i].print(w);
  }
  w.clauseBreak();
  w << "FROM ";
  from.print(w);
  if (window) {
    w.clauseBreak();
    w << "WINDOW ";
    window->print(w);
  }
  if (where) {
    w.clauseBreak();
    w << "WHERE ";
    w.expr(*where);
  }
  if (!groupBy.empty()) {
    w.clauseBreak();
    w << "GROUP BY ";
    printExprList(w, groupBy);
  }
  if (!partitionBy.empty()) {
    w.clauseBreak();
    w << "PARTITION BY ";
    printExprList(w, partitionBy);
  }
  if (having) {
    w.clauseBreak();
    w << "HAVING ";
    w.expr(*having);
  }
  if (emitMode != EmitMode::kNone) {
    w.clauseBreak();
    w << (emitMode == EmitMode::kChanges ? "EMIT CHANGES" : "EMIT FINAL");
  }
  if (limit) {
    w.clauseBreak();
    w << "LIMIT " << std::to_string(*limit);
  }
}

std::string Query::toSql(SqlPrintOptions options) const {
  SqlWriter w(options);
  print(w);
  return w.take();
}

}  // namespace runnel::sql::ast
