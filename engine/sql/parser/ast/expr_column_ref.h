// Column-like expressions: a (possibly source-qualified) column reference, a ${variable}
// reference, a struct field dereference (`address->city`) and a subscript (`items[1]`,
// `tags['k']`). Each owns its sub-expressions.
#pragma once

#include <optional>
#include <string>

#include "engine/sql/parser/ast/ast_identifier.h"
#include "engine/sql/parser/ast/expr.h"

namespace runnel::sql::ast {

// `column` or `source.column`. A time-unit word passed to a function (TIMESTAMPADD(MINUTES, ...))
// also arrives as a ColumnRefExpr; the binder knows which argument positions take units.
struct ColumnRefExpr final : Expr {
  static constexpr ExprKind kKind = ExprKind::kColumnRef;
  ColumnRefExpr() : Expr(kKind) {}

  std::optional<Identifier> source;
  Identifier column;

  void print(SqlWriter& w) const override;
};

// `${name}`, substituted before binding.
struct VariableRefExpr final : Expr {
  static constexpr ExprKind kKind = ExprKind::kVariableRef;
  VariableRefExpr() : Expr(kKind) {}

  std::string name;  // without ${ }

  void print(SqlWriter& w) const override;
};

struct DereferenceExpr final : Expr {
  static constexpr ExprKind kKind = ExprKind::kDereference;
  DereferenceExpr() : Expr(kKind) {}

  ExprPtr base;
  Identifier field;

  int precedence() const override { return precedence::kPostfix; }
  void print(SqlWriter& w) const override;
};

struct SubscriptExpr final : Expr {
  static constexpr ExprKind kKind = ExprKind::kSubscript;
  SubscriptExpr() : Expr(kKind) {}

  ExprPtr base;
  ExprPtr index;

  int precedence() const override { return precedence::kPostfix; }
  void print(SqlWriter& w) const override;
};

}  // namespace runnel::sql::ast
