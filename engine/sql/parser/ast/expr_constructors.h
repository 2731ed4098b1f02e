// Constructor expressions: ARRAY[a, b], MAP(k := v, ...) and STRUCT(name := value, ...).
// Each owns its element expressions.
#pragma once

#include <utility>
#include <vector>

#include "engine/sql/parser/ast/ast_identifier.h"
#include "engine/sql/parser/ast/expr.h"

namespace runnel::sql::ast {

struct ArrayConstructorExpr final : Expr {
  static constexpr ExprKind kKind = ExprKind::kArrayConstructor;
  ArrayConstructorExpr() : Expr(kKind) {}

  std::vector<ExprPtr> elements;

  void print(SqlWriter& w) const override;
};

struct MapConstructorExpr final : Expr {
  static constexpr ExprKind kKind = ExprKind::kMapConstructor;
  MapConstructorExpr() : Expr(kKind) {}

  std::vector<std::pair<ExprPtr, ExprPtr>> entries;  // key, value

  void print(SqlWriter& w) const override;
};

struct StructConstructorExpr final : Expr {
  static constexpr ExprKind kKind = ExprKind::kStructConstructor;
  StructConstructorExpr() : Expr(kKind) {}

  std::vector<std::pair<Identifier, ExprPtr>> fields;

  void print(SqlWriter& w) const override;
};

}  // namespace runnel::sql::ast
