// Parser: the hand-written recursive-descent parser behind parser.h (internal to the parser
// folder). Statements are parsed in parse_statement.cpp and parse_admin_statement.cpp, queries
// in parse_query.cpp, expressions by precedence climbing in parse_expression.cpp, and types,
// literals and names in parse_terminals.cpp. A syntax error is recorded and then unwinds to the
// statement loop with a private ParseAbort exception that never leaves parseScript(); the loop then
// recovers. A Parser holds views into the text and is used once, by one thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/sql/lexer/lexer.h"
#include "engine/sql/parser/ast/ast.h"
#include "engine/sql/parser/parser.h"

namespace runnel::sql {

class Parser {
 public:
  explicit Parser(std::string_view text);

  ParseResult parseScript();
  ExpressionParseResult parseStandaloneExpression();

 private:
  struct ParseAbort {};
  // Counts nesting on construction and fails the parse past kMaxParseDepth.
  class DepthGuard {
   public:
    explicit DepthGuard(Parser& p);
    ~DepthGuard() { --parser_.depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

   private:
    Parser& parser_;
  };

  // --- tokens (parser.cpp)
  const Token& peek(size_t ahead = 0) const;
  const Token& previous() const { return tokens_[pos_ > 0 ? pos_ - 1 : 0]; }
  const Token& advance();
  bool check(TokenKind kind) const { return peek().kind == kind; }
  bool checkKeyword(Keyword k) const { return peek().isKeyword(k); }
  bool accept(TokenKind kind);
  bool acceptKeyword(Keyword k);
  const Token& expect(TokenKind kind);
  const Token& expectKeyword(Keyword k);
  // The `close` token ending a comma-separated list ("expecting ',' or ')'" otherwise).
  void expectListEnd(TokenKind close);
  SourceRange rangeFrom(const Token& first) const {
    return SourceRange::span(first.range, previous().range);
  }

  // --- errors (parser.cpp)
  [[noreturn]] void fail(const Token& at, std::string message, std::string hint = {});
  // "mismatched input 'X' expecting <expected>" at the current token (lexer errors win).
  [[noreturn]] void failExpecting(std::string_view expected, std::string hint = {});
  void record(const Token& at, std::string message, std::string hint);
  std::string describe(const Token& t) const;
  // "did you mean X?" when the current token looks like a misspelling of one of `candidates`.
  std::string suggest(std::initializer_list<Keyword> candidates) const;
  void recover(size_t statementStart);
  bool isStatementBoundary(size_t index) const;

  // --- statements (parse_statement.cpp, parse_admin_statement.cpp)
  ast::StatementPtr parseStatement();
  ast::StatementPtr parseCreate();
  ast::StatementPtr parseInsert();
  ast::StatementPtr parseList();
  ast::StatementPtr parseDescribe();
  ast::StatementPtr parseExplain();
  ast::StatementPtr parsePrint();
  ast::StatementPtr parseTerminate();
  ast::StatementPtr parseDrop();
  ast::StatementPtr parseSessionStatement();
  std::vector<ast::Property> parseProperties();
  ast::ColumnDef parseColumnDef();

  // --- queries (parse_query.cpp)
  ast::QueryPtr parseQuery();
  ast::SelectItem parseSelectItem();
  ast::AliasedSource parseAliasedSource();
  bool parseJoin(ast::FromClause& from);
  ast::WindowSpec parseWindow();
  std::vector<ast::ExprPtr> parseGroupingList();
  ast::Duration parseDuration();
  void checkClauseOrder(const ast::Query& q);

  // --- expressions (parse_expression.cpp)
  ast::ExprPtr parseExpr();
  ast::ExprPtr parseOr();
  ast::ExprPtr parseAnd();
  ast::ExprPtr parseNot();
  ast::ExprPtr parsePredicated();
  ast::ExprPtr parseValue(int minPrecedence);
  ast::ExprPtr parseUnary();
  ast::ExprPtr parsePostfix();
  ast::ExprPtr parsePrimary();
  ast::ExprPtr parseFunctionCall();
  ast::ExprPtr parseFunctionArgument();
  ast::ExprPtr parseCase();
  ast::ExprPtr parseCast();
  ast::ExprPtr parseConstructor();
  bool lambdaAhead() const;
  ast::ExprPtr parseLambda();

  // --- types, literals, names (parse_terminals.cpp)
  ast::SqlTypePtr parseType();
  ast::ExprPtr parseLiteral(bool allowVariable);
  ast::ExprPtr parseNumber(const Token& first, bool negative);
  int64_t parseNonNegativeInteger(std::string_view what);
  bool isIdentifierToken(const Token& t) const;
  ast::Identifier parseIdentifier(std::string_view what);
  ast::Identifier identifierFrom(const Token& t) const;
  std::string parseStringLiteral(std::string_view what);

  std::string_view text_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int depth_ = 0;
  std::vector<ParseError> errors_;
};

}  // namespace runnel::sql
