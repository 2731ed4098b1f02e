#include "engine/sql/formats/json_column_reader.h"

#include <charconv>

#include "engine/sql/formats/json_codec.h"

namespace runnel::sql {
namespace {

bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool isHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

bool isNumeric(TypeKind k) {
  return k == TypeKind::kInteger || k == TypeKind::kBigint || k == TypeKind::kDouble ||
         k == TypeKind::kDecimal;
}

}  // namespace

JsonColumnReader::JsonColumnReader(std::vector<Column> columns, std::vector<bool> needed)
    : columns_(std::move(columns)), needed_(std::move(needed)) {
  needed_.resize(columns_.size(), needed_.empty());
  spans_.resize(columns_.size());
}

Status JsonColumnReader::read(std::string_view text, std::vector<Value>& out) {
  if (!scan(text)) return readGeneric(text, out);
  out.resize(columns_.size());
  Value scratch;
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const Span& span = spans_[i];
    const DataType& type = columns_[i].type;
    if (span.rank == 0) {
      out[i] = Value();
    } else if (needed_[i]) {
      if (!decodeFast(text, span, type, out[i]))
        RUNNEL_RETURN_IF_ERROR(decodeGeneric(text, span, type, out[i]));
    } else {
      // Not read by the query, but a record the generic path would reject is rejected here too.
      if (!compatible(span, type)) RUNNEL_RETURN_IF_ERROR(decodeGeneric(text, span, type, scratch));
      out[i] = Value();
    }
  }
  return Status::ok();
}

bool JsonColumnReader::scan(std::string_view s) {
  for (auto& span : spans_)
    span.rank = 0;
  std::size_t pos = 0;
  while (pos < s.size() && isSpace(s[pos]))
    ++pos;
  if (pos >= s.size() || s[pos] != '{') return false;
  ++pos;
  while (pos < s.size() && isSpace(s[pos]))
    ++pos;
  if (pos < s.size() && s[pos] == '}') {
    ++pos;
  } else {
    for (;;) {
      while (pos < s.size() && isSpace(s[pos]))
        ++pos;
      if (pos >= s.size() || s[pos] != '"') return false;
      const std::size_t nameBegin = ++pos;
      while (pos < s.size() && s[pos] != '"') {
        // Escaped or control characters in a name: rare, left to the generic path.
        if (s[pos] == '\\' || static_cast<unsigned char>(s[pos]) < 0x20) return false;
        ++pos;
      }
      if (pos >= s.size()) return false;
      const std::string_view name = s.substr(nameBegin, pos - nameBegin);
      ++pos;
      while (pos < s.size() && isSpace(s[pos]))
        ++pos;
      if (pos >= s.size() || s[pos] != ':') return false;
      ++pos;
      Span span;
      if (!skipValue(s, pos, span, 1)) return false;
      match(name, span);
      while (pos < s.size() && isSpace(s[pos]))
        ++pos;
      if (pos < s.size() && s[pos] == ',') {
        ++pos;
        continue;
      }
      if (pos < s.size() && s[pos] == '}') {
        ++pos;
        break;
      }
      return false;
    }
  }
  while (pos < s.size() && isSpace(s[pos]))
    ++pos;
  return pos == s.size();
}

void JsonColumnReader::match(std::string_view name, const Span& span) {
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    Span& mine = spans_[i];
    if (mine.rank == 2) continue;
    const std::string& column = columns_[i].name;
    unsigned rank = 0;
    if (column == name)
      rank = 2;
    else if (mine.rank == 0 && equalsIgnoringCase(column, name))
      rank = 1;
    if (rank > mine.rank) {
      mine = span;
      mine.rank = rank;
    }
  }
}

// Accepts exactly what parseJson accepts (or less: then the generic path decides).
bool JsonColumnReader::skipValue(std::string_view s, std::size_t& pos, Span& span,
                                 int depth) const {
  if (depth > kMaxJsonNesting) return false;  // parseJson's limit: it reports the error
  while (pos < s.size() && isSpace(s[pos]))
    ++pos;
  if (pos >= s.size()) return false;
  span.begin = static_cast<std::uint32_t>(pos);
  span.first = s[pos];
  span.plain = true;
  const char c = s[pos];
  if (c == '"') {
    ++pos;
    for (;;) {
      if (pos >= s.size()) return false;
      const char ch = s[pos++];
      if (ch == '"') break;
      if (static_cast<unsigned char>(ch) < 0x20) return false;
      if (ch != '\\') continue;
      span.plain = false;
      if (pos >= s.size()) return false;
      const char e = s[pos++];
      if (e == 'u') {
        if (pos + 4 > s.size()) return false;
        for (int i = 0; i < 4; ++i)
          if (!isHex(s[pos++])) return false;
      } else if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' &&
                 e != 'r' && e != 't') {
        return false;
      }
    }
  } else if (c == '{' || c == '[') {
    const char close = c == '{' ? '}' : ']';
    span.plain = false;
    ++pos;
    while (pos < s.size() && isSpace(s[pos]))
      ++pos;
    if (pos < s.size() && s[pos] == close) {
      ++pos;
    } else {
      for (;;) {
        Span inner;
        if (c == '{') {
          while (pos < s.size() && isSpace(s[pos]))
            ++pos;
          if (pos >= s.size() || s[pos] != '"') return false;
          if (!skipValue(s, pos, inner, depth + 1)) return false;  // the name, as a string
          while (pos < s.size() && isSpace(s[pos]))
            ++pos;
          if (pos >= s.size() || s[pos] != ':') return false;
          ++pos;
        }
        if (!skipValue(s, pos, inner, depth + 1)) return false;
        while (pos < s.size() && isSpace(s[pos]))
          ++pos;
        if (pos < s.size() && s[pos] == ',') {
          ++pos;
          continue;
        }
        if (pos < s.size() && s[pos] == close) {
          ++pos;
          break;
        }
        return false;
      }
    }
  } else if (s.substr(pos, 4) == "true" || s.substr(pos, 4) == "null") {
    pos += 4;
  } else if (s.substr(pos, 5) == "false") {
    pos += 5;
  } else {
    // parseJson's number scan: digits, a leading '-', and '.', 'e', 'E', '+', '-' after it.
    const std::size_t start = pos;
    if (s[pos] == '-') ++pos;
    bool digits = false;
    while (pos < s.size()) {
      const char d = s[pos];
      if (d >= '0' && d <= '9') {
        digits = true;
        ++pos;
      } else if (d == '.' || d == 'e' || d == 'E' || d == '+' || d == '-') {
        span.plain = false;
        ++pos;
      } else {
        break;
      }
    }
    if (span.plain) {
      if (!digits) return false;
    } else {
      double v = 0;
      auto [end, ec] = std::from_chars(s.data() + start, s.data() + pos, v);
      if (ec != std::errc() || end != s.data() + pos) return false;
    }
  }
  span.end = static_cast<std::uint32_t>(pos);
  return true;
}

bool JsonColumnReader::decodeFast(std::string_view text, const Span& span, const DataType& type,
                                  Value& out) const {
  const std::string_view raw = text.substr(span.begin, span.end - span.begin);
  const TypeKind kind = type.kind();
  switch (span.first) {
    case 'n':
      out = Value();
      return true;
    case '"':
      if (kind != TypeKind::kString || !span.plain) return false;
      out = Value::string(std::string(raw.substr(1, raw.size() - 2)));
      return true;
    case 't':
    case 'f':
      if (kind != TypeKind::kBoolean) return false;
      out = Value::boolean(span.first == 't');
      return true;
    case '{':
    case '[':
      return false;
    default:
      break;
  }
  if (span.plain) {
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), n);
    if (ec != std::errc() || end != raw.data() + raw.size()) return false;  // beyond BIGINT
    switch (kind) {
      case TypeKind::kBigint:
        out = Value::bigint(n);
        return true;
      case TypeKind::kInteger:
        out = Value::integer(static_cast<std::int32_t>(n));
        return true;
      case TypeKind::kDouble:
        out = Value::doubleValue(static_cast<double>(n));
        return true;
      case TypeKind::kTimestamp:
        out = Value::timestamp(n);
        return true;
      default:
        return false;
    }
  }
  if (kind != TypeKind::kDouble) return false;
  double d = 0;
  auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), d);
  if (ec != std::errc() || end != raw.data() + raw.size()) return false;
  out = Value::doubleValue(d);
  return true;
}

// Whether coerceJson certainly succeeds for this field (so an unread column can be skipped).
bool JsonColumnReader::compatible(const Span& span, const DataType& type) const {
  const TypeKind kind = type.kind();
  if (span.first == 'n' || kind == TypeKind::kString) return true;
  const bool number = span.first == '-' || (span.first >= '0' && span.first <= '9');
  if (isNumeric(kind)) return number;  // CAST from any number to a number succeeds
  if (kind == TypeKind::kBoolean) return span.first == 't' || span.first == 'f';
  return false;
}

Status JsonColumnReader::decodeGeneric(std::string_view text, const Span& span,
                                       const DataType& type, Value& out) const {
  RUNNEL_ASSIGN_OR_RETURN(Value generic, parseJson(text.substr(span.begin, span.end - span.begin)));
  RUNNEL_ASSIGN_OR_RETURN(out, coerceJson(generic, type));
  return Status::ok();
}

Status JsonColumnReader::readGeneric(std::string_view text, std::vector<Value>& out) const {
  RUNNEL_ASSIGN_OR_RETURN(Value generic, parseJson(text));
  if (generic.kind() != TypeKind::kStruct)
    return Status::invalidArgument("expected a JSON object, got " + generic.toLiteral());
  out.resize(columns_.size());
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    RUNNEL_ASSIGN_OR_RETURN(Value v, coerceJson(generic.field(columns_[i].name), columns_[i].type));
    out[i] = needed_[i] ? std::move(v) : Value();
  }
  return Status::ok();
}

}  // namespace runnel::sql
