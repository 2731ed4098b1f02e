// SqlWriter: builds canonical SQL text from AST nodes (the toSql() of EXPLAIN, DESCRIBE and the
// parse -> print -> parse round trips). It owns the growing text and knows the dialect's quoting
// and operator-precedence rules, so nodes only say what to print. Single-threaded, short-lived.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/sql/parser/ast/ast_identifier.h"
#include "engine/sql/parser/ast/ast_ptr.h"

namespace runnel::sql::ast {

struct SqlPrintOptions {
  // Put parentheses around every compound sub-expression: shows the tree's shape in tests.
  bool parenthesizeAll = false;
  // Start each query clause (FROM, WINDOW, WHERE, ...) on its own line.
  bool multiline = false;
};

class SqlWriter {
 public:
  explicit SqlWriter(SqlPrintOptions options = {}) : options_(options) {}

  SqlWriter& operator<<(std::string_view text) {
    out_.append(text);
    return *this;
  }
  // Writes a name, quoting it with backquotes when it was quoted or would not read back as the
  // same plain identifier (reserved word, special characters, lower case).
  void identifier(const Identifier& id);
  void stringLiteral(std::string_view value);
  // Writes `expr`, adding parentheses when its precedence is below `parentPrecedence` (or equal
  // to it and `parenAtEqual`, as for the right operand of a left-associative operator).
  void expr(const Expr& expr, int parentPrecedence = 0, bool parenAtEqual = false);
  void exprList(const std::vector<ExprPtr>& exprs);
  void type(const SqlType& type);
  // A space, or a new line in multiline mode: separates query clauses.
  void clauseBreak() { out_.push_back(options_.multiline ? '\n' : ' '); }

  const SqlPrintOptions& options() const { return options_; }
  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  SqlPrintOptions options_;
  std::string out_;
};

// True when `name` reads back as the same identifier without quotes.
bool isPlainIdentifier(std::string_view name);

}  // namespace runnel::sql::ast
