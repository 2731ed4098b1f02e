// BindScope and ExpressionBinder: what names an expression may use and how they resolve.
// A scope is the FROM sources (each a schema placed at a slot offset in the row the executor
// builds) and, after GROUP BY, an aggregation context in which GROUP BY expressions and aggregate
// calls become slots of the post-aggregation row [group keys..., aggregate results...].
// Errors are rendered like the parser's: "line 3:8: ..." with the source line and a caret.
// Not thread-safe; one binder per statement.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/result.h"
#include "engine/sql/binder/bound_expr.h"
#include "engine/sql/parser/ast/expr.h"

namespace runnel::sql {

struct AggregateCall {
  std::string sql;
  const AggregateFunction* function = nullptr;
  std::shared_ptr<const Aggregator> aggregator;
  std::vector<BoundExprPtr> args;  // over the source row
};

struct AggregationContext {
  std::vector<BoundExprPtr> groupBy;      // over the source row; slot i of the post-agg row
  std::vector<AggregateCall> aggregates;  // slot groupBy.size() + j; added while binding
};

struct BindScope {
  struct Source {
    std::string name;  // the alias or source name
    const Schema* schema = nullptr;
    int offset = 0;  // slot of the schema's first column in the row
  };
  std::vector<Source> sources;
  bool windowBounds = false;                  // WINDOWSTART / WINDOWEND are available
  AggregationContext* aggregation = nullptr;  // set after GROUP BY: post-aggregation binding
};

class ExpressionBinder {
 public:
  // `text` is the statement's full text, for caret rendering (may be empty).
  explicit ExpressionBinder(std::string_view text) : text_(text) {}

  Result<BoundExprPtr> bind(const ast::Expr& expr, const BindScope& scope);
  // An error at `range`, rendered with the offending line and a caret.
  Status error(const SourceRange& range, const std::string& message,
               const std::string& hint = {}) const;

 private:
  Result<BoundExprPtr> bindNode(const ast::Expr& expr, const BindScope& scope);
  Result<BoundExprPtr> bindColumn(const ast::Expr& expr, const BindScope& scope);
  Result<BoundExprPtr> bindCall(const ast::Expr& expr, const BindScope& scope);
  Result<BoundExprPtr> bindBinary(const ast::Expr& expr, const BindScope& scope);
  Result<BoundExprPtr> bindAggregate(const ast::Expr& expr, const BindScope& scope);

  std::string_view text_;
};

// The names closest to `name` among `candidates` (edit distance), for "did you mean" hints.
std::string suggestName(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace runnel::sql
