// Types, literals, numbers and names. See parser_impl.h.
#include <charconv>
#include <cstdint>
#include <limits>

#include "engine/sql/parser/parser_impl.h"

namespace runnel::sql {

using namespace ast;

bool Parser::isIdentifierToken(const Token& t) const {
  switch (t.kind) {
    case TokenKind::kIdentifier:
    case TokenKind::kQuotedIdentifier:
    case TokenKind::kBackquotedIdentifier:
      return true;
    case TokenKind::kKeyword:
      return !isReservedKeyword(t.keyword);
    default:
      return false;
  }
}

Identifier Parser::identifierFrom(const Token& t) const {
  Identifier id;
  id.range = t.range;
  if (t.kind == TokenKind::kQuotedIdentifier || t.kind == TokenKind::kBackquotedIdentifier) {
    id.name = unquote(t.text);
    id.quoted = true;
    return id;
  }
  id.name.assign(t.text);
  for (char& c : id.name) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return id;
}

Identifier Parser::parseIdentifier(std::string_view what) {
  const Token& t = peek();
  if (isIdentifierToken(t)) {
    if (t.text.size() == 2 && t.kind != TokenKind::kIdentifier && t.kind != TokenKind::kKeyword) {
      fail(t, "empty quoted identifier");
    }
    return identifierFrom(advance());
  }
  if (t.kind == TokenKind::kKeyword) {
    failExpecting(what, std::string(t.text) + " is a reserved word; write `" + std::string(t.text) +
                            "` to use it as a name");
  }
  failExpecting(what);
}

std::string Parser::parseStringLiteral(std::string_view what) {
  if (!check(TokenKind::kString)) failExpecting(what);
  return unquote(advance().text);
}

int64_t Parser::parseNonNegativeInteger(std::string_view what) {
  const Token& t = peek();
  if (!t.is(TokenKind::kInteger)) failExpecting(what);
  int64_t value = 0;
  auto [end, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), value);
  if (ec != std::errc() || end != t.text.data() + t.text.size()) {
    fail(t, "number " + std::string(t.text) + " is too large");
  }
  advance();
  return value;
}

ExprPtr Parser::parseNumber(const Token& t, bool negative) {
  auto lit = std::make_unique<LiteralExpr>();
  lit->range = t.range;
  lit->text = negative ? "-" + std::string(t.text) : std::string(t.text);
  const char* begin = t.text.data();
  const char* end = begin + t.text.size();
  if (t.kind == TokenKind::kInteger) {
    uint64_t magnitude = 0;
    auto [p, ec] = std::from_chars(begin, end, magnitude);
    constexpr uint64_t kMaxPositive = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
    if (ec != std::errc() || p != end || magnitude > kMaxPositive + (negative ? 1 : 0)) {
      fail(t, "integer " + lit->text + " is out of range for BIGINT");
    }
    if (negative) {
      lit->intValue = magnitude == kMaxPositive + 1 ? std::numeric_limits<int64_t>::min()
                                                    : -static_cast<int64_t>(magnitude);
    } else {
      lit->intValue = static_cast<int64_t>(magnitude);
    }
    bool fits32 = lit->intValue >= std::numeric_limits<int32_t>::min() &&
                  lit->intValue <= std::numeric_limits<int32_t>::max();
    lit->literalKind = fits32 ? LiteralKind::kInteger : LiteralKind::kBigint;
    lit->doubleValue = static_cast<double>(lit->intValue);
    return lit;
  }
  double value = 0;
  auto [p, ec] = std::from_chars(begin, end, value);
  if (t.kind == TokenKind::kFloat && (ec != std::errc() || p != end)) {
    fail(t, "number " + lit->text + " is out of range for DOUBLE");
  }
  lit->doubleValue = negative ? -value : value;
  lit->literalKind = t.kind == TokenKind::kFloat ? LiteralKind::kDouble : LiteralKind::kDecimal;
  return lit;
}

ExprPtr Parser::parseLiteral(bool allowVariable) {
  const Token& t = peek();
  switch (t.kind) {
    case TokenKind::kString: {
      auto lit = std::make_unique<LiteralExpr>();
      lit->literalKind = LiteralKind::kString;
      lit->text = unquote(t.text);
      lit->range = t.range;
      advance();
      return lit;
    }
    case TokenKind::kInteger:
    case TokenKind::kDecimal:
    case TokenKind::kFloat:
      advance();
      return parseNumber(t, false);
    case TokenKind::kMinus: {
      const Token& number = peek(1);
      if (!number.is(TokenKind::kInteger) && !number.is(TokenKind::kDecimal) &&
          !number.is(TokenKind::kFloat))
        break;
      advance();
      advance();
      ExprPtr lit = parseNumber(number, true);
      lit->range = rangeFrom(t);
      return lit;
    }
    case TokenKind::kVariable: {
      if (!allowVariable) break;
      auto v = std::make_unique<VariableRefExpr>();
      v->name = std::string(t.text.substr(2, t.text.size() - 3));
      v->range = t.range;
      advance();
      return v;
    }
    case TokenKind::kKeyword: {
      if (t.keyword != Keyword::kNull && t.keyword != Keyword::kTrue &&
          t.keyword != Keyword::kFalse)
        break;
      auto lit = std::make_unique<LiteralExpr>();
      lit->literalKind = t.keyword == Keyword::kNull ? LiteralKind::kNull : LiteralKind::kBoolean;
      lit->boolValue = t.keyword == Keyword::kTrue;
      lit->range = t.range;
      advance();
      return lit;
    }
    default:
      break;
  }
  failExpecting("a literal (string, number, TRUE, FALSE or NULL)");
}

SqlTypePtr Parser::parseType() {
  DepthGuard guard(*this);
  const Token& first = peek();
  auto type = std::make_unique<SqlType>();
  auto simple = [&](TypeKind kind) {
    advance();
    type->kind = kind;
  };
  switch (first.kind == TokenKind::kKeyword ? first.keyword : Keyword::kNone) {
    case Keyword::kBoolean:
      simple(TypeKind::kBoolean);
      break;
    case Keyword::kInt:
    case Keyword::kInteger:
      simple(TypeKind::kInteger);
      break;
    case Keyword::kBigint:
      simple(TypeKind::kBigint);
      break;
    case Keyword::kDouble:
      simple(TypeKind::kDouble);
      break;
    case Keyword::kString:
    case Keyword::kVarchar:
      simple(TypeKind::kString);
      break;
    case Keyword::kBytes:
      simple(TypeKind::kBytes);
      break;
    case Keyword::kTimestamp:
      simple(TypeKind::kTimestamp);
      break;
    case Keyword::kDate:
      simple(TypeKind::kDate);
      break;
    case Keyword::kTime:
      simple(TypeKind::kTime);
      break;
    case Keyword::kDecimal: {
      simple(TypeKind::kDecimal);
      expect(TokenKind::kLeftParen);
      int64_t precision = parseNonNegativeInteger("the DECIMAL precision");
      expect(TokenKind::kComma);
      int64_t scale = parseNonNegativeInteger("the DECIMAL scale");
      expect(TokenKind::kRightParen);
      if (precision < 1 || precision > 1000 || scale > precision) {
        fail(first,
             "invalid DECIMAL(" + std::to_string(precision) + ", " + std::to_string(scale) + ")",
             "the precision must be at least 1 and the scale at most the precision");
      }
      type->precision = static_cast<int>(precision);
      type->scale = static_cast<int>(scale);
      break;
    }
    case Keyword::kArray:
      simple(TypeKind::kArray);
      expect(TokenKind::kLt);
      type->params.push_back(parseType());
      expect(TokenKind::kGt);
      break;
    case Keyword::kMap:
      simple(TypeKind::kMap);
      expect(TokenKind::kLt);
      type->params.push_back(parseType());
      expect(TokenKind::kComma);
      type->params.push_back(parseType());
      expect(TokenKind::kGt);
      break;
    case Keyword::kStruct:
      simple(TypeKind::kStruct);
      expect(TokenKind::kLt);
      if (!check(TokenKind::kGt)) {
        do {
          StructField field;
          field.name = parseIdentifier("a field name");
          field.type = parseType();
          type->fields.push_back(std::move(field));
        } while (accept(TokenKind::kComma));
      }
      if (!check(TokenKind::kGt)) failExpecting("',' or '>'");
      advance();
      break;
    default:
      if (!isIdentifierToken(first)) {
        failExpecting(
            "a type (BOOLEAN, INT, BIGINT, DOUBLE, DECIMAL, STRING, BYTES, TIMESTAMP, DATE, "
            "TIME, ARRAY, MAP or STRUCT)");
      }
      type->kind = TypeKind::kCustom;
      type->customName = parseIdentifier("a type");
      break;
  }
  type->range = rangeFrom(first);
  return type;
}

}  // namespace runnel::sql
