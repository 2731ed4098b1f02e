// Time scalars: TIMESTAMPTOSTRING, STRINGTOTIMESTAMP (BIGINT millis), FORMAT_TIMESTAMP,
// PARSE_TIMESTAMP (TIMESTAMP), FORMAT_DATE, PARSE_DATE, FROM_UNIXTIME, UNIX_TIMESTAMP(ts),
// UNIX_DATE(date). Patterns use the common letters of Java's DateTimeFormatter (y M d H h m s S a
// E X Z and 'quoted text'); time zones are UTC or fixed offsets ('+02:00'). An unparsable input,
// pattern or zone gives NULL, as ksqlDB does after logging.
#include <cstdio>

#include "engine/sql/functions/function_registry.h"

namespace runnel::sql {
namespace {

using fn::anyNull;

constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr const char* kDays[] = {"Thu", "Fri", "Sat", "Sun",
                                 "Mon", "Tue", "Wed"};  // 1970-01-01 was a Thursday

// Offset in minutes for "UTC", "GMT", "Z", "+02:00", "-0530"; nullopt when not understood.
std::optional<int> zoneOffsetMinutes(std::string_view zone) {
  if (zone == "UTC" || zone == "GMT" || zone == "Z" || zone == "Etc/UTC") return 0;
  std::string_view z = zone;
  if (z.substr(0, 3) == "UTC" || z.substr(0, 3) == "GMT") z.remove_prefix(3);
  if (z.size() < 3 || (z[0] != '+' && z[0] != '-')) return std::nullopt;
  const int sign = z[0] == '-' ? -1 : 1;
  std::string digits;
  for (char c : z.substr(1))
    if (c != ':') digits.push_back(c);
  if (digits.size() != 2 && digits.size() != 4) return std::nullopt;
  for (char c : digits)
    if (c < '0' || c > '9') return std::nullopt;
  const int h = std::stoi(digits.substr(0, 2));
  const int m = digits.size() == 4 ? std::stoi(digits.substr(2)) : 0;
  return sign * (h * 60 + m);
}

std::string pad(std::int64_t v, std::size_t width) {
  std::string s = std::to_string(v < 0 ? -v : v);
  while (s.size() < width)
    s.insert(s.begin(), '0');
  return v < 0 ? "-" + s : s;
}

std::optional<std::string> formatPattern(std::int64_t ms, std::string_view pattern, int offsetMin) {
  ms += std::int64_t{offsetMin} * 60000;
  std::int64_t days = ms / 86400000, rem = ms % 86400000;
  if (rem < 0) {
    rem += 86400000;
    --days;
  }
  std::int64_t y;
  unsigned mo, d;
  civilFromDays(days, y, mo, d);
  const std::int64_t h = rem / 3600000, mi = rem / 60000 % 60, s = rem / 1000 % 60,
                     frac = rem % 1000;
  std::string out;
  for (std::size_t i = 0; i < pattern.size();) {
    const char c = pattern[i];
    if (c == '\'') {
      const std::size_t close = pattern.find('\'', i + 1);
      if (close == std::string_view::npos) return std::nullopt;
      if (close == i + 1)
        out.push_back('\'');
      else
        out += pattern.substr(i + 1, close - i - 1);
      i = close + 1;
      continue;
    }
    if (!std::isalpha(static_cast<unsigned char>(c))) {
      out.push_back(c);
      ++i;
      continue;
    }
    std::size_t n = 1;
    while (i + n < pattern.size() && pattern[i + n] == c)
      ++n;
    switch (c) {
      case 'y':
      case 'u':
        out += n == 2 ? pad(y % 100, 2) : pad(y, n);
        break;
      case 'M':
        out += n >= 3 ? std::string(kMonths[mo - 1]) : pad(mo, n);
        break;
      case 'd':
        out += pad(d, n);
        break;
      case 'H':
        out += pad(h, n);
        break;
      case 'h':
        out += pad(h % 12 == 0 ? 12 : h % 12, n);
        break;
      case 'm':
        out += pad(mi, n);
        break;
      case 's':
        out += pad(s, n);
        break;
      case 'S': {
        std::string f = pad(frac, 3);
        while (f.size() < n)
          f.push_back('0');
        out += f.substr(0, n);
        break;
      }
      case 'a':
        out += h < 12 ? "AM" : "PM";
        break;
      case 'E':
        out += kDays[((days % 7) + 7) % 7];
        break;
      case 'X':
      case 'Z':
      case 'x': {
        if (offsetMin == 0 && c == 'X') {
          out.push_back('Z');
          break;
        }
        const int a = offsetMin < 0 ? -offsetMin : offsetMin;
        out += offsetMin < 0 ? "-" : "+";
        out += pad(a / 60, 2) + (n >= 3 || c == 'Z' ? (n >= 3 ? ":" : "") : "") + pad(a % 60, 2);
        break;
      }
      default:
        return std::nullopt;
    }
    i += n;
  }
  return out;
}

std::optional<std::int64_t> parsePattern(std::string_view text, std::string_view pattern,
                                         int offsetMin) {
  std::int64_t y = 1970;
  int mo = 1, d = 1, h = 0, mi = 0, s = 0, ms = 0;
  bool pm = false, hasAmPm = false;
  std::size_t t = 0;
  auto number = [&](std::size_t maxDigits, int& out) {
    std::size_t k = 0;
    out = 0;
    while (t < text.size() && k < maxDigits && std::isdigit(static_cast<unsigned char>(text[t]))) {
      out = out * 10 + (text[t++] - '0');
      ++k;
    }
    return k > 0;
  };
  for (std::size_t i = 0; i < pattern.size();) {
    const char c = pattern[i];
    if (c == '\'') {
      const std::size_t close = pattern.find('\'', i + 1);
      if (close == std::string_view::npos) return std::nullopt;
      const std::string_view lit =
          close == i + 1 ? std::string_view("'") : pattern.substr(i + 1, close - i - 1);
      if (text.substr(t, lit.size()) != lit) return std::nullopt;
      t += lit.size();
      i = close + 1;
      continue;
    }
    if (!std::isalpha(static_cast<unsigned char>(c))) {
      if (t >= text.size() || text[t] != c) return std::nullopt;
      ++t;
      ++i;
      continue;
    }
    std::size_t n = 1;
    while (i + n < pattern.size() && pattern[i + n] == c)
      ++n;
    const std::size_t width = n == 1 ? 9 : n;
    int v = 0;
    switch (c) {
      case 'y':
      case 'u':
        if (!number(n == 2 ? 2 : 9, v)) return std::nullopt;
        y = n == 2 ? 2000 + v : v;
        break;
      case 'M':
        if (n >= 3) {
          bool found = false;
          for (int k = 0; k < 12 && !found; ++k)
            if (text.substr(t, 3) == kMonths[k]) {
              mo = k + 1;
              t += 3;
              found = true;
            }
          if (!found) return std::nullopt;
        } else if (!number(std::min<std::size_t>(width, 2), mo)) {
          return std::nullopt;
        }
        break;
      case 'd':
        if (!number(std::min<std::size_t>(width, 2), d)) return std::nullopt;
        break;
      case 'H':
      case 'h':
        if (!number(std::min<std::size_t>(width, 2), h)) return std::nullopt;
        break;
      case 'm':
        if (!number(std::min<std::size_t>(width, 2), mi)) return std::nullopt;
        break;
      case 's':
        if (!number(std::min<std::size_t>(width, 2), s)) return std::nullopt;
        break;
      case 'S': {
        const std::size_t start = t;
        if (!number(n, v)) return std::nullopt;
        std::size_t digits = t - start;
        while (digits < 3) {
          v *= 10;
          ++digits;
        }
        while (digits > 3) {
          v /= 10;
          --digits;
        }
        ms = v;
        break;
      }
      case 'a':
        hasAmPm = true;
        if (text.substr(t, 2) == "PM" || text.substr(t, 2) == "pm")
          pm = true;
        else if (text.substr(t, 2) != "AM" && text.substr(t, 2) != "am")
          return std::nullopt;
        t += 2;
        break;
      case 'E':
        t += 3;
        break;
      case 'X':
      case 'Z':
      case 'x': {
        if (t < text.size() && text[t] == 'Z') {
          ++t;
          offsetMin = 0;
          break;
        }
        std::size_t end = t + 1;
        while (end < text.size() &&
               (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == ':'))
          ++end;
        auto off = zoneOffsetMinutes(text.substr(t, end - t));
        if (!off) return std::nullopt;
        offsetMin = *off;
        t = end;
        break;
      }
      default:
        return std::nullopt;
    }
    i += n;
  }
  if (t != text.size() || mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
  if (hasAmPm) h = h % 12 + (pm ? 12 : 0);
  const std::int64_t days = daysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  return days * 86400000 + ((h * 60LL + mi) * 60 + s) * 1000 + ms - std::int64_t{offsetMin} * 60000;
}

std::optional<int> zoneArg(const std::vector<Value>& v, std::size_t i) {
  if (v.size() <= i) return 0;
  return zoneOffsetMinutes(v[i].asString());
}

Result<DataType> resolveTime(const ArgInfo& a, const char* name,
                             std::initializer_list<TypeKind> first, const char* firstWhat,
                             DataType result) {
  RUNNEL_RETURN_IF_ERROR(fn::arity(a, 2, 3, name));
  RUNNEL_RETURN_IF_ERROR(fn::expect(a, 0, name, first, firstWhat));
  RUNNEL_RETURN_IF_ERROR(fn::expect(a, 1, name, {TypeKind::kString}, "a STRING pattern"));
  if (a.types.size() == 3)
    RUNNEL_RETURN_IF_ERROR(fn::expect(a, 2, name, {TypeKind::kString}, "a STRING time zone"));
  return result;
}

}  // namespace

void registerTimeFunctions(FunctionRegistry& r) {
  auto formatter = [](const std::vector<Value>& v) {
    if (anyNull(v)) return Value();
    auto zone = zoneArg(v, 2);
    if (!zone) return Value();
    auto text = formatPattern(v[0].asInt(), v[1].asString(), *zone);
    return text ? Value::string(*text) : Value();
  };
  r.add(ScalarFunction{"TIMESTAMPTOSTRING",
                       "DATE / TIME",
                       "Formats epoch milliseconds with a pattern.",
                       {"TIMESTAMPTOSTRING(ms BIGINT, pattern STRING[, zone STRING]) -> STRING"},
                       [](const ArgInfo& a) {
                         return resolveTime(
                             a, "TIMESTAMPTOSTRING",
                             {TypeKind::kBigint, TypeKind::kInteger, TypeKind::kTimestamp},
                             "BIGINT milliseconds", DataType::string());
                       },
                       formatter});
  r.add(ScalarFunction{"FORMAT_TIMESTAMP",
                       "DATE / TIME",
                       "Formats a TIMESTAMP with a pattern.",
                       {"FORMAT_TIMESTAMP(ts TIMESTAMP, pattern STRING[, zone STRING]) -> STRING"},
                       [](const ArgInfo& a) {
                         return resolveTime(a, "FORMAT_TIMESTAMP", {TypeKind::kTimestamp},
                                            "a TIMESTAMP", DataType::string());
                       },
                       formatter});
  r.add(ScalarFunction{"FORMAT_DATE",
                       "DATE / TIME",
                       "Formats a DATE with a pattern.",
                       {"FORMAT_DATE(date DATE, pattern STRING) -> STRING"},
                       [](const ArgInfo& a) {
                         return resolveTime(a, "FORMAT_DATE", {TypeKind::kDate}, "a DATE",
                                            DataType::string());
                       },
                       [](const std::vector<Value>& v) {
                         if (anyNull(v)) return Value();
                         auto text = formatPattern(v[0].asInt() * 86400000, v[1].asString(), 0);
                         return text ? Value::string(*text) : Value();
                       }});
  auto parser = [](bool asTimestamp) {
    return [asTimestamp](const std::vector<Value>& v) {
      if (anyNull(v)) return Value();
      auto zone = zoneArg(v, 2);
      if (!zone) return Value();
      auto ms = parsePattern(v[0].asString(), v[1].asString(), *zone);
      if (!ms) return Value();
      return asTimestamp ? Value::timestamp(*ms) : Value::bigint(*ms);
    };
  };
  r.add(ScalarFunction{"STRINGTOTIMESTAMP",
                       "DATE / TIME",
                       "Parses text with a pattern into epoch milliseconds.",
                       {"STRINGTOTIMESTAMP(str STRING, pattern STRING[, zone STRING]) -> BIGINT"},
                       [](const ArgInfo& a) {
                         return resolveTime(a, "STRINGTOTIMESTAMP", {TypeKind::kString}, "STRING",
                                            DataType::bigint());
                       },
                       parser(false)});
  r.add(ScalarFunction{"PARSE_TIMESTAMP",
                       "DATE / TIME",
                       "Parses text with a pattern into a TIMESTAMP.",
                       {"PARSE_TIMESTAMP(str STRING, pattern STRING[, zone STRING]) -> TIMESTAMP"},
                       [](const ArgInfo& a) {
                         return resolveTime(a, "PARSE_TIMESTAMP", {TypeKind::kString}, "STRING",
                                            DataType::timestamp());
                       },
                       parser(true)});
  r.add(ScalarFunction{"PARSE_DATE",
                       "DATE / TIME",
                       "Parses text with a pattern into a DATE.",
                       {"PARSE_DATE(str STRING, pattern STRING) -> DATE"},
                       [](const ArgInfo& a) {
                         return resolveTime(a, "PARSE_DATE", {TypeKind::kString}, "STRING",
                                            DataType::date());
                       },
                       [](const std::vector<Value>& v) {
                         if (anyNull(v)) return Value();
                         auto ms = parsePattern(v[0].asString(), v[1].asString(), 0);
                         if (!ms) return Value();
                         return Value::date(static_cast<std::int32_t>(*ms / 86400000));
                       }});
  r.add(ScalarFunction{"FROM_UNIXTIME",
                       "DATE / TIME",
                       "Epoch milliseconds as a TIMESTAMP.",
                       {"FROM_UNIXTIME(ms BIGINT) -> TIMESTAMP"},
                       [](const ArgInfo& a) -> Result<DataType> {
                         RUNNEL_RETURN_IF_ERROR(fn::arity(a, 1, 1, "FROM_UNIXTIME"));
                         RUNNEL_RETURN_IF_ERROR(fn::expect(a, 0, "FROM_UNIXTIME",
                                                           {TypeKind::kBigint, TypeKind::kInteger},
                                                           "BIGINT"));
                         return DataType::timestamp();
                       },
                       [](const std::vector<Value>& v) {
                         return v[0].isNull() ? Value() : Value::timestamp(v[0].asInt());
                       }});
  r.add(ScalarFunction{"UNIX_TIMESTAMP",
                       "DATE / TIME",
                       "A TIMESTAMP as epoch milliseconds.",
                       {"UNIX_TIMESTAMP(ts TIMESTAMP) -> BIGINT"},
                       [](const ArgInfo& a) -> Result<DataType> {
                         RUNNEL_RETURN_IF_ERROR(fn::arity(a, 1, 1, "UNIX_TIMESTAMP"));
                         RUNNEL_RETURN_IF_ERROR(fn::expect(a, 0, "UNIX_TIMESTAMP",
                                                           {TypeKind::kTimestamp}, "a TIMESTAMP"));
                         return DataType::bigint();
                       },
                       [](const std::vector<Value>& v) {
                         return v[0].isNull() ? Value() : Value::bigint(v[0].asInt());
                       }});
  r.add(ScalarFunction{
      "UNIX_DATE",
      "DATE / TIME",
      "A DATE as days since 1970-01-01.",
      {"UNIX_DATE(date DATE) -> INTEGER"},
      [](const ArgInfo& a) -> Result<DataType> {
        RUNNEL_RETURN_IF_ERROR(fn::arity(a, 1, 1, "UNIX_DATE"));
        RUNNEL_RETURN_IF_ERROR(fn::expect(a, 0, "UNIX_DATE", {TypeKind::kDate}, "a DATE"));
        return DataType::integer();
      },
      [](const std::vector<Value>& v) {
        return v[0].isNull() ? Value() : Value::integer(static_cast<std::int32_t>(v[0].asInt()));
      }});
}

}  // namespace runnel::sql
