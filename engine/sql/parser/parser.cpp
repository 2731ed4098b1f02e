// Token access, error reporting and recovery, and the script loop. See parser_impl.h.
#include "engine/sql/parser/parser_impl.h"

#include <algorithm>

namespace runnel::sql {
namespace {

// Optimal-string-alignment distance (a transposition counts as one edit), case-insensitive.
size_t editDistance(std::string_view a, std::string_view b) {
  auto up = [](char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; };
  const size_t n = a.size(), m = b.size();
  std::vector<size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (size_t j = 0; j <= m; ++j)
    prev[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= m; ++j) {
      size_t cost = up(a[i - 1]) == up(b[j - 1]) ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && up(a[i - 1]) == up(b[j - 2]) && up(a[i - 2]) == up(b[j - 1])) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
    }
    prev2.swap(prev);
    prev.swap(cur);
  }
  return prev[m];
}

// Line and column just after `t` (where an "unexpected end of input" points).
SourceRange positionAfter(const Token& t) {
  SourceRange r{t.range.end(), 0, t.range.line, t.range.column};
  for (char c : t.text) {
    if (c == '\n') {
      ++r.line;
      r.column = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++r.column;
    }
  }
  return r;
}

}  // namespace

Parser::Parser(std::string_view text) : text_(text), tokens_(tokenize(text)) {}

Parser::DepthGuard::DepthGuard(Parser& p) : parser_(p) {
  if (++parser_.depth_ > kMaxParseDepth) {
    parser_.fail(parser_.peek(), "statement is nested too deeply (more than " +
                                     std::to_string(kMaxParseDepth) + " levels)");
  }
}

const Token& Parser::peek(size_t ahead) const {
  size_t i = std::min(pos_ + ahead, tokens_.size() - 1);
  return tokens_[i];
}

const Token& Parser::advance() {
  const Token& t = tokens_[pos_];
  if (pos_ + 1 < tokens_.size()) ++pos_;
  return t;
}

bool Parser::accept(TokenKind kind) {
  if (!check(kind)) return false;
  advance();
  return true;
}

bool Parser::acceptKeyword(Keyword k) {
  if (!checkKeyword(k)) return false;
  advance();
  return true;
}

const Token& Parser::expect(TokenKind kind) {
  if (!check(kind)) failExpecting(tokenKindName(kind));
  return advance();
}

const Token& Parser::expectKeyword(Keyword k) {
  if (!checkKeyword(k)) failExpecting(keywordSpelling(k), suggest({k}));
  return advance();
}

void Parser::expectListEnd(TokenKind close) {
  if (!check(close)) failExpecting("',' or " + std::string(tokenKindName(close)));
  advance();
}

std::string Parser::describe(const Token& t) const {
  if (t.kind == TokenKind::kEnd) return "end of input";
  std::string_view text = t.text;
  size_t newline = text.find('\n');
  bool cut = newline != std::string_view::npos || text.size() > 40;
  text = text.substr(0, std::min<size_t>(newline, 40));
  return "'" + std::string(text) + (cut ? "...'" : "'");
}

void Parser::record(const Token& at, std::string message, std::string hint) {
  SourceRange r = at.kind == TokenKind::kEnd && pos_ > 0 ? positionAfter(previous()) : at.range;
  if (!errors_.empty() && errors_.back().offset == r.offset) return;  // one error per place
  if (errors_.size() >= kMaxParseErrors) return;
  errors_.push_back(
      ParseError{r.line, r.column, r.offset, r.length, std::move(message), std::move(hint)});
}

void Parser::fail(const Token& at, std::string message, std::string hint) {
  record(at, std::move(message), std::move(hint));
  throw ParseAbort{};
}

void Parser::failExpecting(std::string_view expected, std::string hint) {
  const Token& t = peek();
  if (t.kind == TokenKind::kError) {
    std::string message(lexErrorMessage(t.error));
    if (t.error == LexError::kUnexpectedCharacter) message += " " + describe(t);
    fail(t, std::move(message));
  }
  if (t.kind == TokenKind::kEnd) {
    fail(t, "unexpected end of input, expecting " + std::string(expected), std::move(hint));
  }
  fail(t, "mismatched input " + describe(t) + " expecting " + std::string(expected),
       std::move(hint));
}

std::string Parser::suggest(std::initializer_list<Keyword> candidates) const {
  const Token& t = peek();
  if (t.kind != TokenKind::kIdentifier && t.kind != TokenKind::kKeyword) return {};
  if (t.text.size() < 3) return {};
  size_t best = 3;
  std::string_view choice;
  for (Keyword k : candidates) {
    std::string_view spelling = keywordSpelling(k);
    size_t limit = spelling.size() <= 4 ? 1 : 2;
    size_t d = editDistance(t.text, spelling);
    if (d > 0 && d <= limit && d < best) {
      best = d;
      choice = spelling;
    }
  }
  return choice.empty() ? std::string() : "did you mean " + std::string(choice) + "?";
}

bool Parser::isStatementBoundary(size_t index) const {
  if (index >= tokens_.size()) return false;
  const Token& t = tokens_[index];
  if (t.kind != TokenKind::kKeyword) return false;
  if (index > 0 && tokens_[index - 1].range.line == t.range.line) return false;
  switch (t.keyword) {
    case Keyword::kCreate:
    case Keyword::kInsert:
    case Keyword::kDrop:
    case Keyword::kShow:
    case Keyword::kList:
    case Keyword::kDescribe:
    case Keyword::kExplain:
    case Keyword::kPrint:
    case Keyword::kTerminate:
    case Keyword::kSet:
    case Keyword::kUnset:
    case Keyword::kDefine:
    case Keyword::kUndefine:
      return true;
    case Keyword::kSelect: {
      // `AS\nSELECT`, `EXPLAIN\nSELECT` and `INSERT INTO x [WITH (...)]\nSELECT` continue a
      // statement; any other SELECT starting a line begins a new one.
      if (index == 0) return true;
      const Token& prev = tokens_[index - 1];
      if (prev.isKeyword(Keyword::kAs) || prev.isKeyword(Keyword::kExplain) ||
          prev.kind == TokenKind::kRightParen) {
        return false;
      }
      return !(index >= 2 && tokens_[index - 2].isKeyword(Keyword::kInto));
    }
    default:
      return false;
  }
}

void Parser::recover(size_t statementStart) {
  if (pos_ == statementStart) advance();
  while (!check(TokenKind::kEnd)) {
    if (accept(TokenKind::kSemicolon)) return;
    if (isStatementBoundary(pos_)) return;
    advance();
  }
}

ParseResult Parser::parseScript() {
  ParseResult result;
  while (!check(TokenKind::kEnd)) {
    if (accept(TokenKind::kSemicolon)) continue;
    size_t start = pos_;
    try {
      ast::StatementPtr statement = parseStatement();
      if (!check(TokenKind::kSemicolon) && !check(TokenKind::kEnd)) {
        failExpecting("';'", isStatementBoundary(pos_)
                                 ? "is a ';' missing at the end of the previous statement?"
                                 : std::string());
      }
      result.statements.push_back(std::move(statement));
    } catch (const ParseAbort&) {
      depth_ = 0;
      recover(start);
    }
  }
  result.errors = std::move(errors_);
  return result;
}

ExpressionParseResult Parser::parseStandaloneExpression() {
  ExpressionParseResult result;
  try {
    ast::ExprPtr e = parseExpr();
    if (!check(TokenKind::kEnd)) failExpecting("end of expression");
    result.expr = std::move(e);
  } catch (const ParseAbort&) {
  }
  result.errors = std::move(errors_);
  return result;
}

ParseResult parseScript(std::string_view text) {
  return Parser(text).parseScript();
}

Result<ast::StatementPtr> parseStatement(std::string_view text) {
  ParseResult r = parseScript(text);
  if (!r.ok()) return Status::invalidArgument(r.errors.front().render(text));
  if (r.statements.size() != 1) {
    return Status::invalidArgument(r.statements.empty() ? "no statement"
                                                        : "expected one statement, found " +
                                                              std::to_string(r.statements.size()));
  }
  return std::move(r.statements.front());
}

ExpressionParseResult parseExpression(std::string_view text) {
  return Parser(text).parseStandaloneExpression();
}

}  // namespace runnel::sql
