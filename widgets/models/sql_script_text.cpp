#include "widgets/models/sql_script_text.h"

#include "engine/sql/functions/function_registry.h"
#include "engine/sql/lexer/lexer.h"
#include "engine/sql/parser/statement_splitter.h"

namespace runnel::widgets {
namespace {

SqlTextClass classOf(const sql::Token& t, const sql::Token* next) {
  using sql::TokenKind;
  switch (t.kind) {
    case TokenKind::kKeyword:
      if (sql::keywordInfo(t.keyword).keywordClass == sql::KeywordClass::kType)
        return SqlTextClass::kType;
      return SqlTextClass::kKeyword;
    case TokenKind::kIdentifier:
      // A known function only when called, so a column named like a function stays a column.
      if (next && next->kind == TokenKind::kLeftParen &&
          sql::FunctionRegistry::builtins().exists(
              QByteArray(t.text.data(), int(t.text.size())).toUpper().toStdString()))
        return SqlTextClass::kFunction;
      return SqlTextClass::kIdentifier;
    case TokenKind::kQuotedIdentifier:
    case TokenKind::kBackquotedIdentifier:
      return SqlTextClass::kQuotedIdentifier;
    case TokenKind::kString:
      return SqlTextClass::kString;
    case TokenKind::kInteger:
    case TokenKind::kDecimal:
    case TokenKind::kFloat:
      return SqlTextClass::kNumber;
    case TokenKind::kComment:
      return SqlTextClass::kComment;
    case TokenKind::kVariable:
      return SqlTextClass::kVariable;
    case TokenKind::kError:
      // Unterminated strings and comments keep their colour while being typed.
      switch (t.error) {
        case sql::LexError::kUnterminatedString:
          return SqlTextClass::kString;
        case sql::LexError::kUnterminatedComment:
          return SqlTextClass::kComment;
        case sql::LexError::kUnterminatedQuotedIdentifier:
          return SqlTextClass::kQuotedIdentifier;
        default:
          return SqlTextClass::kError;
      }
    case TokenKind::kWhitespace:
    case TokenKind::kEnd:
      return SqlTextClass::kDefault;
    default:
      return SqlTextClass::kOperator;
  }
}

}  // namespace

QList<SqlTextSpan> classifySql(const QByteArray& utf8) {
  const std::string_view text(utf8.constData(), std::size_t(utf8.size()));
  const auto tokens = sql::tokenize(text, {.keepTrivia = true});
  QList<SqlTextSpan> out;
  out.reserve(qsizetype(tokens.size()));
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const sql::Token& t = tokens[i];
    if (t.kind == sql::TokenKind::kEnd) break;
    const sql::Token* next = nullptr;
    for (std::size_t j = i + 1; j < tokens.size() && !next; ++j)
      if (!tokens[j].isTrivia()) next = &tokens[j];
    out.push_back({int(t.range.offset), int(t.range.length), classOf(t, next)});
  }
  return out;
}

QList<SqlStatementRange> sqlStatements(const QByteArray& utf8) {
  QList<SqlStatementRange> out;
  for (const auto& s : sql::splitStatements(std::string_view(utf8.constData(), utf8.size())))
    out.push_back({int(s.range.offset), int(s.range.length), int(s.range.line)});
  return out;
}

std::optional<SqlStatementRange> sqlStatementAt(const QByteArray& utf8, int cursor) {
  const auto s = sql::statementAt(std::string_view(utf8.constData(), utf8.size()),
                                  std::uint32_t(std::max(0, cursor)));
  if (!s) return std::nullopt;
  return SqlStatementRange{int(s->range.offset), int(s->range.length), int(s->range.line)};
}

QByteArray isolateSqlStatement(const QByteArray& utf8, const SqlStatementRange& range) {
  QByteArray out;
  out.reserve(utf8.size());
  const int end = range.offset + range.length;
  for (int i = 0; i < utf8.size(); ++i) {
    const char c = utf8[i];
    if ((i >= range.offset && i < end) || c == '\n')
      out.append(c);
    else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
      out.append(' ');  // one space per code point: columns count code points
  }
  return out;
}

QStringList sqlKeywords() {
  QStringList out;
  for (const auto& k : sql::keywordTable())
    out << QString::fromLatin1(k.spelling.data(), qsizetype(k.spelling.size()));
  return out;
}

QStringList sqlFunctionNames() {
  QStringList out;
  for (const auto& f : sql::FunctionRegistry::builtins().list())
    out << QString::fromStdString(f.name);
  return out;
}

}  // namespace runnel::widgets
