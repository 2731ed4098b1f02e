#include "engine/sql/parser/ast/query_window.h"

#include <limits>

namespace runnel::sql::ast {
namespace {

int64_t unitMillis(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kMillisecond:
      return 1;
    case TimeUnit::kSecond:
      return 1000;
    case TimeUnit::kMinute:
      return 60 * 1000;
    case TimeUnit::kHour:
      return 60 * 60 * 1000;
    case TimeUnit::kDay:
      return 24 * 60 * 60 * 1000;
  }
  return 1;
}

std::string_view unitName(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kMillisecond:
      return "MILLISECOND";
    case TimeUnit::kSecond:
      return "SECOND";
    case TimeUnit::kMinute:
      return "MINUTE";
    case TimeUnit::kHour:
      return "HOUR";
    case TimeUnit::kDay:
      return "DAY";
  }
  return "MILLISECOND";
}

}  // namespace

int64_t Duration::toMillis() const {
  int64_t m = unitMillis(unit);
  if (value > std::numeric_limits<int64_t>::max() / m) return std::numeric_limits<int64_t>::max();
  if (value < std::numeric_limits<int64_t>::min() / m) return std::numeric_limits<int64_t>::min();
  return value * m;
}

std::string Duration::toSql() const {
  std::string s = std::to_string(value);
  s.push_back(' ');
  s.append(unitName(unit));
  if (value != 1) s.push_back('S');
  return s;
}

void WindowSpec::print(SqlWriter& w) const {
  switch (type) {
    case WindowType::kTumbling:
      w << "TUMBLING (SIZE " << size.toSql();
      break;
    case WindowType::kHopping:
      w << "HOPPING (SIZE " << size.toSql();
      if (advance) w << ", ADVANCE BY " << advance->toSql();
      break;
    case WindowType::kSession:
      w << "SESSION (" << size.toSql();
      break;
  }
  if (retention) w << ", RETENTION " << retention->toSql();
  if (grace) w << ", GRACE PERIOD " << grace->toSql();
  w << ")";
}

}  // namespace runnel::sql::ast
