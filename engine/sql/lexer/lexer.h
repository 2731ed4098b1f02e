// Lexer: turns SQL text into tokens for the parser and for the studio editor's highlighter and
// completion. It never fails: text it cannot read becomes kError tokens (with a LexError saying
// why) and lexing goes on, so half-typed or invalid text still tokenizes with exact positions.
// A Lexer borrows the text (tokens are views into it): the text must outlive the lexer and every
// token. One Lexer per thread; the functions below are pure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/sql/lexer/token.h"

namespace runnel::sql {

// Where lexing starts or ends: normally between tokens, or inside a construct that spans lines.
// An editor that highlights line by line stores the end mode of one line as the next line's
// start mode (QSyntaxHighlighter's block state).
enum class LexerMode : uint8_t {
  kNormal,
  kBlockComment,          // inside /* ... */
  kString,                // inside '...'
  kQuotedIdentifier,      // inside "..."
  kBackquotedIdentifier,  // inside `...`
};

struct LexerOptions {
  // Also produce kWhitespace and kComment tokens (the highlighter wants them; the parser not).
  bool keepTrivia = false;
  // Start inside a construct opened on an earlier line: the first token is its continuation
  // (a kComment, kString, kQuotedIdentifier or kBackquotedIdentifier whose text lacks the
  // opening delimiter), or a kError token to the end if it does not close here either.
  LexerMode startMode = LexerMode::kNormal;
};

class Lexer {
 public:
  explicit Lexer(std::string_view text, LexerOptions options = {});

  // The next token; kEnd at the end of the input, and again on every later call.
  Token next();

  // The mode the text ends in: kNormal, unless it ends inside an unterminated comment, string or
  // quoted identifier. Meaningful once next() has returned kEnd.
  LexerMode endMode() const { return endMode_; }

 private:
  Token continueConstruct();
  Token make(TokenKind kind, size_t start, uint32_t line, uint32_t column);
  // Moves the position to `to`, counting lines and (code point) columns on the way.
  void advanceTo(size_t to);
  size_t scanNumber(size_t start, TokenKind* kind) const;
  // The end of quoted text whose body starts at `bodyStart` (past the closing quote).
  size_t scanQuoted(size_t bodyStart, char quote, bool* terminated) const;

  std::string_view text_;
  LexerOptions options_;
  size_t pos_ = 0;
  uint32_t line_ = 1;
  uint32_t column_ = 1;
  LexerMode endMode_ = LexerMode::kNormal;
};

// All tokens of `text`, always ending with one kEnd token.
std::vector<Token> tokenize(std::string_view text, LexerOptions options = {});

// The value of a string literal or quoted identifier token's text: the surrounding quotes (',
// " or `) removed and doubled quotes undone. Text that is not quoted is returned unchanged.
std::string unquote(std::string_view tokenText);

// True for characters that may continue an unquoted identifier.
inline bool isIdentifierChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '@';
}
inline bool isIdentifierStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

}  // namespace runnel::sql
