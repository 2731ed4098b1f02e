// Statement: the base of every statement node, plus the WITH (...) property list that several
// statements share. A statement knows its kind, the source range it was parsed from (without the
// terminating ';') and how to print itself. Concrete statements live in the stmt_*.h files.
// Ownership: a ParseResult owns its statements; trees are immutable after parsing.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <vector>

#include "engine/sql/lexer/source_range.h"
#include "engine/sql/parser/ast/ast_ptr.h"
#include "engine/sql/parser/ast/expr.h"
#include "engine/sql/parser/ast/sql_writer.h"

namespace runnel::sql::ast {

enum class StmtKind : unsigned char {
  kQuery,             // SELECT ...
  kCreateSource,      // CREATE STREAM|TABLE name (columns) WITH (...)
  kCreateAsSelect,    // CREATE STREAM|TABLE name AS SELECT ...
  kInsertInto,        // INSERT INTO name SELECT ...
  kInsertValues,      // INSERT INTO name (cols) VALUES (...)
  kList,              // SHOW|LIST TOPICS|STREAMS|TABLES|QUERIES|FUNCTIONS|PROPERTIES|...
  kDescribe,          // DESCRIBE [EXTENDED] name | DESCRIBE STREAMS|TABLES [EXTENDED]
  kDescribeFunction,  // DESCRIBE FUNCTION name
  kExplain,           // EXPLAIN query-id | statement
  kPrint,             // PRINT topic ...
  kTerminate,         // TERMINATE query-id | ALL
  kDrop,              // DROP STREAM|TABLE ...
  kSetProperty,       // SET 'p' = 'v'
  kUnsetProperty,     // UNSET 'p'
  kDefineVariable,    // DEFINE name = 'value'
  kUndefineVariable,  // UNDEFINE name
  kCreateType,        // CREATE TYPE name AS type
  kDropType,          // DROP TYPE name
};

struct Statement {
  explicit Statement(StmtKind k) : kind(k) {}
  virtual ~Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

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

  const StmtKind kind;
  SourceRange range;
};

// Canonical SQL text of a statement, without the terminating ';'.
std::string toSql(const Statement& statement, SqlPrintOptions options = {});

// One `NAME = literal` entry of a WITH (...) list. Property names are case-insensitive and kept
// upper-cased; the value is a LiteralExpr (or a VariableRefExpr for ${var}).
struct Property {
  std::string name;
  ExprPtr value;
  SourceRange range;
};

// The value of property `upperName`, or null.
const Expr* findProperty(const std::vector<Property>& properties, std::string_view upperName);

// Writes " WITH (A=..., B=...)" when there are properties.
void printProperties(SqlWriter& w, const std::vector<Property>& properties);

}  // namespace runnel::sql::ast
