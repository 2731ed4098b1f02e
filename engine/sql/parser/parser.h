// The SQL parser's public entry points: a whole script (statements separated by ';') to ASTs
// plus every syntax error found. The parser recovers after an error (skipping to the next ';' or
// statement keyword at the start of a line), so one pass reports the errors of every statement
// and still returns the statements that parsed. Pure functions: safe from any thread; the
// returned ASTs own their strings and do not refer to `text`.
#pragma once

#include <string_view>
#include <vector>

#include "engine/common/result.h"
#include "engine/sql/parser/ast/stmt.h"
#include "engine/sql/parser/parse_error.h"

namespace runnel::sql {

struct ParseResult {
  std::vector<ast::StatementPtr> statements;  // those that parsed, in script order
  std::vector<ParseError> errors;             // in script order

  bool ok() const { return errors.empty(); }
};

// Parses every statement of `text`. The ';' after the last statement is optional.
ParseResult parseScript(std::string_view text);

// Parses exactly one statement (an optional trailing ';' allowed). On a syntax error the Status
// is InvalidArgument with the first error rendered (message, line and caret).
Result<ast::StatementPtr> parseStatement(std::string_view text);

struct ExpressionParseResult {
  ast::ExprPtr expr;  // null when there were errors
  std::vector<ParseError> errors;
};

// Parses a single expression (for tests, and for expressions typed outside a statement).
ExpressionParseResult parseExpression(std::string_view text);

// The most errors one parse reports; later ones are dropped.
inline constexpr size_t kMaxParseErrors = 100;
// The deepest nesting of expressions, types and EXPLAINs the parser accepts (guards the stack).
inline constexpr int kMaxParseDepth = 200;

}  // namespace runnel::sql
