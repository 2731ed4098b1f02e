// LiteralExpr: a constant written in the SQL text — NULL, TRUE/FALSE, a number or a string.
// Numbers keep the text they were written with (sign included) so DECIMAL digits are exact;
// integers are INTEGER when they fit 32 bits and BIGINT otherwise, as in ksqlDB.
#pragma once

#include <cstdint>
#include <string>

#include "engine/sql/parser/ast/expr.h"

namespace runnel::sql::ast {

enum class LiteralKind : unsigned char {
  kNull,
  kBoolean,
  kInteger,  // fits int32
  kBigint,   // fits int64
  kDecimal,  // 12.50, .5 — exact
  kDouble,   // 1.5E3 — an exponent makes a DOUBLE
  kString,
};

struct LiteralExpr final : Expr {
  static constexpr ExprKind kKind = ExprKind::kLiteral;
  LiteralExpr() : Expr(kKind) {}

  LiteralKind literalKind = LiteralKind::kNull;
  bool boolValue = false;
  int64_t intValue = 0;    // kInteger, kBigint
  double doubleValue = 0;  // kDouble, and kDecimal approximated
  std::string text;        // numbers: as written, with sign; kString: the unescaped value

  void print(SqlWriter& w) const override;
};

}  // namespace runnel::sql::ast
