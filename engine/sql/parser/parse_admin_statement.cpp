// Statement grammar for the catalog and session statements: SHOW/LIST, DESCRIBE, EXPLAIN, PRINT,
// TERMINATE, DROP, SET/UNSET, DEFINE/UNDEFINE. See parser_impl.h.
#include "engine/sql/parser/parser_impl.h"

namespace runnel::sql {

using namespace ast;

namespace {

bool startsStatement(const Token& t) {
  if (t.kind != TokenKind::kKeyword) return false;
  switch (t.keyword) {
    case Keyword::kSelect:
    case Keyword::kCreate:
    case Keyword::kInsert:
    case Keyword::kShow:
    case Keyword::kList:
    case Keyword::kDescribe:
    case Keyword::kExplain:
    case Keyword::kPrint:
    case Keyword::kTerminate:
    case Keyword::kDrop:
    case Keyword::kSet:
    case Keyword::kUnset:
    case Keyword::kDefine:
    case Keyword::kUndefine:
      return true;
    default:
      return false;
  }
}

}  // namespace

StatementPtr Parser::parseList() {
  const Token& first = advance();  // SHOW or LIST
  auto s = std::make_unique<ListStmt>();
  s->all = acceptKeyword(Keyword::kAll);
  const Token& what = peek();
  bool extendable = true;
  switch (what.kind == TokenKind::kKeyword ? what.keyword : Keyword::kNone) {
    case Keyword::kTopics:
      s->target = ListTarget::kTopics;
      break;
    case Keyword::kStreams:
      s->target = ListTarget::kStreams;
      break;
    case Keyword::kTables:
      s->target = ListTarget::kTables;
      break;
    case Keyword::kQueries:
      s->target = ListTarget::kQueries;
      break;
    case Keyword::kFunctions:
      s->target = ListTarget::kFunctions, extendable = false;
      break;
    case Keyword::kProperties:
      s->target = ListTarget::kProperties, extendable = false;
      break;
    case Keyword::kTypes:
      s->target = ListTarget::kTypes, extendable = false;
      break;
    case Keyword::kVariables:
      s->target = ListTarget::kVariables, extendable = false;
      break;
    case Keyword::kConnectors:
      s->target = ListTarget::kConnectors, extendable = false;
      break;
    default:
      failExpecting(
          s->all ? "TOPICS"
                 : "TOPICS, STREAMS, TABLES, QUERIES, FUNCTIONS, PROPERTIES, TYPES or VARIABLES",
          suggest({Keyword::kTopics, Keyword::kStreams, Keyword::kTables, Keyword::kQueries,
                   Keyword::kFunctions, Keyword::kProperties, Keyword::kTypes,
                   Keyword::kVariables}));
  }
  if (s->all && s->target != ListTarget::kTopics) failExpecting("TOPICS");
  advance();
  if (extendable) s->extended = acceptKeyword(Keyword::kExtended);
  s->range = rangeFrom(first);
  return s;
}

StatementPtr Parser::parseDescribe() {
  const Token& first = expectKeyword(Keyword::kDescribe);
  if (checkKeyword(Keyword::kFunction) && isIdentifierToken(peek(1))) {
    advance();
    auto s = std::make_unique<DescribeFunctionStmt>();
    s->name = parseIdentifier("a function name");
    s->range = rangeFrom(first);
    return s;
  }
  auto s = std::make_unique<DescribeStmt>();
  if (acceptKeyword(Keyword::kStreams)) {
    s->all = ListTarget::kStreams;
  } else if (acceptKeyword(Keyword::kTables)) {
    s->all = ListTarget::kTables;
  } else {
    // DESCRIBE EXTENDED name is the older spelling of DESCRIBE name EXTENDED.
    if (checkKeyword(Keyword::kExtended) && isIdentifierToken(peek(1))) {
      advance();
      s->extended = true;
    }
    s->name = parseIdentifier("a stream or table name, STREAMS, TABLES or FUNCTION");
  }
  if (acceptKeyword(Keyword::kExtended)) s->extended = true;
  s->range = rangeFrom(first);
  return s;
}

StatementPtr Parser::parseExplain() {
  const Token& first = expectKeyword(Keyword::kExplain);
  auto s = std::make_unique<ExplainStmt>();
  const Token& t = peek();
  // A lone word is a query id even when it is also a (non-reserved) statement keyword.
  bool loneWord =
      isIdentifierToken(t) && (peek(1).is(TokenKind::kSemicolon) || peek(1).is(TokenKind::kEnd));
  if (startsStatement(t) && !loneWord) {
    s->statement = parseStatement();
  } else {
    s->queryId = parseIdentifier("a query id or a statement");
  }
  s->range = rangeFrom(first);
  return s;
}

StatementPtr Parser::parsePrint() {
  const Token& first = expectKeyword(Keyword::kPrint);
  auto s = std::make_unique<PrintStmt>();
  const Token& topic = peek();
  if (topic.is(TokenKind::kString) || topic.is(TokenKind::kQuotedIdentifier) ||
      topic.is(TokenKind::kBackquotedIdentifier)) {
    s->topic = unquote(advance().text);
    s->topicQuoted = true;
  } else if (isIdentifierToken(topic)) {
    s->topic = std::string(advance().text);
  } else {
    failExpecting("a topic name");
  }
  if (acceptKeyword(Keyword::kFrom)) {
    expectKeyword(Keyword::kBeginning);
    s->fromBeginning = true;
  }
  if (acceptKeyword(Keyword::kInterval) || acceptKeyword(Keyword::kSample)) {
    s->interval = parseNonNegativeInteger("an interval (print every n-th record)");
  }
  if (acceptKeyword(Keyword::kLimit)) s->limit = parseNonNegativeInteger("a record limit");
  s->range = rangeFrom(first);
  return s;
}

StatementPtr Parser::parseTerminate() {
  const Token& first = expectKeyword(Keyword::kTerminate);
  auto s = std::make_unique<TerminateStmt>();
  if (acceptKeyword(Keyword::kAll)) {
    s->all = true;
  } else {
    s->queryId = parseIdentifier("a query id or ALL");
  }
  s->range = rangeFrom(first);
  return s;
}

StatementPtr Parser::parseDrop() {
  const Token& first = expectKeyword(Keyword::kDrop);
  if (acceptKeyword(Keyword::kType)) {
    auto s = std::make_unique<DropTypeStmt>();
    if (acceptKeyword(Keyword::kIf)) {
      expectKeyword(Keyword::kExists);
      s->ifExists = true;
    }
    s->name = parseIdentifier("a type name");
    s->range = rangeFrom(first);
    return s;
  }
  auto s = std::make_unique<DropStmt>();
  if (acceptKeyword(Keyword::kTable)) {
    s->sourceKind = SourceKind::kTable;
  } else if (!acceptKeyword(Keyword::kStream)) {
    failExpecting("STREAM, TABLE or TYPE",
                  suggest({Keyword::kStream, Keyword::kTable, Keyword::kType}));
  }
  if (acceptKeyword(Keyword::kIf)) {
    expectKeyword(Keyword::kExists);
    s->ifExists = true;
  }
  s->name =
      parseIdentifier(s->sourceKind == SourceKind::kStream ? "a stream name" : "a table name");
  if (acceptKeyword(Keyword::kDelete)) {
    expectKeyword(Keyword::kTopic);
    s->deleteTopic = true;
  }
  s->range = rangeFrom(first);
  return s;
}

StatementPtr Parser::parseSessionStatement() {
  const Token& first = advance();
  switch (first.keyword) {
    case Keyword::kSet: {
      auto s = std::make_unique<SetPropertyStmt>();
      s->name =
          parseStringLiteral("a quoted property name, as in SET 'auto.offset.reset'='earliest'");
      expect(TokenKind::kEq);
      s->value = parseStringLiteral("a quoted property value");
      s->range = rangeFrom(first);
      return s;
    }
    case Keyword::kUnset: {
      auto s = std::make_unique<UnsetPropertyStmt>();
      s->name = parseStringLiteral("a quoted property name");
      s->range = rangeFrom(first);
      return s;
    }
    case Keyword::kDefine: {
      auto s = std::make_unique<DefineVariableStmt>();
      if (peek().kind != TokenKind::kIdentifier &&
          !(peek().kind == TokenKind::kKeyword && isIdentifierToken(peek()))) {
        failExpecting("a variable name");
      }
      s->name = std::string(advance().text);
      expect(TokenKind::kEq);
      s->value = parseStringLiteral("a quoted variable value");
      s->range = rangeFrom(first);
      return s;
    }
    default: {
      auto s = std::make_unique<UndefineVariableStmt>();
      if (peek().kind != TokenKind::kIdentifier &&
          !(peek().kind == TokenKind::kKeyword && isIdentifierToken(peek()))) {
        failExpecting("a variable name");
      }
      s->name = std::string(advance().text);
      s->range = rangeFrom(first);
      return s;
    }
  }
}

}  // namespace runnel::sql
