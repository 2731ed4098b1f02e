// Expr: the base of every expression node. A node knows its kind (for the binder's switches),
// its source range (for error positions), its precedence and how to print itself. Derived
// nodes live in the expr_*.h files, one kind or a few related kinds per file.
// Ownership: children are held by ExprPtr (unique_ptr); a tree is immutable after parsing.
#pragma once

#include <cassert>
#include <string>

#include "engine/sql/lexer/source_range.h"
#include "engine/sql/parser/ast/ast_ptr.h"
#include "engine/sql/parser/ast/sql_writer.h"

namespace runnel::sql::ast {

enum class ExprKind : unsigned char {
  kLiteral,
  kColumnRef,
  kVariableRef,
  kDereference,  // struct->field
  kSubscript,    // array[index], map[key]
  kUnary,
  kBinary,
  kIsNull,
  kBetween,
  kInList,
  kLike,
  kCase,
  kCast,
  kFunctionCall,
  kLambda,
  kArrayConstructor,
  kMapConstructor,
  kStructConstructor,
};

// Binding strength, loosest first; used by the parser's precedence climbing and the printer.
namespace precedence {
inline constexpr int kLambda = 0;
inline constexpr int kOr = 1;
inline constexpr int kAnd = 2;
inline constexpr int kNot = 3;
inline constexpr int kPredicate = 4;  // comparisons, IS NULL, BETWEEN, IN, LIKE: do not chain
inline constexpr int kConcat = 5;
inline constexpr int kAdditive = 6;
inline constexpr int kMultiplicative = 7;
inline constexpr int kUnary = 8;
inline constexpr int kPostfix = 9;  // subscript, dereference
inline constexpr int kPrimary = 10;
}  // namespace precedence

struct Expr {
  explicit Expr(ExprKind k) : kind(k) {}
  virtual ~Expr() = default;
  Expr(const Expr&) = delete;
  Expr& operator=(const Expr&) = delete;

  virtual int precedence() const { return precedence::kPrimary; }
  virtual void print(SqlWriter& w) const = 0;

  template <typename T>
  const T& as() const {
    assert(kind == T::kKind);
    return static_cast<const T&>(*this);
  }
  template <typename T>
  const T* tryAs() const {
    return kind == T::kKind ? static_cast<const T*>(this) : nullptr;
  }

  const ExprKind kind;
  SourceRange range;
};

// Canonical SQL text of an expression.
std::string toSql(const Expr& expr, SqlPrintOptions options = {});

}  // namespace runnel::sql::ast
