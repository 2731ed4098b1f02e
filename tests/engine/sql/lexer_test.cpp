// The SQL lexer: token kinds, exact positions, trivia, quoting, numbers and how it keeps going
// through incomplete or invalid text.
#include <QtTest>

#include <string>
#include <vector>

#include "engine/sql/lexer/keywords.h"
#include "engine/sql/lexer/lexer.h"

using namespace runnel::sql;

Q_DECLARE_METATYPE(std::string)

namespace {

// "kind:text" for each token but the final kEnd, e.g. "kw:SELECT id:a".
std::string summary(std::string_view text, LexerOptions options = {}) {
  std::string out;
  for (const Token& t : tokenize(text, options)) {
    if (t.kind == TokenKind::kEnd) break;
    if (!out.empty()) out += ' ';
    switch (t.kind) {
      case TokenKind::kKeyword:
        out += "kw";
        break;
      case TokenKind::kIdentifier:
        out += "id";
        break;
      case TokenKind::kQuotedIdentifier:
        out += "qid";
        break;
      case TokenKind::kBackquotedIdentifier:
        out += "bqid";
        break;
      case TokenKind::kString:
        out += "str";
        break;
      case TokenKind::kInteger:
        out += "int";
        break;
      case TokenKind::kDecimal:
        out += "dec";
        break;
      case TokenKind::kFloat:
        out += "float";
        break;
      case TokenKind::kVariable:
        out += "var";
        break;
      case TokenKind::kComment:
        out += "comment";
        break;
      case TokenKind::kWhitespace:
        out += "ws";
        break;
      case TokenKind::kError:
        out += "error";
        break;
      default:
        out += "op";
        break;
    }
    out += ':';
    out += t.text;
  }
  return out;
}

}  // namespace

class LexerTest : public QObject {
  Q_OBJECT
 private slots:
  void tokenKinds_data() {
    QTest::addColumn<std::string>("text");
    QTest::addColumn<std::string>("expected");
    QTest::newRow("keywords any case")
        << std::string("select From wHeRe") << std::string("kw:select kw:From kw:wHeRe");
    QTest::newRow("identifiers") << std::string("card_number _x a1@b")
                                 << std::string("id:card_number id:_x id:a1@b");
    QTest::newRow("backquoted") << std::string("`my col` `a``b`")
                                << std::string("bqid:`my col` bqid:`a``b`");
    QTest::newRow("double quoted") << std::string("\"Mixed\"") << std::string("qid:\"Mixed\"");
    QTest::newRow("string with escape") << std::string("'it''s'") << std::string("str:'it''s'");
    QTest::newRow("empty string") << std::string("''") << std::string("str:''");
    QTest::newRow("numbers")
        << std::string("42 4.2 .5 4. 1e10 2.5E-3 1E+2")
        << std::string("int:42 dec:4.2 dec:.5 dec:4. float:1e10 float:2.5E-3 float:1E+2");
    QTest::newRow("digit identifier")
        << std::string("3rd_party 1e5x") << std::string("id:3rd_party id:1e5x");
    QTest::newRow("decimal then word") << std::string("1.5x") << std::string("dec:1.5 id:x");
    QTest::newRow("comparison ops") << std::string("= != <> < <= > >=")
                                    << std::string("op:= op:!= op:<> op:< op:<= op:> op:>=");
    QTest::newRow("arith ops") << std::string("+ - * / % ||")
                               << std::string("op:+ op:- op:* op:/ op:% op:||");
    QTest::newRow("arrows") << std::string("a->b x=>y k:=v")
                            << std::string("id:a op:-> id:b id:x op:=> id:y id:k op::= id:v");
    QTest::newRow("punctuation") << std::string("( ) [ ] , ; .")
                                 << std::string("op:( op:) op:[ op:] op:, op:; op:.");
    QTest::newRow("variable") << std::string("${topic_name}") << std::string("var:${topic_name}");
    QTest::newRow("no space needed")
        << std::string("a>=1AND(b)") << std::string("id:a op:>= id:1AND op:( id:b op:)");
    QTest::newRow("minus minus is a comment")
        << std::string("1--2\n3") << std::string("int:1 int:3");
    QTest::newRow("block comment skipped") << std::string("a/* x; */b") << std::string("id:a id:b");
  }
  void tokenKinds() {
    QFETCH(std::string, text);
    QFETCH(std::string, expected);
    QCOMPARE(summary(text), expected);
  }

  void triviaKeptForHighlighter() {
    std::string text = "SELECT -- pick\n  a /* b */;";
    QCOMPARE(summary(text, {.keepTrivia = true}),
             std::string("kw:SELECT ws:  comment:-- pick ws:\n   id:a ws:  comment:/* b */ op:;"));
    // With trivia, the tokens tile the text exactly.
    size_t expectedOffset = 0;
    for (const Token& t : tokenize(text, {.keepTrivia = true})) {
      QCOMPARE(size_t(t.range.offset), expectedOffset);
      expectedOffset += t.range.length;
    }
    QCOMPARE(expectedOffset, text.size());
  }

  void positionsAreOneBasedLineAndColumn() {
    std::string text = "SELECT a,\n  b\r\n\tFROM t;";
    std::vector<Token> tokens = tokenize(text);
    struct Expected {
      std::string_view text;
      uint32_t offset, line, column;
    };
    std::vector<Expected> expected = {{"SELECT", 0, 1, 1}, {"a", 7, 1, 8},     {",", 8, 1, 9},
                                      {"b", 12, 2, 3},     {"FROM", 16, 3, 2}, {"t", 21, 3, 7},
                                      {";", 22, 3, 8}};
    QCOMPARE(tokens.size(), expected.size() + 1);
    for (size_t i = 0; i < expected.size(); ++i) {
      QCOMPARE(tokens[i].text, expected[i].text);
      QCOMPARE(tokens[i].range.offset, expected[i].offset);
      QCOMPARE(tokens[i].range.length, uint32_t(expected[i].text.size()));
      QCOMPARE(tokens[i].range.line, expected[i].line);
      QCOMPARE(tokens[i].range.column, expected[i].column);
    }
    const Token& end = tokens.back();
    QCOMPARE(end.kind, TokenKind::kEnd);
    QCOMPARE(end.range.offset, uint32_t(text.size()));
    QCOMPARE(end.range.length, 0u);
  }

  void columnsCountCodePoints() {
    // 'é' is two bytes but one column; the token after it starts at column 6.
    std::string text = "'é' x";
    std::vector<Token> tokens = tokenize(text);
    QCOMPARE(tokens[0].kind, TokenKind::kString);
    QCOMPARE(tokens[1].range.offset, 5u);
    QCOMPARE(tokens[1].range.column, 5u);
  }

  void keywordsKnowTheirClass() {
    Token t = tokenize("TUMBLING")[0];
    QCOMPARE(t.kind, TokenKind::kKeyword);
    QCOMPARE(t.keyword, Keyword::kTumbling);
    QCOMPARE(lookupKeyword("bigint"), Keyword::kBigint);
    QCOMPARE(lookupKeyword("nope"), Keyword::kNone);
    QCOMPARE(lookupKeyword(""), Keyword::kNone);
    QCOMPARE(keywordInfo(Keyword::kBigint).keywordClass, KeywordClass::kType);
    QCOMPARE(keywordInfo(Keyword::kMinutes).keywordClass, KeywordClass::kTimeUnit);
    QVERIFY(isReservedKeyword(Keyword::kSelect));
    QVERIFY(!isReservedKeyword(Keyword::kTimestamp));  // a column may be called timestamp
    QCOMPARE(keywordSpelling(Keyword::kEmit), std::string_view("EMIT"));
  }

  void keywordTableIsSortedAndComplete() {
    auto table = keywordTable();
    QVERIFY(table.size() > 100);
    for (size_t i = 0; i < table.size(); ++i) {
      if (i > 0) QVERIFY(table[i - 1].spelling < table[i].spelling);
      // Every entry round-trips through lookup and describes its own enumerator.
      QCOMPARE(lookupKeyword(table[i].spelling), table[i].keyword);
      QCOMPARE(keywordInfo(table[i].keyword).spelling, table[i].spelling);
    }
    QCOMPARE(keywordInfo(Keyword::kNone).spelling, std::string_view());
  }

  void incompleteInputYieldsErrorTokens_data() {
    QTest::addColumn<std::string>("text");
    QTest::addColumn<int>("error");
    QTest::addColumn<std::string>("errorText");
    QTest::newRow("string") << std::string("SELECT 'abc") << int(LexError::kUnterminatedString)
                            << std::string("'abc");
    QTest::newRow("string with escape at end")
        << std::string("x 'it''") << int(LexError::kUnterminatedString) << std::string("'it''");
    QTest::newRow("backquote") << std::string("`col")
                               << int(LexError::kUnterminatedQuotedIdentifier)
                               << std::string("`col");
    QTest::newRow("double quote") << std::string("\"col\nx")
                                  << int(LexError::kUnterminatedQuotedIdentifier)
                                  << std::string("\"col\nx");
    QTest::newRow("comment") << std::string("a /* never") << int(LexError::kUnterminatedComment)
                             << std::string("/* never");
    QTest::newRow("variable") << std::string("${abc") << int(LexError::kUnterminatedVariable)
                              << std::string("${abc");
    QTest::newRow("exponent") << std::string("2.5e+") << int(LexError::kMalformedNumber)
                              << std::string("2.5e+");
    QTest::newRow("stray char") << std::string("a # b") << int(LexError::kUnexpectedCharacter)
                                << std::string("#");
    QTest::newRow("non-ascii char")
        << std::string("a \xE2\x82\xAC b") << int(LexError::kUnexpectedCharacter)
        << std::string("\xE2\x82\xAC");
    QTest::newRow("lone bang") << std::string("a ! b") << int(LexError::kUnexpectedCharacter)
                               << std::string("!");
  }
  void incompleteInputYieldsErrorTokens() {
    QFETCH(std::string, text);
    QFETCH(int, error);
    QFETCH(std::string, errorText);
    std::vector<Token> tokens = tokenize(text);
    QCOMPARE(tokens.back().kind, TokenKind::kEnd);
    int errors = 0;
    for (const Token& t : tokens) {
      if (t.kind != TokenKind::kError) continue;
      ++errors;
      QCOMPARE(int(t.error), error);
      QCOMPARE(std::string(t.text), errorText);
      QVERIFY(!lexErrorMessage(t.error).empty());
    }
    QCOMPARE(errors, 1);
  }

  void lexingContinuesAfterAnError() {
    QCOMPARE(summary("a # b"), std::string("id:a error:# id:b"));
  }

  void unquoteUndoesEscapes() {
    QCOMPARE(unquote("'it''s'"), std::string("it's"));
    QCOMPARE(unquote("`a``b`"), std::string("a`b"));
    QCOMPARE(unquote("\"x\"\"y\""), std::string("x\"y"));
    QCOMPARE(unquote("''"), std::string());
    QCOMPARE(unquote("plain"), std::string("plain"));
  }

  void lineByLineHighlighting() {
    // Each line is lexed alone, starting in the mode the previous line ended in.
    std::vector<std::string> lines = {"SELECT 'multi", "line' /* note", "", "still */ a, `b",
                                      "c` FROM t"};
    std::vector<std::string> expected = {
        "kw:SELECT ws:  error:'multi", "str:line' ws:  error:/* note", "",
        "comment:still */ ws:  id:a op:, ws:  error:`b", "bqid:c` ws:  kw:FROM ws:  id:t"};
    std::vector<LexerMode> modes = {LexerMode::kString, LexerMode::kBlockComment,
                                    LexerMode::kBlockComment, LexerMode::kBackquotedIdentifier,
                                    LexerMode::kNormal};
    LexerMode mode = LexerMode::kNormal;
    for (size_t i = 0; i < lines.size(); ++i) {
      LexerOptions options{.keepTrivia = true, .startMode = mode};
      QCOMPARE(QString::fromStdString(summary(lines[i], options)),
               QString::fromStdString(expected[i]));
      Lexer lexer(lines[i], options);
      while (lexer.next().kind != TokenKind::kEnd) {
      }
      mode = lexer.endMode();
      QCOMPARE(int(mode), int(modes[i]));
    }
    // Without trivia the continuation of a comment is skipped like any comment.
    QCOMPARE(summary("end */ x", {.startMode = LexerMode::kBlockComment}), std::string("id:x"));
  }

  void nextKeepsReturningEnd() {
    Lexer lexer("a");
    QCOMPARE(lexer.next().kind, TokenKind::kIdentifier);
    QCOMPARE(lexer.next().kind, TokenKind::kEnd);
    QCOMPARE(lexer.next().kind, TokenKind::kEnd);
  }
};

QTEST_APPLESS_MAIN(LexerTest)
#include "lexer_test.moc"
