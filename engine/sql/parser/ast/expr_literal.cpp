#include "engine/sql/parser/ast/expr_literal.h"

namespace runnel::sql::ast {

void LiteralExpr::print(SqlWriter& w) const {
  switch (literalKind) {
    case LiteralKind::kNull:
      w << "NULL";
      return;
    case LiteralKind::kBoolean:
      w << (boolValue ? "TRUE" : "FALSE");
      return;
    case LiteralKind::kString:
      w.stringLiteral(text);
      return;
    case LiteralKind::kInteger:
    case LiteralKind::kBigint:
    case LiteralKind::kDecimal:
    case LiteralKind::kDouble:
      w << text;
      return;
  }
}

}  // namespace runnel::sql::ast
