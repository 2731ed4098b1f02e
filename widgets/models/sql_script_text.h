// SQL text helpers for the studio editor, in Qt types: token classes for highlighting (from the
// engine's own lexer, so the editor colours exactly what the parser reads), statement ranges for
// "run the statement under the cursor", and isolating one statement so errors keep the script's
// line and column numbers. Offsets are byte offsets in the UTF-8 text (Scintilla's positions).
// Pure functions; safe on any thread.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace runnel::widgets {

enum class SqlTextClass : unsigned char {
  kDefault,
  kKeyword,
  kType,  // type-name keywords (BIGINT, STRUCT, ...)
  kFunction,
  kIdentifier,
  kQuotedIdentifier,
  kString,
  kNumber,
  kComment,
  kOperator,
  kVariable,
  kError,
};
constexpr int kSqlTextClassCount = 12;

struct SqlTextSpan {
  int offset = 0;  // bytes
  int length = 0;
  SqlTextClass textClass = SqlTextClass::kDefault;
};

// Every token of `utf8` (whitespace included, as kDefault) in order, covering the whole text.
QList<SqlTextSpan> classifySql(const QByteArray& utf8);

struct SqlStatementRange {
  int offset = 0;  // bytes, from the first token through ';'
  int length = 0;
  int line = 1;  // 1-based line of the first token
};

QList<SqlStatementRange> sqlStatements(const QByteArray& utf8);
// The statement under the byte offset `cursor` (see engine statementAt()).
std::optional<SqlStatementRange> sqlStatementAt(const QByteArray& utf8, int cursor);
// `utf8` with every code point outside the range replaced by a space, newlines kept.
QByteArray isolateSqlStatement(const QByteArray& utf8, const SqlStatementRange& range);

// Every keyword of the dialect (upper case) and every built-in function name, for completion.
QStringList sqlKeywords();
QStringList sqlFunctionNames();

}  // namespace runnel::widgets
