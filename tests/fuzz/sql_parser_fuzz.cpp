// libFuzzer target for the SQL front end: any byte string must lex, split and parse without
// crashing, hanging or tripping a sanitizer, and whatever parses must print back to SQL that
// parses again to the same canonical text (the round trip the EXPLAIN output relies on).
// Seed corpus: tests/fuzz/corpus/sql_parser/.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "engine/sql/lexer/lexer.h"
#include "engine/sql/parser/ast/ast.h"
#include "engine/sql/parser/parser.h"
#include "engine/sql/parser/statement_splitter.h"

namespace {

void check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);

  // The highlighter's view: trivia kept, tokens tile the input exactly.
  size_t covered = 0;
  for (const runnel::sql::Token& t : runnel::sql::tokenize(text, {.keepTrivia = true})) {
    check(t.range.offset == covered);
    covered += t.range.length;
  }
  check(covered == size);

  // Line-by-line highlighting: starting inside any multi-line construct also tiles the input.
  if (size > 0) {
    auto mode = static_cast<runnel::sql::LexerMode>(data[0] % 5);
    runnel::sql::Lexer lexer(text, {.keepTrivia = true, .startMode = mode});
    covered = 0;
    for (runnel::sql::Token t = lexer.next(); t.kind != runnel::sql::TokenKind::kEnd;
         t = lexer.next()) {
      check(t.range.offset == covered);
      covered += t.range.length;
    }
    check(covered == size);
  }

  for (const runnel::sql::StatementSpan& span : runnel::sql::splitStatements(text)) {
    check(span.range.end() <= size);
  }
  if (size > 0) (void)runnel::sql::statementAt(text, static_cast<uint32_t>(size / 2));

  runnel::sql::ParseResult result = runnel::sql::parseScript(text);
  for (const runnel::sql::ParseError& e : result.errors) {
    check(e.offset + e.length <= size);
    (void)e.render(text);
  }
  for (const auto& statement : result.statements) {
    std::string printed = runnel::sql::ast::toSql(*statement);
    runnel::sql::ParseResult again = runnel::sql::parseScript(printed);
    check(again.ok() && again.statements.size() == 1);
    check(runnel::sql::ast::toSql(*again.statements[0]) == printed);
  }
  (void)runnel::sql::parseExpression(text);
  return 0;
}
