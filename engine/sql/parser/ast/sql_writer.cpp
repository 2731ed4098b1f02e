#include "engine/sql/parser/ast/sql_writer.h"

#include "engine/sql/lexer/keywords.h"
#include "engine/sql/lexer/lexer.h"
#include "engine/sql/parser/ast/ast_type.h"
#include "engine/sql/parser/ast/expr.h"

namespace runnel::sql::ast {

bool isPlainIdentifier(std::string_view name) {
  if (name.empty() || !isIdentifierStart(name.front())) return false;
  for (char c : name) {
    if (!isIdentifierChar(c) || (c >= 'a' && c <= 'z')) return false;
  }
  Keyword k = lookupKeyword(name);
  if (k == Keyword::kNone) return true;
  // ARRAY[, MAP( and STRUCT( start constructors, so such columns must stay quoted.
  if (k == Keyword::kArray || k == Keyword::kMap || k == Keyword::kStruct) return false;
  return !isReservedKeyword(k);
}

void SqlWriter::identifier(const Identifier& id) {
  if (!id.quoted && isPlainIdentifier(id.name)) {
    out_.append(id.name);
    return;
  }
  out_.push_back('`');
  for (char c : id.name) {
    if (c == '`') out_.push_back('`');
    out_.push_back(c);
  }
  out_.push_back('`');
}

void SqlWriter::stringLiteral(std::string_view value) {
  out_.push_back('\'');
  for (char c : value) {
    if (c == '\'') out_.push_back('\'');
    out_.push_back(c);
  }
  out_.push_back('\'');
}

void SqlWriter::expr(const Expr& e, int parentPrecedence, bool parenAtEqual) {
  int p = e.precedence();
  bool paren = p < parentPrecedence || (parenAtEqual && p == parentPrecedence) ||
               (options_.parenthesizeAll && p < precedence::kPrimary);
  if (paren) out_.push_back('(');
  e.print(*this);
  if (paren) out_.push_back(')');
}

void SqlWriter::exprList(const std::vector<ExprPtr>& exprs) {
  for (size_t i = 0; i < exprs.size(); ++i) {
    if (i > 0) out_.append(", ");
    expr(*exprs[i]);
  }
}

void SqlWriter::type(const SqlType& t) {
  switch (t.kind) {
    case TypeKind::kBoolean:
      out_.append("BOOLEAN");
      return;
    case TypeKind::kInteger:
      out_.append("INTEGER");
      return;
    case TypeKind::kBigint:
      out_.append("BIGINT");
      return;
    case TypeKind::kDouble:
      out_.append("DOUBLE");
      return;
    case TypeKind::kDecimal:
      out_.append("DECIMAL(" + std::to_string(t.precision) + ", " + std::to_string(t.scale) + ")");
      return;
    case TypeKind::kString:
      out_.append("STRING");
      return;
    case TypeKind::kBytes:
      out_.append("BYTES");
      return;
    case TypeKind::kTimestamp:
      out_.append("TIMESTAMP");
      return;
    case TypeKind::kDate:
      out_.append("DATE");
      return;
    case TypeKind::kTime:
      out_.append("TIME");
      return;
    case TypeKind::kArray:
      out_.append("ARRAY<");
      if (!t.params.empty()) type(*t.params[0]);
      out_.push_back('>');
      return;
    case TypeKind::kMap:
      out_.append("MAP<");
      if (t.params.size() == 2) {
        type(*t.params[0]);
        out_.append(", ");
        type(*t.params[1]);
      }
      out_.push_back('>');
      return;
    case TypeKind::kStruct:
      out_.append("STRUCT<");
      for (size_t i = 0; i < t.fields.size(); ++i) {
        if (i > 0) out_.append(", ");
        identifier(t.fields[i].name);
        out_.push_back(' ');
        type(*t.fields[i].type);
      }
      out_.push_back('>');
      return;
    case TypeKind::kCustom:
      identifier(t.customName);
      return;
  }
}

std::string SqlType::toSql() const {
  SqlWriter w;
  w.type(*this);
  return w.take();
}

std::string toSql(const Expr& expr, SqlPrintOptions options) {
  SqlWriter w(options);
  w.expr(expr);
  return w.take();
}

}  // namespace runnel::sql::ast
