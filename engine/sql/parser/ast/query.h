// Query: a SELECT — select list, FROM with joins, WINDOW, WHERE, GROUP BY, PARTITION BY,
// HAVING, EMIT CHANGES|FINAL and LIMIT. With EMIT it is a push query (runs until cancelled);
// without, a pull query. Owns all its parts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/sql/parser/ast/ast_ptr.h"
#include "engine/sql/parser/ast/query_relation.h"
#include "engine/sql/parser/ast/query_select_item.h"
#include "engine/sql/parser/ast/query_window.h"

namespace runnel::sql::ast {

enum class EmitMode : unsigned char { kNone, kChanges, kFinal };

struct Query {
  std::vector<SelectItem> select;
  FromClause from;
  std::optional<WindowSpec> window;
  ExprPtr where;  // may be null
  std::vector<ExprPtr> groupBy;
  std::vector<ExprPtr> partitionBy;
  ExprPtr having;  // may be null
  EmitMode emitMode = EmitMode::kNone;
  std::optional<int64_t> limit;
  SourceRange range;

  bool isPushQuery() const { return emitMode != EmitMode::kNone; }
  void print(SqlWriter& w) const;
  std::string toSql(SqlPrintOptions options = {}) const;

  Query();
  ~Query();
  Query(Query&&) noexcept;
  Query& operator=(Query&&) noexcept;
};

}  // namespace runnel::sql::ast
