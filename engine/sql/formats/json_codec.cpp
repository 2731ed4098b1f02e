#include "engine/sql/formats/json_codec.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "engine/common/json_writer.h"

namespace runnel::sql {
namespace {

class JsonParser {
 public:
  explicit JsonParser(std::string_view text) : s_(text) {}

  Result<Value> document() {
    RUNNEL_ASSIGN_OR_RETURN(Value v, value(0));
    skipSpace();
    if (pos_ != s_.size()) return error("unexpected text after the JSON value");
    return v;
  }

 private:
  Status error(const std::string& what) const {
    return Status::invalidArgument("invalid JSON at byte " + std::to_string(pos_) + ": " + what);
  }
  void skipSpace() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
      ++pos_;
  }
  bool consume(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  Result<Value> value(int depth) {
    if (depth > kMaxJsonNesting) return error("nested too deeply");
    skipSpace();
    if (pos_ >= s_.size()) return error("unexpected end");
    const char c = s_[pos_];
    if (c == '{') return object(depth);
    if (c == '[') return array(depth);
    if (c == '"') {
      RUNNEL_ASSIGN_OR_RETURN(std::string text, string());
      return Value::string(std::move(text));
    }
    if (consume("true")) return Value::boolean(true);
    if (consume("false")) return Value::boolean(false);
    if (consume("null")) return Value();
    return number();
  }

  Result<Value> object(int depth) {
    ++pos_;
    Value::Fields fields;
    skipSpace();
    if (pos_ < s_.size() && s_[pos_] == '}') {
      ++pos_;
      return Value::structValue(std::move(fields));
    }
    for (;;) {
      skipSpace();
      if (pos_ >= s_.size() || s_[pos_] != '"') return error("expected a field name");
      RUNNEL_ASSIGN_OR_RETURN(std::string name, string());
      skipSpace();
      if (pos_ >= s_.size() || s_[pos_] != ':') return error("expected ':'");
      ++pos_;
      RUNNEL_ASSIGN_OR_RETURN(Value v, value(depth + 1));
      fields.emplace_back(std::move(name), std::move(v));
      skipSpace();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == '}') {
        ++pos_;
        return Value::structValue(std::move(fields));
      }
      return error("expected ',' or '}'");
    }
  }

  Result<Value> array(int depth) {
    ++pos_;
    Value::Array items;
    skipSpace();
    if (pos_ < s_.size() && s_[pos_] == ']') {
      ++pos_;
      return Value::array(std::move(items));
    }
    for (;;) {
      RUNNEL_ASSIGN_OR_RETURN(Value v, value(depth + 1));
      items.push_back(std::move(v));
      skipSpace();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == ']') {
        ++pos_;
        return Value::array(std::move(items));
      }
      return error("expected ',' or ']'");
    }
  }

  static void appendUtf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  Result<std::uint32_t> hex4() {
    if (pos_ + 4 > s_.size()) return error("short \\u escape");
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = s_[pos_++];
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= static_cast<std::uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f')
        v |= static_cast<std::uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        v |= static_cast<std::uint32_t>(c - 'A' + 10);
      else
        return error("bad \\u escape");
    }
    return v;
  }

  Result<std::string> string() {
    ++pos_;
    std::string out;
    while (pos_ < s_.size()) {
      const char c = s_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) return error("control character in string");
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (pos_ >= s_.size()) break;
      const char e = s_[pos_++];
      switch (e) {
        case '"':
          out.push_back('"');
          break;
        case '\\':
          out.push_back('\\');
          break;
        case '/':
          out.push_back('/');
          break;
        case 'b':
          out.push_back('\b');
          break;
        case 'f':
          out.push_back('\f');
          break;
        case 'n':
          out.push_back('\n');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'u': {
          RUNNEL_ASSIGN_OR_RETURN(std::uint32_t cp, hex4());
          if (cp >= 0xD800 && cp < 0xDC00 && s_.substr(pos_, 2) == "\\u") {
            pos_ += 2;
            RUNNEL_ASSIGN_OR_RETURN(std::uint32_t low, hex4());
            if (low >= 0xDC00 && low < 0xE000)
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          appendUtf8(out, cp);
          break;
        }
        default:
          return error("bad escape");
      }
    }
    return error("unterminated string");
  }

  Result<Value> number() {
    const std::size_t start = pos_;
    bool integral = true;
    if (pos_ < s_.size() && s_[pos_] == '-') ++pos_;
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (c >= '0' && c <= '9') {
        ++pos_;
      } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || (c == '-' && pos_ > start)) {
        integral = false;
        ++pos_;
      } else {
        break;
      }
    }
    const std::string_view text = s_.substr(start, pos_ - start);
    if (text.empty() || text == "-") return error("expected a value");
    if (integral) {
      std::int64_t v = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (ec == std::errc() && end == text.data() + text.size()) return Value::bigint(v);
    }
    double d = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
    if (ec != std::errc() || end != text.data() + text.size()) return error("bad number");
    return Value::doubleValue(d);
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

}  // namespace

Result<Value> parseJson(std::string_view text) {
  return JsonParser(text).document();
}

Result<Value> coerceJson(const Value& v, const DataType& type) {
  if (v.isNull()) return Value();
  auto mismatch = [&] {
    return Status::invalidArgument("cannot read JSON " + v.toLiteral() + " as " + type.toSql());
  };
  switch (type.kind()) {
    case TypeKind::kString:
      if (v.kind() == TypeKind::kStruct || v.kind() == TypeKind::kArray)
        return Value::string(toJson(v));
      return Value::string(v.toString());
    case TypeKind::kBoolean:
      if (v.kind() == TypeKind::kBoolean) return v;
      if (v.kind() == TypeKind::kString) return castValue(v, type);
      return mismatch();
    case TypeKind::kInteger:
    case TypeKind::kBigint:
    case TypeKind::kDouble:
    case TypeKind::kDecimal:
      if (v.kind() == TypeKind::kBigint || v.kind() == TypeKind::kDouble ||
          v.kind() == TypeKind::kString)
        return castValue(v, type);
      return mismatch();
    case TypeKind::kTimestamp:
    case TypeKind::kDate:
    case TypeKind::kTime:
      if (v.kind() == TypeKind::kBigint) {
        if (type.kind() == TypeKind::kTimestamp) return Value::timestamp(v.asInt());
        if (type.kind() == TypeKind::kDate)
          return Value::date(static_cast<std::int32_t>(v.asInt()));
        return Value::time(static_cast<std::int32_t>(v.asInt()));
      }
      if (v.kind() == TypeKind::kString) return castValue(v, type);
      return mismatch();
    case TypeKind::kBytes:
      if (v.kind() == TypeKind::kString) {
        auto raw = base64Decode(v.asString());
        if (!raw) return mismatch();
        return Value::bytes(std::move(*raw));
      }
      return mismatch();
    case TypeKind::kArray: {
      if (v.kind() != TypeKind::kArray) return mismatch();
      Value::Array out;
      for (const auto& e : v.asArray()) {
        RUNNEL_ASSIGN_OR_RETURN(Value c, coerceJson(e, type.element()));
        out.push_back(std::move(c));
      }
      return Value::array(std::move(out));
    }
    case TypeKind::kMap: {
      if (v.kind() != TypeKind::kStruct) return mismatch();
      Value::MapEntries out;
      for (const auto& [k, e] : v.asStruct()) {
        RUNNEL_ASSIGN_OR_RETURN(Value ck, coerceJson(Value::string(k), type.mapKey()));
        RUNNEL_ASSIGN_OR_RETURN(Value ce, coerceJson(e, type.mapValue()));
        out.emplace_back(std::move(ck), std::move(ce));
      }
      return Value::map(std::move(out));
    }
    case TypeKind::kStruct: {
      if (v.kind() != TypeKind::kStruct) return mismatch();
      Value::Fields out;
      for (const auto& f : type.fields()) {
        RUNNEL_ASSIGN_OR_RETURN(Value c, coerceJson(v.field(f.name), f.type));
        out.emplace_back(f.name, std::move(c));
      }
      return Value::structValue(std::move(out));
    }
    case TypeKind::kNull:
      return Value();
  }
  return mismatch();
}

void appendJson(std::string& out, const Value& v) {
  switch (v.kind()) {
    case TypeKind::kNull:
      out += "null";
      return;
    case TypeKind::kString:
      JsonWriter::appendQuoted(out, v.asString());
      return;
    case TypeKind::kBytes:
      JsonWriter::appendQuoted(out, base64Encode(v.asString()));
      return;
    case TypeKind::kTimestamp:
    case TypeKind::kDate:
    case TypeKind::kTime:
    case TypeKind::kInteger:
    case TypeKind::kBigint:
      out += std::to_string(v.asInt());
      return;
    case TypeKind::kDouble: {
      JsonWriter w;
      w.value(v.asDouble());
      std::string text = w.take();
      if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
      out += text;
      return;
    }
    case TypeKind::kDecimal:
    case TypeKind::kBoolean:
      out += v.toString();
      return;
    case TypeKind::kArray:
      out.push_back('[');
      for (std::size_t i = 0; i < v.asArray().size(); ++i) {
        if (i) out.push_back(',');
        appendJson(out, v.asArray()[i]);
      }
      out.push_back(']');
      return;
    case TypeKind::kMap:
      out.push_back('{');
      for (std::size_t i = 0; i < v.asMap().size(); ++i) {
        if (i) out.push_back(',');
        JsonWriter::appendQuoted(out, v.asMap()[i].first.toString());
        out.push_back(':');
        appendJson(out, v.asMap()[i].second);
      }
      out.push_back('}');
      return;
    case TypeKind::kStruct:
      out.push_back('{');
      for (std::size_t i = 0; i < v.asStruct().size(); ++i) {
        if (i) out.push_back(',');
        JsonWriter::appendQuoted(out, v.asStruct()[i].first);
        out.push_back(':');
        appendJson(out, v.asStruct()[i].second);
      }
      out.push_back('}');
      return;
  }
}

std::string toJson(const Value& value) {
  std::string out;
  appendJson(out, value);
  return out;
}

std::string base64Encode(std::string_view raw) {
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < raw.size(); i += 3) {
    const std::uint32_t n = (std::uint32_t{static_cast<unsigned char>(raw[i])} << 16) |
                            (std::uint32_t{static_cast<unsigned char>(raw[i + 1])} << 8) |
                            static_cast<unsigned char>(raw[i + 2]);
    for (int s = 18; s >= 0; s -= 6)
      out.push_back(kBase64[(n >> s) & 63]);
  }
  if (i < raw.size()) {
    std::uint32_t n = std::uint32_t{static_cast<unsigned char>(raw[i])} << 16;
    if (i + 1 < raw.size()) n |= std::uint32_t{static_cast<unsigned char>(raw[i + 1])} << 8;
    out.push_back(kBase64[(n >> 18) & 63]);
    out.push_back(kBase64[(n >> 12) & 63]);
    out.push_back(i + 1 < raw.size() ? kBase64[(n >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

std::optional<std::string> base64Decode(std::string_view text) {
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=') break;
    const char* p = std::char_traits<char>::find(kBase64, 64, c);
    if (!p) return std::nullopt;
    acc = (acc << 6) | static_cast<std::uint32_t>(p - kBase64);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return out;
}

}  // namespace runnel::sql
