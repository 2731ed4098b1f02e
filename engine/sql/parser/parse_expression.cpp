// Expression grammar, loosest first: OR, AND, NOT, predicates (comparison, BETWEEN, IN, LIKE,
// IS [NOT] NULL, IS [NOT] DISTINCT FROM; they do not chain), then value operators by precedence
// climbing (|| < + - < * / %), unary +/-, postfix [index] and ->field, and primaries.
#include "engine/sql/parser/parser_impl.h"

namespace runnel::sql {

using namespace ast;

namespace {

template <typename T>
std::unique_ptr<T> node() {
  return std::make_unique<T>();
}

bool comparisonOp(TokenKind kind, BinaryOp* op) {
  switch (kind) {
    case TokenKind::kEq:
      *op = BinaryOp::kEq;
      return true;
    case TokenKind::kNe:
      *op = BinaryOp::kNe;
      return true;
    case TokenKind::kLt:
      *op = BinaryOp::kLt;
      return true;
    case TokenKind::kLe:
      *op = BinaryOp::kLe;
      return true;
    case TokenKind::kGt:
      *op = BinaryOp::kGt;
      return true;
    case TokenKind::kGe:
      *op = BinaryOp::kGe;
      return true;
    default:
      return false;
  }
}

bool valueOp(TokenKind kind, BinaryOp* op) {
  switch (kind) {
    case TokenKind::kConcat:
      *op = BinaryOp::kConcat;
      return true;
    case TokenKind::kPlus:
      *op = BinaryOp::kAdd;
      return true;
    case TokenKind::kMinus:
      *op = BinaryOp::kSub;
      return true;
    case TokenKind::kStar:
      *op = BinaryOp::kMul;
      return true;
    case TokenKind::kSlash:
      *op = BinaryOp::kDiv;
      return true;
    case TokenKind::kPercent:
      *op = BinaryOp::kMod;
      return true;
    default:
      return false;
  }
}

ExprPtr binary(BinaryOp op, ExprPtr left, ExprPtr right, SourceRange range) {
  auto b = node<BinaryExpr>();
  b->op = op;
  b->left = std::move(left);
  b->right = std::move(right);
  b->range = range;
  return b;
}

}  // namespace

ExprPtr Parser::parseExpr() {
  DepthGuard guard(*this);
  return parseOr();
}

ExprPtr Parser::parseOr() {
  const Token& first = peek();
  ExprPtr left = parseAnd();
  while (acceptKeyword(Keyword::kOr)) {
    ExprPtr right = parseAnd();
    left = binary(BinaryOp::kOr, std::move(left), std::move(right), rangeFrom(first));
  }
  return left;
}

ExprPtr Parser::parseAnd() {
  const Token& first = peek();
  ExprPtr left = parseNot();
  while (acceptKeyword(Keyword::kAnd)) {
    ExprPtr right = parseNot();
    left = binary(BinaryOp::kAnd, std::move(left), std::move(right), rangeFrom(first));
  }
  return left;
}

ExprPtr Parser::parseNot() {
  if (!checkKeyword(Keyword::kNot)) return parsePredicated();
  DepthGuard guard(*this);
  const Token& first = advance();
  auto u = node<UnaryExpr>();
  u->op = UnaryOp::kNot;
  u->operand = parseNot();
  u->range = rangeFrom(first);
  return u;
}

ExprPtr Parser::parsePredicated() {
  const Token& first = peek();
  ExprPtr value = parseValue(precedence::kConcat);
  BinaryOp op;
  if (comparisonOp(peek().kind, &op)) {
    advance();
    ExprPtr right = parseValue(precedence::kConcat);
    return binary(op, std::move(value), std::move(right), rangeFrom(first));
  }
  bool negated = false;
  if (checkKeyword(Keyword::kNot) &&
      (peek(1).isKeyword(Keyword::kBetween) || peek(1).isKeyword(Keyword::kIn) ||
       peek(1).isKeyword(Keyword::kLike))) {
    advance();
    negated = true;
  }
  if (acceptKeyword(Keyword::kBetween)) {
    auto b = node<BetweenExpr>();
    b->operand = std::move(value);
    b->negated = negated;
    b->low = parseValue(precedence::kConcat);
    expectKeyword(Keyword::kAnd);
    b->high = parseValue(precedence::kConcat);
    b->range = rangeFrom(first);
    return b;
  }
  if (acceptKeyword(Keyword::kIn)) {
    auto in = node<InListExpr>();
    in->operand = std::move(value);
    in->negated = negated;
    expect(TokenKind::kLeftParen);
    do {
      in->values.push_back(parseExpr());
    } while (accept(TokenKind::kComma));
    if (!check(TokenKind::kRightParen)) failExpecting("',' or ')'");
    advance();
    in->range = rangeFrom(first);
    return in;
  }
  if (acceptKeyword(Keyword::kLike)) {
    auto like = node<LikeExpr>();
    like->operand = std::move(value);
    like->negated = negated;
    like->pattern = parseValue(precedence::kConcat);
    if (acceptKeyword(Keyword::kEscape))
      like->escape = parseStringLiteral("an escape character string");
    like->range = rangeFrom(first);
    return like;
  }
  if (acceptKeyword(Keyword::kIs)) {
    bool isNot = acceptKeyword(Keyword::kNot);
    if (acceptKeyword(Keyword::kNull)) {
      auto n = node<IsNullExpr>();
      n->operand = std::move(value);
      n->negated = isNot;
      n->range = rangeFrom(first);
      return n;
    }
    if (acceptKeyword(Keyword::kDistinct)) {
      expectKeyword(Keyword::kFrom);
      ExprPtr right = parseValue(precedence::kConcat);
      return binary(isNot ? BinaryOp::kIsNotDistinctFrom : BinaryOp::kIsDistinctFrom,
                    std::move(value), std::move(right), rangeFrom(first));
    }
    failExpecting(isNot ? "NULL or DISTINCT FROM" : "NULL, NOT NULL or DISTINCT FROM");
  }
  return value;
}

ExprPtr Parser::parseValue(int minPrecedence) {
  const Token& first = peek();
  ExprPtr left = parseUnary();
  BinaryOp op;
  while (valueOp(peek().kind, &op)) {
    int p = binaryOpPrecedence(op);
    if (p < minPrecedence) break;
    advance();
    ExprPtr right = parseValue(p + 1);
    left = binary(op, std::move(left), std::move(right), rangeFrom(first));
  }
  return left;
}

ExprPtr Parser::parseUnary() {
  if (!check(TokenKind::kMinus) && !check(TokenKind::kPlus)) return parsePostfix();
  DepthGuard guard(*this);
  const Token& first = advance();
  bool negate = first.is(TokenKind::kMinus);
  const Token& next = peek();
  if (negate && (next.is(TokenKind::kInteger) || next.is(TokenKind::kDecimal) ||
                 next.is(TokenKind::kFloat))) {
    advance();
    ExprPtr literal = parseNumber(next, true);
    literal->range = rangeFrom(first);
    return literal;
  }
  auto u = node<UnaryExpr>();
  u->op = negate ? UnaryOp::kNegate : UnaryOp::kPlus;
  u->operand = parseUnary();
  u->range = rangeFrom(first);
  return u;
}

ExprPtr Parser::parsePostfix() {
  const Token& first = peek();
  ExprPtr e = parsePrimary();
  for (;;) {
    if (accept(TokenKind::kLeftBracket)) {
      auto s = node<SubscriptExpr>();
      s->base = std::move(e);
      s->index = parseExpr();
      expect(TokenKind::kRightBracket);
      s->range = rangeFrom(first);
      e = std::move(s);
    } else if (check(TokenKind::kArrow) && !peek(1).is(TokenKind::kStar)) {
      advance();
      auto d = node<DereferenceExpr>();
      d->base = std::move(e);
      d->field = parseIdentifier("a struct field name");
      d->range = rangeFrom(first);
      e = std::move(d);
    } else {
      return e;
    }
  }
}

ExprPtr Parser::parsePrimary() {
  const Token& t = peek();
  switch (t.kind) {
    case TokenKind::kInteger:
    case TokenKind::kDecimal:
    case TokenKind::kFloat:
    case TokenKind::kString:
    case TokenKind::kVariable:
      return parseLiteral(true);
    case TokenKind::kLeftParen: {
      advance();
      ExprPtr e = parseExpr();
      if (!check(TokenKind::kRightParen)) failExpecting("')'");
      advance();
      return e;
    }
    case TokenKind::kKeyword:
      switch (t.keyword) {
        case Keyword::kNull:
        case Keyword::kTrue:
        case Keyword::kFalse:
          return parseLiteral(false);
        case Keyword::kCase:
          return parseCase();
        case Keyword::kCast:
          return parseCast();
        case Keyword::kArray:
          if (peek(1).is(TokenKind::kLeftBracket)) return parseConstructor();
          break;
        case Keyword::kMap:
        case Keyword::kStruct:
          if (peek(1).is(TokenKind::kLeftParen)) return parseConstructor();
          break;
        default:
          break;
      }
      break;
    default:
      break;
  }
  if (!isIdentifierToken(t)) {
    if (t.kind == TokenKind::kKeyword && previous().is(TokenKind::kComma) &&
        keywordInfo(t.keyword).keywordClass == KeywordClass::kClause) {
      failExpecting("an expression", "is there an extra ',' before " +
                                         std::string(keywordSpelling(t.keyword)) + "?");
    }
    const Token& next = peek(1);
    bool usedAsName = next.is(TokenKind::kComma) || next.is(TokenKind::kRightParen) ||
                      next.is(TokenKind::kDot) || next.is(TokenKind::kSemicolon) ||
                      next.is(TokenKind::kEnd) || next.is(TokenKind::kArrow) ||
                      next.is(TokenKind::kLeftBracket) || next.is(TokenKind::kEq) ||
                      next.isKeyword(Keyword::kFrom) || next.isKeyword(Keyword::kAs);
    if (t.kind == TokenKind::kKeyword && isReservedKeyword(t.keyword) && usedAsName) {
      failExpecting("an expression", std::string(t.text) + " is a reserved word; write `" +
                                         std::string(t.text) + "` to use it as a name");
    }
    failExpecting("an expression");
  }
  if (peek(1).is(TokenKind::kLeftParen)) return parseFunctionCall();
  auto c = node<ColumnRefExpr>();
  advance();
  if (check(TokenKind::kDot) && isIdentifierToken(peek(1))) {
    advance();
    c->source = identifierFrom(t);
    c->column = identifierFrom(advance());
  } else {
    c->column = identifierFrom(t);
  }
  if (check(TokenKind::kDot) && isIdentifierToken(peek(1))) {
    fail(peek(), "a column reference has at most one qualifier (source.column)",
         "use '->' to read a STRUCT field, as in source.column->field");
  }
  c->range = rangeFrom(t);
  return c;
}

ExprPtr Parser::parseFunctionCall() {
  const Token& first = peek();
  auto f = node<FunctionCallExpr>();
  f->name = identifierFrom(advance());
  expect(TokenKind::kLeftParen);
  if (accept(TokenKind::kStar)) {
    f->star = true;
  } else if (!check(TokenKind::kRightParen)) {
    f->distinct = acceptKeyword(Keyword::kDistinct);
    do {
      f->args.push_back(parseFunctionArgument());
    } while (accept(TokenKind::kComma));
  }
  if (!check(TokenKind::kRightParen)) failExpecting(f->star ? "')'" : "',' or ')'");
  advance();
  f->range = rangeFrom(first);
  return f;
}

bool Parser::lambdaAhead() const {
  if (isIdentifierToken(peek()) && peek(1).is(TokenKind::kLambdaArrow)) return true;
  if (!check(TokenKind::kLeftParen)) return false;
  size_t i = 1;
  for (;;) {
    if (!isIdentifierToken(peek(i))) return false;
    if (peek(i + 1).is(TokenKind::kComma)) {
      i += 2;
      continue;
    }
    return peek(i + 1).is(TokenKind::kRightParen) && peek(i + 2).is(TokenKind::kLambdaArrow);
  }
}

ExprPtr Parser::parseFunctionArgument() {
  if (!lambdaAhead()) return parseExpr();
  return parseLambda();
}

ExprPtr Parser::parseLambda() {
  const Token& first = peek();
  auto l = node<LambdaExpr>();
  if (accept(TokenKind::kLeftParen)) {
    do {
      l->params.push_back(parseIdentifier("a lambda parameter"));
    } while (accept(TokenKind::kComma));
    expectListEnd(TokenKind::kRightParen);
  } else {
    l->params.push_back(parseIdentifier("a lambda parameter"));
  }
  expect(TokenKind::kLambdaArrow);
  l->body = parseExpr();
  l->range = rangeFrom(first);
  return l;
}

ExprPtr Parser::parseCase() {
  const Token& first = expectKeyword(Keyword::kCase);
  auto c = node<CaseExpr>();
  if (!checkKeyword(Keyword::kWhen)) c->operand = parseExpr();
  if (!checkKeyword(Keyword::kWhen)) failExpecting("WHEN", suggest({Keyword::kWhen}));
  while (acceptKeyword(Keyword::kWhen)) {
    WhenClause w;
    w.when = parseExpr();
    expectKeyword(Keyword::kThen);
    w.then = parseExpr();
    c->whens.push_back(std::move(w));
  }
  if (acceptKeyword(Keyword::kElse)) c->elseResult = parseExpr();
  if (!checkKeyword(Keyword::kEnd)) {
    failExpecting(c->elseResult ? "END" : "WHEN, ELSE or END",
                  suggest({Keyword::kEnd, Keyword::kElse, Keyword::kWhen}));
  }
  advance();
  c->range = rangeFrom(first);
  return c;
}

ExprPtr Parser::parseCast() {
  const Token& first = expectKeyword(Keyword::kCast);
  auto c = node<CastExpr>();
  expect(TokenKind::kLeftParen);
  c->operand = parseExpr();
  expectKeyword(Keyword::kAs);
  c->type = parseType();
  expect(TokenKind::kRightParen);
  c->range = rangeFrom(first);
  return c;
}

ExprPtr Parser::parseConstructor() {
  const Token& first = advance();
  if (first.isKeyword(Keyword::kArray)) {
    auto a = node<ArrayConstructorExpr>();
    expect(TokenKind::kLeftBracket);
    if (!check(TokenKind::kRightBracket)) {
      do {
        a->elements.push_back(parseExpr());
      } while (accept(TokenKind::kComma));
    }
    if (!check(TokenKind::kRightBracket)) failExpecting("',' or ']'");
    advance();
    a->range = rangeFrom(first);
    return a;
  }
  if (first.isKeyword(Keyword::kMap)) {
    auto m = node<MapConstructorExpr>();
    expect(TokenKind::kLeftParen);
    if (!check(TokenKind::kRightParen)) {
      do {
        ExprPtr key = parseExpr();
        expect(TokenKind::kAssign);
        m->entries.emplace_back(std::move(key), parseExpr());
      } while (accept(TokenKind::kComma));
    }
    if (!check(TokenKind::kRightParen)) failExpecting("',' or ')'");
    advance();
    m->range = rangeFrom(first);
    return m;
  }
  auto s = node<StructConstructorExpr>();
  expect(TokenKind::kLeftParen);
  if (!check(TokenKind::kRightParen)) {
    do {
      Identifier name = parseIdentifier("a field name");
      expect(TokenKind::kAssign);
      s->fields.emplace_back(std::move(name), parseExpr());
    } while (accept(TokenKind::kComma));
  }
  if (!check(TokenKind::kRightParen)) failExpecting("',' or ')'");
  advance();
  s->range = rangeFrom(first);
  return s;
}

}  // namespace runnel::sql
