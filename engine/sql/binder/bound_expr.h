// BoundExpr: an expression after binding — every column resolved to a slot of the row it will
// read, every function resolved, every node typed — evaluated by a small tree-walking
// interpreter (evaluate()). SQL's three-valued logic holds: comparisons with NULL are NULL, AND
// and OR follow Kleene's tables, and a failing CAST or a division by zero gives NULL, as ksqlDB
// does (which logs instead of failing the query).
// Ownership: a tree owns its children; trees are immutable after binding and may be evaluated
// from several threads at once.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/sql/functions/function_registry.h"
#include "engine/sql/lexer/source_range.h"
#include "engine/sql/parser/ast/expr_operators.h"
#include "engine/sql/types/schema.h"
#include "engine/sql/types/value.h"
#include "engine/sql/types/window.h"

namespace runnel::sql {

enum class BoundKind : unsigned char {
  kLiteral,
  kColumn,  // row value at `column`
  kPseudo,  // ROWTIME, ROWPARTITION, ROWOFFSET, WINDOWSTART, WINDOWEND
  kNot,
  kNegate,
  kBinary,       // `op`: arithmetic, comparison, AND, OR, ||, IS [NOT] DISTINCT FROM
  kIsNull,       // `negated`: IS NOT NULL
  kBetween,      // children: operand, low, high
  kInList,       // children: operand, values...
  kLike,         // children: operand, pattern; `escape`
  kCase,         // children: [operand], when, then, when, then, ..., [else]
  kCast,         // to `type`
  kCall,         // scalar `function`
  kDereference,  // struct field `name`
  kSubscript,    // array (1-based) or map
  kArray,
  kMap,     // children: key, value, key, value, ...
  kStruct,  // `fieldNames`
};

struct BoundExpr;
using BoundExprPtr = std::shared_ptr<const BoundExpr>;

struct BoundExpr {
  BoundKind kind = BoundKind::kLiteral;
  DataType type;
  SourceRange range;
  std::string sql;  // canonical text (names unaliased result columns, matches GROUP BY items)
  std::vector<BoundExprPtr> children;

  Value literal;    // kLiteral
  int column = -1;  // kColumn
  PseudoColumn pseudo = PseudoColumn::kRowtime;
  ast::BinaryOp op = ast::BinaryOp::kAdd;
  bool negated = false;     // IS NOT NULL, NOT BETWEEN, NOT IN, NOT LIKE
  bool hasOperand = false;  // simple CASE
  bool hasElse = false;     // CASE ... ELSE
  const ScalarFunction* function = nullptr;
  std::string name;                     // kDereference field
  std::optional<char> escape;           // kLike
  std::vector<std::string> fieldNames;  // kStruct
};

// The row an expression reads: values in the slot order the binder used, plus the record's
// metadata for the pseudo-columns.
struct RowContext {
  const std::vector<Value>& values;
  std::int64_t rowtime = 0;
  std::int32_t partition = 0;
  std::int64_t offset = 0;
  std::optional<WindowBounds> window;
};

Value evaluate(const BoundExpr& expr, const RowContext& row);
// True only when `expr` evaluates to TRUE (NULL and FALSE both reject), as WHERE and HAVING use.
bool evaluatePredicate(const BoundExpr& expr, const RowContext& row);
// SQL LIKE with '%' and '_' (and an optional escape character).
bool likeMatch(std::string_view text, std::string_view pattern, std::optional<char> escape);

}  // namespace runnel::sql
