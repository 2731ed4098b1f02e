// Query grammar: SELECT list, FROM with aliases and joins, WINDOW, WHERE, GROUP BY,
// PARTITION BY, HAVING, EMIT, LIMIT. See parser_impl.h.
#include "engine/sql/parser/parser_impl.h"

namespace runnel::sql {

using namespace ast;

namespace {

// Non-reserved words that begin a clause, so they are never taken as an alias without AS.
bool isClauseWord(const Token& t) {
  return t.isKeyword(Keyword::kEmit) || t.isKeyword(Keyword::kPartition);
}

// True when a word following a source name is followed by something that fits an alias.
bool aliasFits(const Token& next) {
  return next.is(TokenKind::kSemicolon) || next.is(TokenKind::kEnd) || next.is(TokenKind::kComma) ||
         (next.kind == TokenKind::kKeyword &&
          (isReservedKeyword(next.keyword) || isClauseWord(next)));
}

constexpr const char* kClauseOrderHint =
    "the clauses of a query go in this order: SELECT, FROM [JOIN ...], WINDOW, WHERE, GROUP BY, "
    "PARTITION BY, HAVING, EMIT, LIMIT";

}  // namespace

QueryPtr Parser::parseQuery() {
  DepthGuard guard(*this);
  const Token& first = expectKeyword(Keyword::kSelect);
  auto q = std::make_unique<Query>();
  do {
    q->select.push_back(parseSelectItem());
  } while (accept(TokenKind::kComma));
  expectKeyword(Keyword::kFrom);
  q->from.source = parseAliasedSource();
  while (parseJoin(q->from)) {
  }
  if (acceptKeyword(Keyword::kWindow)) q->window = parseWindow();
  if (acceptKeyword(Keyword::kWhere)) q->where = parseExpr();
  if (acceptKeyword(Keyword::kGroup)) {
    expectKeyword(Keyword::kBy);
    q->groupBy = parseGroupingList();
  }
  if (checkKeyword(Keyword::kPartition) && peek(1).isKeyword(Keyword::kBy)) {
    advance();
    advance();
    q->partitionBy = parseGroupingList();
  }
  if (acceptKeyword(Keyword::kHaving)) q->having = parseExpr();
  if (acceptKeyword(Keyword::kEmit)) {
    if (acceptKeyword(Keyword::kChanges)) {
      q->emitMode = EmitMode::kChanges;
    } else if (acceptKeyword(Keyword::kFinal)) {
      q->emitMode = EmitMode::kFinal;
    } else {
      failExpecting("CHANGES or FINAL", suggest({Keyword::kChanges, Keyword::kFinal}));
    }
  }
  if (acceptKeyword(Keyword::kLimit)) q->limit = parseNonNegativeInteger("a row limit");
  checkClauseOrder(*q);
  q->range = rangeFrom(first);
  return q;
}

void Parser::checkClauseOrder(const Query& q) {
  const Token& t = peek();
  if (t.kind != TokenKind::kKeyword) return;
  std::string name;
  bool duplicate = false;
  switch (t.keyword) {
    case Keyword::kWindow:
      name = "WINDOW", duplicate = q.window.has_value();
      break;
    case Keyword::kWhere:
      name = "WHERE", duplicate = q.where != nullptr;
      break;
    case Keyword::kGroup:
      name = "GROUP BY", duplicate = !q.groupBy.empty();
      break;
    case Keyword::kHaving:
      name = "HAVING", duplicate = q.having != nullptr;
      break;
    case Keyword::kEmit:
      name = "EMIT", duplicate = q.emitMode != EmitMode::kNone;
      break;
    case Keyword::kLimit:
      name = "LIMIT", duplicate = q.limit.has_value();
      break;
    case Keyword::kPartition:
      if (!peek(1).isKeyword(Keyword::kBy)) return;
      name = "PARTITION BY", duplicate = !q.partitionBy.empty();
      break;
    case Keyword::kJoin:
    case Keyword::kInner:
    case Keyword::kLeft:
    case Keyword::kRight:
    case Keyword::kFull:
      name = "JOIN";
      break;
    default:
      return;
  }
  if (duplicate) fail(t, "duplicate " + name + " clause");
  fail(t, name + " clause is out of order", kClauseOrderHint);
}

SelectItem Parser::parseSelectItem() {
  const Token& first = peek();
  SelectItem item;
  if (accept(TokenKind::kStar)) {
    item.kind = SelectItemKind::kAll;
  } else if (isIdentifierToken(first) && peek(1).is(TokenKind::kDot) &&
             peek(2).is(TokenKind::kStar)) {
    item.kind = SelectItemKind::kSourceAll;
    item.source = identifierFrom(advance());
    advance();
    advance();
  } else {
    item.expr = parseExpr();
    if (check(TokenKind::kArrow) && peek(1).is(TokenKind::kStar)) {
      advance();
      advance();
      item.kind = SelectItemKind::kStructAll;
    } else if (acceptKeyword(Keyword::kAs)) {
      item.alias = parseIdentifier("an alias");
    } else if (isIdentifierToken(peek()) && !isClauseWord(peek())) {
      const Token& next = peek(1);
      if (!next.is(TokenKind::kComma) && !next.isKeyword(Keyword::kFrom)) {
        // `SELECT a FORM t`: a misspelt FROM, not an alias.
        std::string hint = suggest({Keyword::kFrom});
        if (!hint.empty()) failExpecting("FROM", std::move(hint));
      }
      item.alias = identifierFrom(advance());
    }
  }
  item.range = rangeFrom(first);
  return item;
}

AliasedSource Parser::parseAliasedSource() {
  const Token& first = peek();
  AliasedSource s;
  s.name = parseIdentifier("a stream or table name");
  if (acceptKeyword(Keyword::kAs)) {
    s.alias = parseIdentifier("an alias");
  } else if (isIdentifierToken(peek()) && !isClauseWord(peek())) {
    if (!aliasFits(peek(1))) {
      // `FROM orders WHER x > 1`: a misspelt clause keyword, not an alias.
      std::string hint = suggest({Keyword::kWhere, Keyword::kWindow, Keyword::kGroup,
                                  Keyword::kPartition, Keyword::kHaving, Keyword::kEmit,
                                  Keyword::kLimit, Keyword::kJoin, Keyword::kLeft, Keyword::kRight,
                                  Keyword::kFull, Keyword::kInner, Keyword::kWithin});
      if (!hint.empty()) failExpecting("a clause or ';'", std::move(hint));
    }
    s.alias = identifierFrom(advance());
  }
  s.range = rangeFrom(first);
  return s;
}

bool Parser::parseJoin(FromClause& from) {
  const Token& first = peek();
  Join j;
  if (acceptKeyword(Keyword::kJoin)) {
    j.type = JoinType::kInner;
  } else if (acceptKeyword(Keyword::kInner)) {
    expectKeyword(Keyword::kJoin);
  } else if (checkKeyword(Keyword::kLeft) || checkKeyword(Keyword::kRight) ||
             checkKeyword(Keyword::kFull)) {
    Keyword k = advance().keyword;
    j.type = k == Keyword::kLeft    ? JoinType::kLeft
             : k == Keyword::kRight ? JoinType::kRight
                                    : JoinType::kFull;
    acceptKeyword(Keyword::kOuter);
    expectKeyword(Keyword::kJoin);
  } else {
    return false;
  }
  j.right = parseAliasedSource();
  if (acceptKeyword(Keyword::kWithin)) {
    JoinWithin w;
    if (accept(TokenKind::kLeftParen)) {
      w.before = parseDuration();
      expect(TokenKind::kComma);
      w.after = parseDuration();
      expect(TokenKind::kRightParen);
    } else {
      w.before = parseDuration();
    }
    if (acceptKeyword(Keyword::kGrace)) {
      expectKeyword(Keyword::kPeriod);
      w.grace = parseDuration();
    }
    j.within = w;
  }
  if (!checkKeyword(Keyword::kOn)) {
    failExpecting(j.within ? "ON" : "ON or WITHIN", suggest({Keyword::kOn, Keyword::kWithin}));
  }
  advance();
  j.on = parseExpr();
  j.range = rangeFrom(first);
  from.joins.push_back(std::move(j));
  return true;
}

Duration Parser::parseDuration() {
  const Token& first = peek();
  Duration d;
  d.value = parseNonNegativeInteger("a duration such as 5 MINUTES");
  const Token& unit = peek();
  switch (unit.kind == TokenKind::kKeyword ? unit.keyword : Keyword::kNone) {
    case Keyword::kMillisecond:
    case Keyword::kMilliseconds:
      d.unit = TimeUnit::kMillisecond;
      break;
    case Keyword::kSecond:
    case Keyword::kSeconds:
      d.unit = TimeUnit::kSecond;
      break;
    case Keyword::kMinute:
    case Keyword::kMinutes:
      d.unit = TimeUnit::kMinute;
      break;
    case Keyword::kHour:
    case Keyword::kHours:
      d.unit = TimeUnit::kHour;
      break;
    case Keyword::kDay:
    case Keyword::kDays:
      d.unit = TimeUnit::kDay;
      break;
    default:
      failExpecting("a time unit (MILLISECONDS, SECONDS, MINUTES, HOURS or DAYS)",
                    suggest({Keyword::kMilliseconds, Keyword::kSeconds, Keyword::kMinutes,
                             Keyword::kHours, Keyword::kDays, Keyword::kMillisecond,
                             Keyword::kSecond, Keyword::kMinute, Keyword::kHour, Keyword::kDay}));
  }
  advance();
  d.range = rangeFrom(first);
  return d;
}

WindowSpec Parser::parseWindow() {
  const Token& first = peek();
  WindowSpec w;
  if (acceptKeyword(Keyword::kTumbling)) {
    w.type = WindowType::kTumbling;
    expect(TokenKind::kLeftParen);
    expectKeyword(Keyword::kSize);
    w.size = parseDuration();
  } else if (acceptKeyword(Keyword::kHopping)) {
    w.type = WindowType::kHopping;
    expect(TokenKind::kLeftParen);
    expectKeyword(Keyword::kSize);
    w.size = parseDuration();
    if (!accept(TokenKind::kComma)) {
      failExpecting("', ADVANCE BY'", "a HOPPING window needs SIZE and ADVANCE BY");
    }
    if (!acceptKeyword(Keyword::kAdvance)) {
      failExpecting("ADVANCE BY", "a HOPPING window needs SIZE and ADVANCE BY");
    }
    expectKeyword(Keyword::kBy);
    w.advance = parseDuration();
  } else if (acceptKeyword(Keyword::kSession)) {
    w.type = WindowType::kSession;
    expect(TokenKind::kLeftParen);
    w.size = parseDuration();
  } else {
    failExpecting("TUMBLING, HOPPING or SESSION",
                  suggest({Keyword::kTumbling, Keyword::kHopping, Keyword::kSession}));
  }
  while (accept(TokenKind::kComma)) {
    const Token& option = peek();
    if (acceptKeyword(Keyword::kRetention)) {
      if (w.retention) fail(option, "duplicate RETENTION in window");
      w.retention = parseDuration();
    } else if (acceptKeyword(Keyword::kGrace)) {
      if (w.grace) fail(option, "duplicate GRACE PERIOD in window");
      expectKeyword(Keyword::kPeriod);
      w.grace = parseDuration();
    } else {
      failExpecting("RETENTION or GRACE PERIOD", suggest({Keyword::kRetention, Keyword::kGrace}));
    }
  }
  expect(TokenKind::kRightParen);
  w.range = rangeFrom(first);
  return w;
}

std::vector<ExprPtr> Parser::parseGroupingList() {
  std::vector<ExprPtr> list;
  if (check(TokenKind::kLeftParen)) {
    // `GROUP BY (a, b)` is a parenthesised list when nothing continues after the ')'.
    size_t i = pos_;
    int depth = 0;
    // Stops at ';' (which no expression contains) so a broken script stays linear to scan.
    for (; i < tokens_.size() && !tokens_[i].is(TokenKind::kEnd) &&
           !tokens_[i].is(TokenKind::kSemicolon);
         ++i) {
      if (tokens_[i].is(TokenKind::kLeftParen)) ++depth;
      if (tokens_[i].is(TokenKind::kRightParen) && --depth == 0) break;
    }
    const Token& after = tokens_[std::min(i + 1, tokens_.size() - 1)];
    bool listForm = i < tokens_.size() && tokens_[i].is(TokenKind::kRightParen) &&
                    (after.is(TokenKind::kSemicolon) || after.is(TokenKind::kEnd) ||
                     after.isKeyword(Keyword::kPartition) || after.isKeyword(Keyword::kHaving) ||
                     after.isKeyword(Keyword::kEmit) || after.isKeyword(Keyword::kLimit));
    if (listForm) {
      advance();
      if (check(TokenKind::kRightParen)) failExpecting("an expression");
      do {
        list.push_back(parseExpr());
      } while (accept(TokenKind::kComma));
      expectListEnd(TokenKind::kRightParen);
      return list;
    }
  }
  do {
    list.push_back(parseExpr());
  } while (accept(TokenKind::kComma));
  return list;
}

}  // namespace runnel::sql
