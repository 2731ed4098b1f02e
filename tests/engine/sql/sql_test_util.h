// Helpers shared by the SQL front-end tests: parse and check, and round trips through toSql().
#pragma once

#include <QtTest>

#include <string>

#include "engine/sql/parser/ast/ast.h"
#include "engine/sql/parser/parser.h"

namespace sqltest {

// The fully parenthesised form of an expression: shows the tree's shape.
inline std::string shape(std::string_view text) {
  runnel::sql::ExpressionParseResult r = runnel::sql::parseExpression(text);
  if (!r.expr) return "error: " + (r.errors.empty() ? std::string("?") : r.errors[0].toString());
  return runnel::sql::ast::toSql(*r.expr, {.parenthesizeAll = true});
}

// Parses one statement; fails the test (returning null) on errors.
inline runnel::sql::ast::StatementPtr parseOne(std::string_view text) {
  runnel::sql::ParseResult r = runnel::sql::parseScript(text);
  if (!r.ok()) {
    qWarning("%s", runnel::sql::renderErrors(r.errors, text).c_str());
    return nullptr;
  }
  if (r.statements.size() != 1) {
    qWarning("expected one statement, got %zu", r.statements.size());
    return nullptr;
  }
  return std::move(r.statements[0]);
}

// parse -> toSql -> parse -> toSql must be a fixed point, with the same tree shape both times.
// Returns the canonical text (empty on failure, with a warning saying why).
inline std::string roundTrip(std::string_view text) {
  auto first = parseOne(text);
  if (!first) return {};
  std::string printed = runnel::sql::ast::toSql(*first);
  std::string shaped = runnel::sql::ast::toSql(*first, {.parenthesizeAll = true});
  auto second = parseOne(printed);
  if (!second) {
    qWarning("canonical text does not parse: %s", printed.c_str());
    return {};
  }
  if (runnel::sql::ast::toSql(*second) != printed) {
    qWarning("not a fixed point:\n%s\n%s", printed.c_str(),
             runnel::sql::ast::toSql(*second).c_str());
    return {};
  }
  if (runnel::sql::ast::toSql(*second, {.parenthesizeAll = true}) != shaped) {
    qWarning("tree shape changed:\n%s\n%s", shaped.c_str(),
             runnel::sql::ast::toSql(*second, {.parenthesizeAll = true}).c_str());
    return {};
  }
  // The multi-line form reads back as the same statement too.
  auto third = parseOne(runnel::sql::ast::toSql(*first, {.multiline = true}));
  if (!third || runnel::sql::ast::toSql(*third) != printed) {
    qWarning("multiline form differs");
    return {};
  }
  return printed;
}

}  // namespace sqltest
