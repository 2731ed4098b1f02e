// The SQL dialect's keyword table: every word the lexer turns into a keyword token, whether it is
// reserved (never a bare identifier) and what it is for (statement word, type, time unit, literal,
// word operator). The parser, the editor's highlighter and its completion all read this one table.
// The table is immutable static data: safe to read from any thread.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace runnel::sql {

// X(Enumerator, "SPELLING", reserved, KeywordClass). Keep alphabetical by spelling: lookup is a
// binary search over this order (a test checks it). Non-reserved words may also be used as plain
// identifiers, as in ksqlDB (a column called `timestamp`, `key` or `size` needs no quotes).
#define RUNNEL_SQL_KEYWORDS(X)                       \
  X(kAdd, "ADD", false, kStatement)                  \
  X(kAdvance, "ADVANCE", false, kClause)             \
  X(kAll, "ALL", true, kClause)                      \
  X(kAlter, "ALTER", false, kStatement)              \
  X(kAnd, "AND", true, kOperator)                    \
  X(kArray, "ARRAY", false, kType)                   \
  X(kAs, "AS", true, kClause)                        \
  X(kBeginning, "BEGINNING", false, kClause)         \
  X(kBetween, "BETWEEN", true, kOperator)            \
  X(kBigint, "BIGINT", false, kType)                 \
  X(kBoolean, "BOOLEAN", false, kType)               \
  X(kBy, "BY", true, kClause)                        \
  X(kBytes, "BYTES", false, kType)                   \
  X(kCase, "CASE", true, kClause)                    \
  X(kCast, "CAST", true, kClause)                    \
  X(kChanges, "CHANGES", false, kClause)             \
  X(kColumn, "COLUMN", false, kClause)               \
  X(kConnector, "CONNECTOR", false, kStatement)      \
  X(kConnectors, "CONNECTORS", false, kStatement)    \
  X(kCreate, "CREATE", true, kStatement)             \
  X(kDate, "DATE", false, kType)                     \
  X(kDay, "DAY", false, kTimeUnit)                   \
  X(kDays, "DAYS", false, kTimeUnit)                 \
  X(kDecimal, "DECIMAL", false, kType)               \
  X(kDefine, "DEFINE", false, kStatement)            \
  X(kDelete, "DELETE", true, kClause)                \
  X(kDescribe, "DESCRIBE", true, kStatement)         \
  X(kDistinct, "DISTINCT", true, kOperator)          \
  X(kDouble, "DOUBLE", false, kType)                 \
  X(kDrop, "DROP", true, kStatement)                 \
  X(kElse, "ELSE", true, kClause)                    \
  X(kEmit, "EMIT", false, kClause)                   \
  X(kEnd, "END", true, kClause)                      \
  X(kEscape, "ESCAPE", false, kOperator)             \
  X(kExists, "EXISTS", true, kClause)                \
  X(kExplain, "EXPLAIN", false, kStatement)          \
  X(kExtended, "EXTENDED", false, kClause)           \
  X(kFalse, "FALSE", true, kLiteral)                 \
  X(kFinal, "FINAL", false, kClause)                 \
  X(kFrom, "FROM", true, kClause)                    \
  X(kFull, "FULL", true, kClause)                    \
  X(kFunction, "FUNCTION", false, kStatement)        \
  X(kFunctions, "FUNCTIONS", false, kStatement)      \
  X(kGrace, "GRACE", false, kClause)                 \
  X(kGroup, "GROUP", true, kClause)                  \
  X(kHaving, "HAVING", true, kClause)                \
  X(kHeader, "HEADER", false, kClause)               \
  X(kHeaders, "HEADERS", false, kClause)             \
  X(kHopping, "HOPPING", false, kClause)             \
  X(kHour, "HOUR", false, kTimeUnit)                 \
  X(kHours, "HOURS", false, kTimeUnit)               \
  X(kIf, "IF", false, kClause)                       \
  X(kIn, "IN", true, kOperator)                      \
  X(kInner, "INNER", true, kClause)                  \
  X(kInsert, "INSERT", true, kStatement)             \
  X(kInt, "INT", false, kType)                       \
  X(kInteger, "INTEGER", false, kType)               \
  X(kInterval, "INTERVAL", false, kClause)           \
  X(kInto, "INTO", true, kClause)                    \
  X(kIs, "IS", true, kOperator)                      \
  X(kJoin, "JOIN", true, kClause)                    \
  X(kKey, "KEY", false, kClause)                     \
  X(kLeft, "LEFT", true, kClause)                    \
  X(kLike, "LIKE", true, kOperator)                  \
  X(kLimit, "LIMIT", true, kClause)                  \
  X(kList, "LIST", false, kStatement)                \
  X(kMap, "MAP", false, kType)                       \
  X(kMillisecond, "MILLISECOND", false, kTimeUnit)   \
  X(kMilliseconds, "MILLISECONDS", false, kTimeUnit) \
  X(kMinute, "MINUTE", false, kTimeUnit)             \
  X(kMinutes, "MINUTES", false, kTimeUnit)           \
  X(kNot, "NOT", true, kOperator)                    \
  X(kNull, "NULL", true, kLiteral)                   \
  X(kOn, "ON", true, kClause)                        \
  X(kOr, "OR", true, kOperator)                      \
  X(kOuter, "OUTER", true, kClause)                  \
  X(kPartition, "PARTITION", false, kClause)         \
  X(kPeriod, "PERIOD", false, kClause)               \
  X(kPlugins, "PLUGINS", false, kStatement)          \
  X(kPrimary, "PRIMARY", false, kClause)             \
  X(kPrint, "PRINT", false, kStatement)              \
  X(kProperties, "PROPERTIES", false, kStatement)    \
  X(kQueries, "QUERIES", false, kStatement)          \
  X(kReplace, "REPLACE", false, kClause)             \
  X(kRetention, "RETENTION", false, kClause)         \
  X(kRight, "RIGHT", true, kClause)                  \
  X(kSample, "SAMPLE", false, kClause)               \
  X(kSecond, "SECOND", false, kTimeUnit)             \
  X(kSeconds, "SECONDS", false, kTimeUnit)           \
  X(kSelect, "SELECT", true, kStatement)             \
  X(kSession, "SESSION", false, kClause)             \
  X(kSet, "SET", false, kStatement)                  \
  X(kShow, "SHOW", false, kStatement)                \
  X(kSink, "SINK", false, kClause)                   \
  X(kSize, "SIZE", false, kClause)                   \
  X(kSource, "SOURCE", false, kClause)               \
  X(kStream, "STREAM", true, kStatement)             \
  X(kStreams, "STREAMS", false, kStatement)          \
  X(kString, "STRING", false, kType)                 \
  X(kStruct, "STRUCT", false, kType)                 \
  X(kTable, "TABLE", true, kStatement)               \
  X(kTables, "TABLES", false, kStatement)            \
  X(kTerminate, "TERMINATE", false, kStatement)      \
  X(kThen, "THEN", true, kClause)                    \
  X(kTime, "TIME", false, kType)                     \
  X(kTimestamp, "TIMESTAMP", false, kType)           \
  X(kTopic, "TOPIC", false, kClause)                 \
  X(kTopics, "TOPICS", false, kStatement)            \
  X(kTrue, "TRUE", true, kLiteral)                   \
  X(kTumbling, "TUMBLING", false, kClause)           \
  X(kType, "TYPE", false, kStatement)                \
  X(kTypes, "TYPES", false, kStatement)              \
  X(kUndefine, "UNDEFINE", false, kStatement)        \
  X(kUnset, "UNSET", false, kStatement)              \
  X(kValues, "VALUES", true, kClause)                \
  X(kVarchar, "VARCHAR", false, kType)               \
  X(kVariables, "VARIABLES", false, kStatement)      \
  X(kWhen, "WHEN", true, kClause)                    \
  X(kWhere, "WHERE", true, kClause)                  \
  X(kWindow, "WINDOW", true, kClause)                \
  X(kWith, "WITH", true, kClause)                    \
  X(kWithin, "WITHIN", true, kClause)

enum class Keyword : uint8_t {
  kNone = 0,
#define RUNNEL_SQL_KEYWORD_ENUM(id, spelling, reserved, cls) id,
  RUNNEL_SQL_KEYWORDS(RUNNEL_SQL_KEYWORD_ENUM)
#undef RUNNEL_SQL_KEYWORD_ENUM
};

// What a keyword is for: the highlighter colours by it and completion groups by it.
enum class KeywordClass : uint8_t {
  kStatement,  // starts or names a statement kind (CREATE, SHOW, STREAMS, ...)
  kClause,     // structures a statement or query (FROM, WINDOW, EMIT, ...)
  kOperator,   // word operators in expressions (AND, LIKE, IS, ...)
  kLiteral,    // TRUE, FALSE, NULL
  kType,       // type names (BIGINT, STRUCT, ...)
  kTimeUnit,   // window and join-window units (SECOND(S), MINUTE(S), ...)
};

struct KeywordInfo {
  std::string_view spelling;  // upper case
  Keyword keyword;
  bool reserved;
  KeywordClass keywordClass;
};

// All keywords, sorted by spelling.
std::span<const KeywordInfo> keywordTable();

// The keyword spelled `word` in any letter case, or Keyword::kNone.
Keyword lookupKeyword(std::string_view word);

// The entry for a keyword (kNone has no entry: asking for it yields an empty spelling).
const KeywordInfo& keywordInfo(Keyword keyword);

inline std::string_view keywordSpelling(Keyword keyword) {
  return keywordInfo(keyword).spelling;
}
inline bool isReservedKeyword(Keyword keyword) {
  return keywordInfo(keyword).reserved;
}

}  // namespace runnel::sql
