// The FROM clause of a query: a source with an optional alias, then joins — each with its type
// ([INNER] | LEFT [OUTER] | RIGHT [OUTER] | FULL [OUTER]), optional WITHIN window (one size, or
// before and after sizes) with GRACE PERIOD, and its ON condition. Owns the ON expressions.
#pragma once

#include <optional>
#include <vector>

#include "engine/sql/parser/ast/ast_identifier.h"
#include "engine/sql/parser/ast/ast_ptr.h"
#include "engine/sql/parser/ast/expr.h"
#include "engine/sql/parser/ast/query_window.h"

namespace runnel::sql::ast {

struct AliasedSource {
  Identifier name;
  std::optional<Identifier> alias;
  SourceRange range;

  // The name the query's expressions use for it: the alias when there is one.
  const Identifier& effectiveName() const { return alias ? *alias : name; }
};

enum class JoinType : unsigned char { kInner, kLeft, kRight, kFull };

struct JoinWithin {
  Duration before;                // the only size of `WITHIN n unit`
  std::optional<Duration> after;  // `WITHIN (before, after)`
  std::optional<Duration> grace;
};

struct Join {
  JoinType type = JoinType::kInner;
  AliasedSource right;
  std::optional<JoinWithin> within;
  ExprPtr on;
  SourceRange range;  // from the join keyword to the end of the ON condition
};

struct FromClause {
  AliasedSource source;
  std::vector<Join> joins;

  void print(SqlWriter& w) const;
};

}  // namespace runnel::sql::ast
