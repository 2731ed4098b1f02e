#include "engine/sql/types/value.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

#include "engine/common/json_writer.h"

namespace runnel::sql {

Value Value::decimal(double v, int scale) {
  Value out(TypeKind::kDecimal, v);
  out.scale_ = scale;
  return out;
}
Value Value::array(Array elements) {
  return Value(TypeKind::kArray, std::make_shared<const Array>(std::move(elements)));
}
Value Value::map(MapEntries entries) {
  return Value(TypeKind::kMap, std::make_shared<const MapEntries>(std::move(entries)));
}
Value Value::structValue(Fields fields) {
  return Value(TypeKind::kStruct, std::make_shared<const Fields>(std::move(fields)));
}

std::int64_t Value::asInt() const {
  if (const auto* i = std::get_if<std::int64_t>(&data_)) return *i;
  if (const auto* d = std::get_if<double>(&data_)) {
    if (!std::isfinite(*d)) return 0;
    if (*d >= 9.2e18) return std::numeric_limits<std::int64_t>::max();
    if (*d <= -9.2e18) return std::numeric_limits<std::int64_t>::min();
    return static_cast<std::int64_t>(*d);
  }
  if (const auto* b = std::get_if<bool>(&data_)) return *b ? 1 : 0;
  return 0;
}

double Value::asDouble() const {
  if (const auto* d = std::get_if<double>(&data_)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&data_)) return static_cast<double>(*i);
  return 0;
}

namespace {
bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

std::string formatDouble(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  std::string s(buf, ec == std::errc() ? end : buf);
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

std::string formatDecimal(double d, int scale) {
  char buf[128];
  std::snprintf(buf, sizeof buf, "%.*f", std::max(0, scale), d);
  return buf;
}
}  // namespace

Value Value::field(std::string_view name) const {
  if (kind_ != TypeKind::kStruct) return {};
  for (const auto& [n, v] : asStruct())
    if (n == name) return v;
  for (const auto& [n, v] : asStruct())
    if (equalsIgnoreCase(n, name)) return v;
  return {};
}

std::string Value::toLiteral() const {
  if (kind_ == TypeKind::kString) {
    std::string out;
    JsonWriter::appendQuoted(out, asString());
    return out;
  }
  return toString();
}

std::string Value::toString() const {
  switch (kind_) {
    case TypeKind::kNull:
      return "null";
    case TypeKind::kBoolean:
      return asBool() ? "true" : "false";
    case TypeKind::kInteger:
    case TypeKind::kBigint:
      return std::to_string(asInt());
    case TypeKind::kDouble:
      return formatDouble(asDouble());
    case TypeKind::kDecimal:
      return formatDecimal(asDouble(), scale_);
    case TypeKind::kString:
      return asString();
    case TypeKind::kBytes: {
      static const char* kHex = "0123456789ABCDEF";
      std::string out = "0x";
      for (unsigned char c : asString()) {
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
      }
      return out;
    }
    case TypeKind::kTimestamp:
      return formatTimestamp(asInt());
    case TypeKind::kDate:
      return formatDate(static_cast<std::int32_t>(asInt()));
    case TypeKind::kTime:
      return formatTime(static_cast<std::int32_t>(asInt()));
    case TypeKind::kArray: {
      std::string out = "[";
      for (std::size_t i = 0; i < asArray().size(); ++i)
        out += (i ? ", " : "") + asArray()[i].toLiteral();
      return out + "]";
    }
    case TypeKind::kMap: {
      std::string out = "{";
      for (std::size_t i = 0; i < asMap().size(); ++i)
        out +=
            (i ? ", " : "") + asMap()[i].first.toLiteral() + ": " + asMap()[i].second.toLiteral();
      return out + "}";
    }
    case TypeKind::kStruct: {
      std::string out = "{";
      for (std::size_t i = 0; i < asStruct().size(); ++i) {
        std::string key;
        JsonWriter::appendQuoted(key, asStruct()[i].first);
        out += (i ? ", " : "") + key + ": " + asStruct()[i].second.toLiteral();
      }
      return out + "}";
    }
  }
  return "?";
}

bool operator==(const Value& a, const Value& b) {
  if (a.isNull() || b.isNull()) return a.isNull() && b.isNull();
  DataType ta(a.kind_), tb(b.kind_);
  if (ta.isNumeric() && tb.isNumeric()) return compareValues(a, b) == 0;
  if (a.kind_ != b.kind_) return false;
  switch (a.kind_) {
    case TypeKind::kArray:
      return a.asArray() == b.asArray();
    case TypeKind::kMap:
      return a.asMap() == b.asMap();
    case TypeKind::kStruct:
      return a.asStruct() == b.asStruct();
    default:
      return a.data_ == b.data_;
  }
}

std::optional<int> compareValues(const Value& a, const Value& b) {
  if (a.isNull() || b.isNull()) return std::nullopt;
  const DataType ta(a.kind()), tb(b.kind());
  auto sign = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  if (ta.isNumeric() && tb.isNumeric()) {
    if (ta.isIntegral() && tb.isIntegral()) return sign(a.asInt(), b.asInt());
    return sign(a.asDouble(), b.asDouble());
  }
  if (a.kind() != b.kind()) {
    // A TIMESTAMP compares with a BIGINT of milliseconds, as literals in WHERE ROWTIME > n do.
    const bool aTime = a.kind() == TypeKind::kTimestamp, bTime = b.kind() == TypeKind::kTimestamp;
    if ((aTime && tb.isIntegral()) || (bTime && ta.isIntegral())) return sign(a.asInt(), b.asInt());
    return std::nullopt;
  }
  switch (a.kind()) {
    case TypeKind::kBoolean:
      return sign(a.asBool(), b.asBool());
    case TypeKind::kString:
    case TypeKind::kBytes: {
      const int c = a.asString().compare(b.asString());
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case TypeKind::kTimestamp:
    case TypeKind::kDate:
    case TypeKind::kTime:
      return sign(a.asInt(), b.asInt());
    default:
      return std::nullopt;
  }
}

// --- time -------------------------------------------------------------------------------------

// Howard Hinnant's civil-calendar algorithms (public domain description).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civilFromDays(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

std::string formatDate(std::int32_t days) {
  std::int64_t y;
  unsigned m, d;
  civilFromDays(days, y, m, d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return buf;
}

std::string formatTime(std::int32_t ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60);
  std::string out = buf;
  if (ms % 1000) {
    std::snprintf(buf, sizeof buf, ".%03d", ms % 1000);
    out += buf;
  }
  return out;
}

std::string formatTimestamp(std::int64_t ms) {
  std::int64_t days = ms / 86400000, rem = ms % 86400000;
  if (rem < 0) {
    rem += 86400000;
    --days;
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, ".%03d", static_cast<int>(rem % 1000));
  std::string t = formatTime(static_cast<std::int32_t>(rem / 1000 * 1000));
  return formatDate(static_cast<std::int32_t>(days)) + "T" + t + buf;
}

std::optional<std::int64_t> parseTimestamp(std::string_view s) {
  auto num = [&](std::size_t pos, std::size_t len, int& out) {
    if (pos + len > s.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  int y, mo, d, h = 0, mi = 0, sec = 0, ms = 0;
  if (!num(0, 4, y) || s.size() < 10 || s[4] != '-' || !num(5, 2, mo) || s[7] != '-' ||
      !num(8, 2, d))
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
  std::size_t pos = 10;
  if (pos < s.size() && (s[pos] == 'T' || s[pos] == ' ')) {
    if (!num(pos + 1, 2, h) || s.size() < pos + 6 || s[pos + 3] != ':' || !num(pos + 4, 2, mi))
      return std::nullopt;
    pos += 6;
    if (pos < s.size() && s[pos] == ':') {
      if (!num(pos + 1, 2, sec)) return std::nullopt;
      pos += 3;
      if (pos < s.size() && s[pos] == '.') {
        std::size_t digits = 0;
        ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
          if (digits < 3) ms = ms * 10 + (s[pos] - '0');
          ++digits;
          ++pos;
        }
        for (; digits < 3; ++digits)
          ms *= 10;
      }
    }
  }
  if (pos < s.size() && s[pos] == 'Z') ++pos;
  if (pos != s.size()) return std::nullopt;
  return daysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400000 +
         ((h * 60 + mi) * 60 + sec) * 1000LL + ms;
}

// --- CAST -------------------------------------------------------------------------------------

namespace {
std::optional<double> parseDouble(std::string_view s) {
  while (!s.empty() && s.front() == ' ')
    s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ')
    s.remove_suffix(1);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double d = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return d;
}
std::optional<std::int64_t> parseInt(std::string_view s) {
  while (!s.empty() && s.front() == ' ')
    s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ')
    s.remove_suffix(1);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}
}  // namespace

Result<Value> castValue(const Value& v, const DataType& type) {
  if (v.isNull()) return Value();
  const TypeKind from = v.kind();
  const bool fromNumber = DataType(from).isNumeric();
  auto bad = [&] {
    return Status::invalidArgument("cannot cast " + DataType(from).toSql() + " value '" +
                                   v.toString() + "' to " + type.toSql());
  };
  switch (type.kind()) {
    case TypeKind::kNull:
      return Value();
    case TypeKind::kString:
      return Value::string(v.toString());
    case TypeKind::kBoolean:
      if (from == TypeKind::kBoolean) return v;
      if (from == TypeKind::kString) {
        std::string s = v.asString();
        for (auto& c : s)
          c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (s == "true" || s == "t" || s == "yes" || s == "y") return Value::boolean(true);
        if (s == "false" || s == "f" || s == "no" || s == "n") return Value::boolean(false);
      }
      return bad();
    case TypeKind::kInteger:
    case TypeKind::kBigint: {
      std::int64_t n = 0;
      if (fromNumber || from == TypeKind::kTimestamp) {
        n = v.asInt();
      } else if (from == TypeKind::kString) {
        auto parsed = parseInt(v.asString());
        if (!parsed) {
          auto d = parseDouble(v.asString());
          if (!d) return bad();
          parsed = Value::doubleValue(*d).asInt();
        }
        n = *parsed;
      } else {
        return bad();
      }
      if (type.kind() == TypeKind::kInteger) return Value::integer(static_cast<std::int32_t>(n));
      return Value::bigint(n);
    }
    case TypeKind::kDouble:
    case TypeKind::kDecimal: {
      double d = 0;
      if (fromNumber) {
        d = v.asDouble();
      } else if (from == TypeKind::kString) {
        auto parsed = parseDouble(v.asString());
        if (!parsed) return bad();
        d = *parsed;
      } else {
        return bad();
      }
      if (type.kind() == TypeKind::kDouble) return Value::doubleValue(d);
      const double factor = std::pow(10.0, type.scale());
      return Value::decimal(std::round(d * factor) / factor, type.scale());
    }
    case TypeKind::kBytes:
      if (from == TypeKind::kBytes) return v;
      if (from == TypeKind::kString) return Value::bytes(v.asString());
      return bad();
    case TypeKind::kTimestamp:
      if (from == TypeKind::kTimestamp) return v;
      if (DataType(from).isIntegral()) return Value::timestamp(v.asInt());
      if (from == TypeKind::kDate) return Value::timestamp(v.asInt() * 86400000);
      if (from == TypeKind::kString) {
        if (auto ms = parseTimestamp(v.asString())) return Value::timestamp(*ms);
      }
      return bad();
    case TypeKind::kDate:
      if (from == TypeKind::kDate) return v;
      if (from == TypeKind::kTimestamp) {
        std::int64_t ms = v.asInt();
        return Value::date(static_cast<std::int32_t>((ms >= 0 ? ms : ms - 86399999) / 86400000));
      }
      if (from == TypeKind::kString) {
        if (auto ms = parseTimestamp(v.asString()))
          return Value::date(static_cast<std::int32_t>(*ms / 86400000));
      }
      return bad();
    case TypeKind::kTime:
      if (from == TypeKind::kTime) return v;
      if (from == TypeKind::kTimestamp)
        return Value::time(
            static_cast<std::int32_t>(((v.asInt() % 86400000) + 86400000) % 86400000));
      return bad();
    case TypeKind::kArray: {
      if (from != TypeKind::kArray) return bad();
      Value::Array out;
      for (const auto& e : v.asArray()) {
        RUNNEL_ASSIGN_OR_RETURN(Value c, castValue(e, type.element()));
        out.push_back(std::move(c));
      }
      return Value::array(std::move(out));
    }
    case TypeKind::kMap: {
      if (from != TypeKind::kMap) return bad();
      Value::MapEntries out;
      for (const auto& [k, e] : v.asMap()) {
        RUNNEL_ASSIGN_OR_RETURN(Value ck, castValue(k, type.mapKey()));
        RUNNEL_ASSIGN_OR_RETURN(Value ce, castValue(e, type.mapValue()));
        out.emplace_back(std::move(ck), std::move(ce));
      }
      return Value::map(std::move(out));
    }
    case TypeKind::kStruct: {
      if (from != TypeKind::kStruct) return bad();
      Value::Fields out;
      for (const auto& f : type.fields()) {
        RUNNEL_ASSIGN_OR_RETURN(Value c, castValue(v.field(f.name), f.type));
        out.emplace_back(f.name, std::move(c));
      }
      return Value::structValue(std::move(out));
    }
  }
  return bad();
}

}  // namespace runnel::sql
