#include "engine/sql/lexer/lexer.h"

namespace runnel::sql {
namespace {

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}
bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool isUtf8Continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

}  // namespace

Lexer::Lexer(std::string_view text, LexerOptions options) : text_(text), options_(options) {}

void Lexer::advanceTo(size_t to) {
  for (; pos_ < to; ++pos_) {
    char c = text_[pos_];
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if (!isUtf8Continuation(c)) {
      ++column_;
    }
  }
}

Token Lexer::make(TokenKind kind, size_t start, uint32_t line, uint32_t column) {
  Token t;
  t.kind = kind;
  t.text = text_.substr(start, pos_ - start);
  t.range =
      SourceRange{static_cast<uint32_t>(start), static_cast<uint32_t>(pos_ - start), line, column};
  return t;
}

// Returns the end of the number starting at `start` and its kind; kError means an exponent
// without digits. Digits followed by letters (and no '.') form a "digit identifier" as in
// ksqlDB (`3rd_party`), reported as kIdentifier.
size_t Lexer::scanNumber(size_t start, TokenKind* kind) const {
  const size_t n = text_.size();
  size_t p = start;
  bool sawDot = false;
  while (p < n && isDigit(text_[p]))
    ++p;
  if (p < n && text_[p] == '.') {
    sawDot = true;
    ++p;
    while (p < n && isDigit(text_[p]))
      ++p;
  }
  *kind = sawDot ? TokenKind::kDecimal : TokenKind::kInteger;
  if (p < n && (text_[p] == 'e' || text_[p] == 'E')) {
    size_t q = p + 1;
    if (q < n && (text_[q] == '+' || text_[q] == '-')) ++q;
    if (q < n && isDigit(text_[q])) {
      while (q < n && isDigit(text_[q]))
        ++q;
      *kind = TokenKind::kFloat;
      p = q;
    } else if (sawDot) {
      *kind = TokenKind::kError;
      return q;
    }
  }
  if (!sawDot && p < n && isIdentifierChar(text_[p])) {
    while (p < n && isIdentifierChar(text_[p]))
      ++p;
    *kind = TokenKind::kIdentifier;
  }
  return p;
}

// Returns the end of the quoted text opened at `start` (just past the closing quote), or the
// end of the input when it is never closed. A doubled quote stands for one quote character.
size_t Lexer::scanQuoted(size_t bodyStart, char quote, bool* terminated) const {
  const size_t n = text_.size();
  size_t p = bodyStart;
  while (p < n) {
    size_t q = text_.find(quote, p);
    if (q == std::string_view::npos) break;
    if (q + 1 < n && text_[q + 1] == quote) {
      p = q + 2;
      continue;
    }
    *terminated = true;
    return q + 1;
  }
  *terminated = false;
  return n;
}

Token Lexer::continueConstruct() {
  LexerMode mode = options_.startMode;
  options_.startMode = LexerMode::kNormal;
  if (text_.empty()) {
    endMode_ = mode;
    return make(TokenKind::kEnd, 0, 1, 1);
  }
  size_t end = 0;
  bool terminated = false;
  TokenKind kind = TokenKind::kComment;
  LexError error = LexError::kUnterminatedComment;
  if (mode == LexerMode::kBlockComment) {
    size_t p = text_.find("*/");
    terminated = p != std::string_view::npos;
    end = terminated ? p + 2 : text_.size();
  } else {
    char quote = mode == LexerMode::kString             ? '\''
                 : mode == LexerMode::kQuotedIdentifier ? '"'
                                                        : '`';
    end = scanQuoted(0, quote, &terminated);
    kind = mode == LexerMode::kString             ? TokenKind::kString
           : mode == LexerMode::kQuotedIdentifier ? TokenKind::kQuotedIdentifier
                                                  : TokenKind::kBackquotedIdentifier;
    error = mode == LexerMode::kString ? LexError::kUnterminatedString
                                       : LexError::kUnterminatedQuotedIdentifier;
  }
  advanceTo(end);
  Token t = make(terminated ? kind : TokenKind::kError, 0, 1, 1);
  if (!terminated) {
    t.error = error;
    endMode_ = mode;
  }
  return t;
}

Token Lexer::next() {
  const size_t n = text_.size();
  if (options_.startMode != LexerMode::kNormal && pos_ == 0) {
    Token t = continueConstruct();
    if (t.kind != TokenKind::kComment || options_.keepTrivia) return t;
  }
  for (;;) {
    const size_t start = pos_;
    const uint32_t line = line_;
    const uint32_t column = column_;
    if (start >= n) return make(TokenKind::kEnd, start, line, column);
    const char c = text_[start];
    const char c1 = start + 1 < n ? text_[start + 1] : '\0';

    if (isSpace(c)) {
      size_t p = start + 1;
      while (p < n && isSpace(text_[p]))
        ++p;
      advanceTo(p);
      if (options_.keepTrivia) return make(TokenKind::kWhitespace, start, line, column);
      continue;
    }
    if (c == '-' && c1 == '-') {
      size_t p = text_.find('\n', start);
      advanceTo(p == std::string_view::npos ? n : p);
      if (options_.keepTrivia) return make(TokenKind::kComment, start, line, column);
      continue;
    }
    if (c == '/' && c1 == '*') {
      size_t p = text_.find("*/", start + 2);
      if (p == std::string_view::npos) {
        advanceTo(n);
        Token t = make(TokenKind::kError, start, line, column);
        t.error = LexError::kUnterminatedComment;
        endMode_ = LexerMode::kBlockComment;
        return t;
      }
      advanceTo(p + 2);
      if (options_.keepTrivia) return make(TokenKind::kComment, start, line, column);
      continue;
    }
    if (isIdentifierStart(c)) {
      size_t p = start + 1;
      while (p < n && isIdentifierChar(text_[p]))
        ++p;
      advanceTo(p);
      Token t = make(TokenKind::kIdentifier, start, line, column);
      Keyword k = lookupKeyword(t.text);
      if (k != Keyword::kNone) {
        t.kind = TokenKind::kKeyword;
        t.keyword = k;
      }
      return t;
    }
    if (isDigit(c) || (c == '.' && isDigit(c1))) {
      TokenKind kind;
      advanceTo(scanNumber(start, &kind));
      Token t = make(kind, start, line, column);
      if (kind == TokenKind::kError) t.error = LexError::kMalformedNumber;
      return t;
    }
    if (c == '\'' || c == '"' || c == '`') {
      bool terminated = false;
      advanceTo(scanQuoted(start + 1, c, &terminated));
      TokenKind kind = c == '\''  ? TokenKind::kString
                       : c == '"' ? TokenKind::kQuotedIdentifier
                                  : TokenKind::kBackquotedIdentifier;
      Token t = make(terminated ? kind : TokenKind::kError, start, line, column);
      if (!terminated) {
        t.error =
            c == '\'' ? LexError::kUnterminatedString : LexError::kUnterminatedQuotedIdentifier;
        endMode_ = c == '\''  ? LexerMode::kString
                   : c == '"' ? LexerMode::kQuotedIdentifier
                              : LexerMode::kBackquotedIdentifier;
      }
      return t;
    }
    if (c == '$' && c1 == '{') {
      size_t p = start + 2;
      bool nameOk = p < n && isIdentifierStart(text_[p]);
      while (p < n && isIdentifierChar(text_[p]))
        ++p;
      bool closed = p < n && text_[p] == '}';
      advanceTo(closed ? p + 1 : p);
      Token t =
          make(closed && nameOk ? TokenKind::kVariable : TokenKind::kError, start, line, column);
      if (t.kind == TokenKind::kError) t.error = LexError::kUnterminatedVariable;
      return t;
    }

    TokenKind kind = TokenKind::kError;
    size_t len = 1;
    switch (c) {
      case '(':
        kind = TokenKind::kLeftParen;
        break;
      case ')':
        kind = TokenKind::kRightParen;
        break;
      case '[':
        kind = TokenKind::kLeftBracket;
        break;
      case ']':
        kind = TokenKind::kRightBracket;
        break;
      case ',':
        kind = TokenKind::kComma;
        break;
      case ';':
        kind = TokenKind::kSemicolon;
        break;
      case '.':
        kind = TokenKind::kDot;
        break;
      case '+':
        kind = TokenKind::kPlus;
        break;
      case '*':
        kind = TokenKind::kStar;
        break;
      case '/':
        kind = TokenKind::kSlash;
        break;
      case '%':
        kind = TokenKind::kPercent;
        break;
      case '-':
        if (c1 == '>')
          kind = TokenKind::kArrow, len = 2;
        else
          kind = TokenKind::kMinus;
        break;
      case '=':
        if (c1 == '>')
          kind = TokenKind::kLambdaArrow, len = 2;
        else
          kind = TokenKind::kEq;
        break;
      case '!':
        if (c1 == '=') kind = TokenKind::kNe, len = 2;
        break;
      case '<':
        if (c1 == '=')
          kind = TokenKind::kLe, len = 2;
        else if (c1 == '>')
          kind = TokenKind::kNe, len = 2;
        else
          kind = TokenKind::kLt;
        break;
      case '>':
        if (c1 == '=')
          kind = TokenKind::kGe, len = 2;
        else
          kind = TokenKind::kGt;
        break;
      case '|':
        if (c1 == '|') kind = TokenKind::kConcat, len = 2;
        break;
      case ':':
        if (c1 == '=') kind = TokenKind::kAssign, len = 2;
        break;
      default:
        // One whole UTF-8 sequence, so the error token never splits a character.
        while (start + len < n && isUtf8Continuation(text_[start + len]))
          ++len;
        break;
    }
    advanceTo(start + len);
    Token t = make(kind, start, line, column);
    if (kind == TokenKind::kError) t.error = LexError::kUnexpectedCharacter;
    return t;
  }
}

std::vector<Token> tokenize(std::string_view text, LexerOptions options) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 4 + 2);
  Lexer lexer(text, options);
  for (;;) {
    tokens.push_back(lexer.next());
    if (tokens.back().kind == TokenKind::kEnd) break;
  }
  return tokens;
}

std::string unquote(std::string_view tokenText) {
  if (tokenText.size() < 2) return std::string(tokenText);
  char quote = tokenText.front();
  if ((quote != '\'' && quote != '"' && quote != '`') || tokenText.back() != quote) {
    return std::string(tokenText);
  }
  std::string_view body = tokenText.substr(1, tokenText.size() - 2);
  std::string out;
  out.reserve(body.size());
  for (size_t i = 0; i < body.size(); ++i) {
    out.push_back(body[i]);
    if (body[i] == quote && i + 1 < body.size() && body[i + 1] == quote) ++i;
  }
  return out;
}

}  // namespace runnel::sql
