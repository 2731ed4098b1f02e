// Token: one lexical unit of SQL text — a kind, the exact source text (a view into the caller's
// buffer, which must outlive the token) and its SourceRange. Tokens are small values; the lexer
// produces them for the parser and, with trivia kept, for the editor's highlighter.
#pragma once

#include <cstdint>
#include <string_view>

#include "engine/sql/lexer/keywords.h"
#include "engine/sql/lexer/source_range.h"

namespace runnel::sql {

enum class TokenKind : uint8_t {
  kEnd,                   // end of input (zero length, positioned after the last character)
  kError,                 // text the lexer could not turn into a token; see Token::error
  kWhitespace,            // only when trivia is kept
  kComment,               // `-- ...` or `/* ... */`, only when trivia is kept
  kIdentifier,            // plain identifier (not a keyword)
  kKeyword,               // see Token::keyword
  kQuotedIdentifier,      // "double quoted"
  kBackquotedIdentifier,  // `back quoted`
  kString,                // 'single quoted', '' escapes a quote
  kInteger,               // 42
  kDecimal,               // 4.2, .5, 4.
  kFloat,                 // 4.2E-3 (an exponent makes it a DOUBLE)
  kVariable,              // ${name}
  kLeftParen,
  kRightParen,
  kLeftBracket,
  kRightBracket,
  kComma,
  kSemicolon,
  kDot,
  kEq,           // =
  kNe,           // != or <>
  kLt,           // <
  kLe,           // <=
  kGt,           // >
  kGe,           // >=
  kPlus,         // +
  kMinus,        // -
  kStar,         // *
  kSlash,        // /
  kPercent,      // %
  kConcat,       // ||
  kArrow,        // ->  struct field dereference
  kLambdaArrow,  // =>
  kAssign,       // :=  (map and struct constructors)
};

// Why a kError token is an error. Unterminated forms run to the end of the input, so an editor
// can still colour the half-typed string or comment as what it is going to be.
enum class LexError : uint8_t {
  kNone,
  kUnexpectedCharacter,
  kUnterminatedString,
  kUnterminatedQuotedIdentifier,
  kUnterminatedComment,
  kUnterminatedVariable,  // `${` without a matching `}` or with a bad name
  kMalformedNumber,       // an exponent without digits: 1E, 2.5e+
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  Keyword keyword = Keyword::kNone;  // set when kind == kKeyword
  LexError error = LexError::kNone;  // set when kind == kError
  std::string_view text;             // the exact source text, quotes included
  SourceRange range;

  bool is(TokenKind k) const { return kind == k; }
  bool isKeyword(Keyword k) const { return kind == TokenKind::kKeyword && keyword == k; }
  bool isTrivia() const { return kind == TokenKind::kWhitespace || kind == TokenKind::kComment; }
};

// A short human name for a kind ("identifier", "')'", "end of input") for messages.
std::string_view tokenKindName(TokenKind kind);

// A sentence describing a lexical error ("unterminated string literal").
std::string_view lexErrorMessage(LexError error);

}  // namespace runnel::sql
