#include "engine/sql/parser/statement_splitter.h"

#include "engine/sql/lexer/lexer.h"

namespace runnel::sql {

std::vector<StatementSpan> splitStatements(std::string_view script) {
  std::vector<StatementSpan> spans;
  Lexer lexer(script);
  bool inStatement = false;
  SourceRange first;
  SourceRange last;
  for (;;) {
    Token t = lexer.next();
    bool semicolon = t.kind == TokenKind::kSemicolon;
    if (t.kind == TokenKind::kEnd || semicolon) {
      if (inStatement) {
        spans.push_back({SourceRange::span(first, semicolon ? t.range : last), semicolon});
        inStatement = false;
      }
      if (t.kind == TokenKind::kEnd) break;
      continue;
    }
    if (!inStatement) {
      inStatement = true;
      first = t.range;
    }
    last = t.range;
  }
  return spans;
}

std::optional<StatementSpan> statementAt(std::string_view script, uint32_t offset) {
  std::vector<StatementSpan> spans = splitStatements(script);
  const StatementSpan* before = nullptr;
  for (const StatementSpan& s : spans) {
    if (offset >= s.range.offset && offset <= s.range.end()) return s;
    if (s.range.end() < offset) before = &s;
    if (s.range.offset > offset) return before ? *before : s;
  }
  if (before) return *before;
  return std::nullopt;
}

}  // namespace runnel::sql
