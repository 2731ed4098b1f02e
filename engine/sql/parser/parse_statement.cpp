// Statement-level grammar: dispatch on the first word, CREATE (sources, AS SELECT, types) and
// INSERT. The other statements are in parse_admin_statement.cpp. See parser_impl.h.
#include "engine/sql/parser/parser_impl.h"

namespace runnel::sql {

using namespace ast;

StatementPtr Parser::parseStatement() {
  DepthGuard guard(*this);
  const Token& t = peek();
  if (t.kind == TokenKind::kKeyword) {
    switch (t.keyword) {
      case Keyword::kSelect: {
        auto s = std::make_unique<QueryStmt>();
        s->query = parseQuery();
        s->range = rangeFrom(t);
        return s;
      }
      case Keyword::kCreate:
        return parseCreate();
      case Keyword::kInsert:
        return parseInsert();
      case Keyword::kShow:
      case Keyword::kList:
        return parseList();
      case Keyword::kDescribe:
        return parseDescribe();
      case Keyword::kExplain:
        return parseExplain();
      case Keyword::kPrint:
        return parsePrint();
      case Keyword::kTerminate:
        return parseTerminate();
      case Keyword::kDrop:
        return parseDrop();
      case Keyword::kSet:
      case Keyword::kUnset:
      case Keyword::kDefine:
      case Keyword::kUndefine:
        return parseSessionStatement();
      default:
        break;
    }
  }
  failExpecting(
      "a statement (SELECT, CREATE, INSERT, SHOW, DESCRIBE, EXPLAIN, PRINT, TERMINATE, "
      "DROP, SET, UNSET)",
      suggest({Keyword::kSelect, Keyword::kCreate, Keyword::kInsert, Keyword::kShow, Keyword::kList,
               Keyword::kDescribe, Keyword::kExplain, Keyword::kPrint, Keyword::kTerminate,
               Keyword::kDrop, Keyword::kUnset, Keyword::kDefine}));
}

StatementPtr Parser::parseCreate() {
  const Token& first = expectKeyword(Keyword::kCreate);
  bool orReplace = false;
  if (acceptKeyword(Keyword::kOr)) {
    expectKeyword(Keyword::kReplace);
    orReplace = true;
  }
  bool isSource = acceptKeyword(Keyword::kSource);
  if (!isSource && !orReplace && acceptKeyword(Keyword::kType)) {
    auto s = std::make_unique<CreateTypeStmt>();
    if (acceptKeyword(Keyword::kIf)) {
      expectKeyword(Keyword::kNot);
      expectKeyword(Keyword::kExists);
      s->ifNotExists = true;
    }
    s->name = parseIdentifier("a type name");
    expectKeyword(Keyword::kAs);
    s->type = parseType();
    s->range = rangeFrom(first);
    return s;
  }
  SourceKind kind = SourceKind::kStream;
  if (acceptKeyword(Keyword::kTable)) {
    kind = SourceKind::kTable;
  } else if (!acceptKeyword(Keyword::kStream)) {
    failExpecting(isSource || orReplace ? "STREAM or TABLE" : "STREAM, TABLE or TYPE",
                  suggest({Keyword::kStream, Keyword::kTable, Keyword::kType}));
  }
  bool ifNotExists = false;
  if (acceptKeyword(Keyword::kIf)) {
    expectKeyword(Keyword::kNot);
    expectKeyword(Keyword::kExists);
    ifNotExists = true;
  }
  Identifier name = parseIdentifier(kind == SourceKind::kStream ? "a stream name" : "a table name");

  std::vector<ColumnDef> columns;
  const Token& columnsStart = peek();
  if (accept(TokenKind::kLeftParen)) {
    do {
      columns.push_back(parseColumnDef());
    } while (accept(TokenKind::kComma));
    expectListEnd(TokenKind::kRightParen);
  }
  std::vector<Property> properties;
  if (acceptKeyword(Keyword::kWith)) properties = parseProperties();

  if (checkKeyword(Keyword::kAs)) {
    if (!columns.empty()) {
      fail(columnsStart, "CREATE ... AS SELECT cannot declare columns",
           "the columns come from the SELECT; remove the column list");
    }
    if (isSource) fail(first, "CREATE SOURCE cannot be combined with AS SELECT");
    advance();
    if (!checkKeyword(Keyword::kSelect)) failExpecting("SELECT", suggest({Keyword::kSelect}));
    auto s = std::make_unique<CreateAsSelectStmt>();
    s->sourceKind = kind;
    s->orReplace = orReplace;
    s->ifNotExists = ifNotExists;
    s->name = std::move(name);
    s->properties = std::move(properties);
    s->query = parseQuery();
    s->range = rangeFrom(first);
    return s;
  }
  if (!check(TokenKind::kSemicolon) && !check(TokenKind::kEnd)) {
    failExpecting(
        properties.empty() ? (columns.empty() ? "'(', WITH or AS" : "WITH or AS") : "AS or ';'",
        suggest({Keyword::kWith, Keyword::kAs}));
  }
  auto s = std::make_unique<CreateSourceStmt>();
  s->sourceKind = kind;
  s->orReplace = orReplace;
  s->isSource = isSource;
  s->ifNotExists = ifNotExists;
  s->name = std::move(name);
  s->columns = std::move(columns);
  s->properties = std::move(properties);
  s->range = rangeFrom(first);
  return s;
}

ColumnDef Parser::parseColumnDef() {
  const Token& first = peek();
  ColumnDef c;
  c.name = parseIdentifier("a column name");
  c.type = parseType();
  if (acceptKeyword(Keyword::kPrimary)) {
    expectKeyword(Keyword::kKey);
    c.constraint = ColumnConstraint::kPrimaryKey;
  } else if (acceptKeyword(Keyword::kKey)) {
    c.constraint = ColumnConstraint::kKey;
  } else if (acceptKeyword(Keyword::kHeaders)) {
    c.constraint = ColumnConstraint::kHeaders;
  } else if (acceptKeyword(Keyword::kHeader)) {
    expect(TokenKind::kLeftParen);
    c.headerKey = parseStringLiteral("a header key string");
    expect(TokenKind::kRightParen);
    c.constraint = ColumnConstraint::kHeader;
  }
  c.range = rangeFrom(first);
  return c;
}

std::vector<Property> Parser::parseProperties() {
  std::vector<Property> properties;
  expect(TokenKind::kLeftParen);
  do {
    const Token& first = peek();
    Property p;
    if (check(TokenKind::kString)) {
      p.name = unquote(advance().text);
      for (char& c : p.name) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      }
    } else {
      p.name = parseIdentifier("a property name").name;
    }
    expect(TokenKind::kEq);
    p.value = parseLiteral(true);
    p.range = rangeFrom(first);
    for (const Property& earlier : properties) {
      if (earlier.name == p.name) fail(first, "duplicate property " + p.name);
    }
    properties.push_back(std::move(p));
  } while (accept(TokenKind::kComma));
  expectListEnd(TokenKind::kRightParen);
  return properties;
}

StatementPtr Parser::parseInsert() {
  const Token& first = expectKeyword(Keyword::kInsert);
  expectKeyword(Keyword::kInto);
  Identifier target = parseIdentifier("a stream or table name");
  if (check(TokenKind::kLeftParen) || checkKeyword(Keyword::kValues)) {
    auto s = std::make_unique<InsertValuesStmt>();
    s->target = std::move(target);
    if (accept(TokenKind::kLeftParen)) {
      do {
        s->columns.push_back(parseIdentifier("a column name"));
      } while (accept(TokenKind::kComma));
      expectListEnd(TokenKind::kRightParen);
    }
    expectKeyword(Keyword::kValues);
    expect(TokenKind::kLeftParen);
    if (!check(TokenKind::kRightParen)) {
      do {
        s->values.push_back(parseExpr());
      } while (accept(TokenKind::kComma));
    }
    expectListEnd(TokenKind::kRightParen);
    s->range = rangeFrom(first);
    return s;
  }
  auto s = std::make_unique<InsertIntoStmt>();
  s->target = std::move(target);
  if (acceptKeyword(Keyword::kWith)) s->properties = parseProperties();
  if (!checkKeyword(Keyword::kSelect)) {
    failExpecting("SELECT, VALUES or a column list", suggest({Keyword::kSelect, Keyword::kValues}));
  }
  s->query = parseQuery();
  s->range = rangeFrom(first);
  return s;
}

}  // namespace runnel::sql
