#include "engine/sql/lexer/token.h"

namespace runnel::sql {

std::string_view tokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEnd:
      return "end of input";
    case TokenKind::kError:
      return "invalid text";
    case TokenKind::kWhitespace:
      return "whitespace";
    case TokenKind::kComment:
      return "comment";
    case TokenKind::kIdentifier:
      return "identifier";
    case TokenKind::kKeyword:
      return "keyword";
    case TokenKind::kQuotedIdentifier:
      return "quoted identifier";
    case TokenKind::kBackquotedIdentifier:
      return "quoted identifier";
    case TokenKind::kString:
      return "string literal";
    case TokenKind::kInteger:
      return "integer";
    case TokenKind::kDecimal:
      return "decimal number";
    case TokenKind::kFloat:
      return "floating-point number";
    case TokenKind::kVariable:
      return "variable";
    case TokenKind::kLeftParen:
      return "'('";
    case TokenKind::kRightParen:
      return "')'";
    case TokenKind::kLeftBracket:
      return "'['";
    case TokenKind::kRightBracket:
      return "']'";
    case TokenKind::kComma:
      return "','";
    case TokenKind::kSemicolon:
      return "';'";
    case TokenKind::kDot:
      return "'.'";
    case TokenKind::kEq:
      return "'='";
    case TokenKind::kNe:
      return "'<>'";
    case TokenKind::kLt:
      return "'<'";
    case TokenKind::kLe:
      return "'<='";
    case TokenKind::kGt:
      return "'>'";
    case TokenKind::kGe:
      return "'>='";
    case TokenKind::kPlus:
      return "'+'";
    case TokenKind::kMinus:
      return "'-'";
    case TokenKind::kStar:
      return "'*'";
    case TokenKind::kSlash:
      return "'/'";
    case TokenKind::kPercent:
      return "'%'";
    case TokenKind::kConcat:
      return "'||'";
    case TokenKind::kArrow:
      return "'->'";
    case TokenKind::kLambdaArrow:
      return "'=>'";
    case TokenKind::kAssign:
      return "':='";
  }
  return "token";
}

std::string_view lexErrorMessage(LexError error) {
  switch (error) {
    case LexError::kNone:
      return "no error";
    case LexError::kUnexpectedCharacter:
      return "unexpected character";
    case LexError::kUnterminatedString:
      return "unterminated string literal (missing closing ')";
    case LexError::kUnterminatedQuotedIdentifier:
      return "unterminated quoted identifier";
    case LexError::kUnterminatedComment:
      return "unterminated block comment (missing */)";
    case LexError::kUnterminatedVariable:
      return "malformed variable reference (expected ${name})";
    case LexError::kMalformedNumber:
      return "malformed number: the exponent has no digits";
  }
  return "lexical error";
}

}  // namespace runnel::sql
