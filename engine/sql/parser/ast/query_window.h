// Window and duration nodes of a query: `5 MINUTES` durations, and the WINDOW clause's
// TUMBLING (SIZE, RETENTION, GRACE PERIOD), HOPPING (SIZE, ADVANCE BY, ...) and SESSION (gap, ...)
// specifications. Plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/sql/lexer/source_range.h"
#include "engine/sql/parser/ast/sql_writer.h"

namespace runnel::sql::ast {

enum class TimeUnit : unsigned char { kMillisecond, kSecond, kMinute, kHour, kDay };

struct Duration {
  int64_t value = 0;
  TimeUnit unit = TimeUnit::kMillisecond;
  SourceRange range;

  // The duration in milliseconds, saturating instead of overflowing.
  int64_t toMillis() const;
  // "5 MINUTES", "1 HOUR".
  std::string toSql() const;
};

enum class WindowType : unsigned char { kTumbling, kHopping, kSession };

struct WindowSpec {
  WindowType type = WindowType::kTumbling;
  Duration size;                    // the session gap for SESSION windows
  std::optional<Duration> advance;  // HOPPING only
  std::optional<Duration> retention;
  std::optional<Duration> grace;
  SourceRange range;

  void print(SqlWriter& w) const;
};

}  // namespace runnel::sql::ast
