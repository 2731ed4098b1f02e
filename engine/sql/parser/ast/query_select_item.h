// SelectItem: one entry of a SELECT list — `expr [AS alias]`, `*`, `source.*` or `struct->*`.
// Owns its expression.
#pragma once

#include <optional>

#include "engine/sql/parser/ast/ast_identifier.h"
#include "engine/sql/parser/ast/ast_ptr.h"
#include "engine/sql/parser/ast/expr.h"
#include "engine/sql/parser/ast/sql_writer.h"

namespace runnel::sql::ast {

enum class SelectItemKind : unsigned char {
  kExpr,       // expr [AS alias]
  kAll,        // *
  kSourceAll,  // source.*
  kStructAll,  // struct->*
};

struct SelectItem {
  SelectItemKind kind = SelectItemKind::kExpr;
  ExprPtr expr;                     // kExpr; the struct for kStructAll
  std::optional<Identifier> alias;  // kExpr
  Identifier source;                // kSourceAll
  SourceRange range;

  void print(SqlWriter& w) const;
};

}  // namespace runnel::sql::ast
