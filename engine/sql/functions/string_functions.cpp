// String scalars: UCASE, LCASE, INITCAP, CONCAT, CONCAT_WS, SUBSTRING, LEN, TRIM, LTRIM, RTRIM,
// REPLACE, INSTR, LPAD, RPAD, SPLIT, REGEXP_REPLACE. Positions and lengths count code points
// (ksqlDB counts Java chars; the two agree outside the astral planes).
#include <regex>

#include "engine/sql/functions/function_registry.h"

namespace runnel::sql {
namespace {

using fn::anyNull;

std::vector<std::string> codePoints(std::string_view s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = 1;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0xF0)
      n = 4;
    else if (c >= 0xE0)
      n = 3;
    else if (c >= 0xC0)
      n = 2;
    n = std::min(n, s.size() - i);
    out.emplace_back(s.substr(i, n));
    i += n;
  }
  return out;
}

std::string join(const std::vector<std::string>& cps, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to && i < cps.size(); ++i)
    out += cps[i];
  return out;
}

Result<DataType> stringResult(const ArgInfo& a, std::size_t min, std::size_t max,
                              const char* name) {
  RUNNEL_RETURN_IF_ERROR(fn::arity(a, min, max, name));
  RUNNEL_RETURN_IF_ERROR(fn::expect(a, 0, name, {TypeKind::kString}, "STRING"));
  return DataType::string();
}

void addUnary(FunctionRegistry& r, const char* name, const char* description,
              std::string (*f)(std::string_view)) {
  r.add(ScalarFunction{name,
                       "STRING",
                       description,
                       {std::string(name) + "(str STRING) -> STRING"},
                       [name](const ArgInfo& a) { return stringResult(a, 1, 1, name); },
                       [f](const std::vector<Value>& v) {
                         return v[0].isNull() ? Value() : Value::string(f(v[0].asString()));
                       }});
}

std::string trimChars(std::string_view s, bool left, bool right) {
  std::size_t b = 0, e = s.size();
  if (left)
    while (b < e && std::isspace(static_cast<unsigned char>(s[b])))
      ++b;
  if (right)
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1])))
      --e;
  return std::string(s.substr(b, e - b));
}

Value pad(const std::vector<Value>& v, bool left) {
  if (anyNull(v)) return Value();
  const auto input = codePoints(v[0].asString());
  const std::int64_t len = v[1].asInt();
  const auto padding = codePoints(v[2].asString());
  if (len < 0 || (padding.empty() && static_cast<std::int64_t>(input.size()) < len)) return Value();
  const auto target = static_cast<std::size_t>(len);
  if (input.size() >= target) return Value::string(join(input, 0, target));
  std::string fill;
  for (std::size_t i = 0; i < target - input.size(); ++i)
    fill += padding[i % padding.size()];
  return Value::string(left ? fill + join(input, 0, input.size())
                            : join(input, 0, input.size()) + fill);
}

}  // namespace

void registerStringFunctions(FunctionRegistry& r) {
  addUnary(r, "UCASE", "The string in upper case.", [](std::string_view s) {
    std::string out(s);
    for (auto& c : out)
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
  });
  addUnary(r, "LCASE", "The string in lower case.", [](std::string_view s) {
    std::string out(s);
    for (auto& c : out)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  });
  addUnary(r, "INITCAP", "Each word capitalised, the rest in lower case.", [](std::string_view s) {
    std::string out(s);
    bool start = true;
    for (auto& c : out) {
      const auto u = static_cast<unsigned char>(c);
      c = static_cast<char>(start ? std::toupper(u) : std::tolower(u));
      start = std::isspace(u) != 0;
    }
    return out;
  });
  addUnary(r, "TRIM", "The string without leading and trailing whitespace.",
           [](std::string_view s) { return trimChars(s, true, true); });
  addUnary(r, "LTRIM", "The string without leading whitespace.",
           [](std::string_view s) { return trimChars(s, true, false); });
  addUnary(r, "RTRIM", "The string without trailing whitespace.",
           [](std::string_view s) { return trimChars(s, false, true); });

  r.add(ScalarFunction{"CONCAT",
                       "STRING",
                       "Joins its arguments; NULL arguments are skipped.",
                       {"CONCAT(str STRING, ...) -> STRING"},
                       [](const ArgInfo& a) -> Result<DataType> {
                         RUNNEL_RETURN_IF_ERROR(fn::arity(a, 1, SIZE_MAX, "CONCAT"));
                         for (std::size_t i = 0; i < a.types.size(); ++i)
                           RUNNEL_RETURN_IF_ERROR(
                               fn::expect(a, i, "CONCAT", {TypeKind::kString}, "STRING"));
                         return DataType::string();
                       },
                       [](const std::vector<Value>& v) {
                         std::string out;
                         for (const auto& x : v)
                           if (!x.isNull()) out += x.asString();
                         return Value::string(std::move(out));
                       }});
  r.add(ScalarFunction{"CONCAT_WS",
                       "STRING",
                       "Joins its arguments with a separator; NULL arguments are skipped, a NULL "
                       "separator gives NULL.",
                       {"CONCAT_WS(separator STRING, str STRING, ...) -> STRING"},
                       [](const ArgInfo& a) -> Result<DataType> {
                         RUNNEL_RETURN_IF_ERROR(fn::arity(a, 2, SIZE_MAX, "CONCAT_WS"));
                         for (std::size_t i = 0; i < a.types.size(); ++i)
                           RUNNEL_RETURN_IF_ERROR(
                               fn::expect(a, i, "CONCAT_WS", {TypeKind::kString}, "STRING"));
                         return DataType::string();
                       },
                       [](const std::vector<Value>& v) {
                         if (v[0].isNull()) return Value();
                         std::string out;
                         bool first = true;
                         for (std::size_t i = 1; i < v.size(); ++i) {
                           if (v[i].isNull()) continue;
                           if (!first) out += v[0].asString();
                           first = false;
                           out += v[i].asString();
                         }
                         return Value::string(std::move(out));
                       }});
  r.add(ScalarFunction{
      "SUBSTRING",
      "STRING",
      "The part of a string from a 1-based position (negative: from the end), optionally of a "
      "given length.",
      {"SUBSTRING(str STRING, pos INTEGER) -> STRING",
       "SUBSTRING(str STRING, pos INTEGER, len INTEGER) -> STRING"},
      [](const ArgInfo& a) -> Result<DataType> {
        RUNNEL_RETURN_IF_ERROR(fn::arity(a, 2, 3, "SUBSTRING"));
        RUNNEL_RETURN_IF_ERROR(fn::expect(a, 0, "SUBSTRING", {TypeKind::kString}, "STRING"));
        for (std::size_t i = 1; i < a.types.size(); ++i)
          RUNNEL_RETURN_IF_ERROR(
              fn::expect(a, i, "SUBSTRING", {TypeKind::kInteger, TypeKind::kBigint}, "an integer"));
        return DataType::string();
      },
      [](const std::vector<Value>& v) {
        if (anyNull(v)) return Value();
        const auto cps = codePoints(v[0].asString());
        const auto n = static_cast<std::int64_t>(cps.size());
        std::int64_t pos = v[1].asInt();
        std::int64_t start = pos > 0 ? pos - 1 : (pos < 0 ? n + pos : 0);
        std::int64_t end = v.size() > 2 ? start + v[2].asInt() : n;
        start = std::clamp<std::int64_t>(start, 0, n);
        end = std::clamp<std::int64_t>(end, start, n);
        return Value::string(
            join(cps, static_cast<std::size_t>(start), static_cast<std::size_t>(end)));
      }});
  r.add(ScalarFunction{"LEN",
                       "STRING",
                       "The number of characters in a string.",
                       {"LEN(str STRING) -> INTEGER"},
                       [](const ArgInfo& a) -> Result<DataType> {
                         RUNNEL_RETURN_IF_ERROR(stringResult(a, 1, 1, "LEN").status());
                         return DataType::integer();
                       },
                       [](const std::vector<Value>& v) {
                         if (v[0].isNull()) return Value();
                         return Value::integer(
                             static_cast<std::int32_t>(codePoints(v[0].asString()).size()));
                       }});
  r.add(ScalarFunction{
      "REPLACE",
      "STRING",
      "Every occurrence of a substring replaced by another.",
      {"REPLACE(str STRING, search STRING, replacement STRING) -> STRING"},
      [](const ArgInfo& a) -> Result<DataType> {
        RUNNEL_RETURN_IF_ERROR(fn::arity(a, 3, 3, "REPLACE"));
        for (std::size_t i = 0; i < 3; ++i)
          RUNNEL_RETURN_IF_ERROR(fn::expect(a, i, "REPLACE", {TypeKind::kString}, "STRING"));
        return DataType::string();
      },
      [](const std::vector<Value>& v) {
        if (anyNull(v)) return Value();
        const std::string& s = v[0].asString();
        const std::string& from = v[1].asString();
        if (from.empty()) return v[0];
        std::string out;
        std::size_t i = 0;
        for (std::size_t hit; (hit = s.find(from, i)) != std::string::npos; i = hit + from.size())
          out += s.substr(i, hit - i) + v[2].asString();
        return Value::string(out + s.substr(i));
      }});
  r.add(ScalarFunction{"REGEXP_REPLACE",
                       "STRING",
                       "Every match of a regular expression replaced.",
                       {"REGEXP_REPLACE(str STRING, regex STRING, replacement STRING) -> STRING"},
                       [](const ArgInfo& a) -> Result<DataType> {
                         RUNNEL_RETURN_IF_ERROR(fn::arity(a, 3, 3, "REGEXP_REPLACE"));
                         for (std::size_t i = 0; i < 3; ++i)
                           RUNNEL_RETURN_IF_ERROR(
                               fn::expect(a, i, "REGEXP_REPLACE", {TypeKind::kString}, "STRING"));
                         return DataType::string();
                       },
                       [](const std::vector<Value>& v) {
                         if (anyNull(v)) return Value();
                         try {
                           return Value::string(std::regex_replace(
                               v[0].asString(), std::regex(v[1].asString()), v[2].asString()));
                         } catch (const std::regex_error&) {
                           return Value();
                         }
                       }});
  r.add(ScalarFunction{
      "INSTR",
      "STRING",
      "The 1-based position of a substring, 0 when absent.",
      {"INSTR(str STRING, substring STRING) -> INTEGER"},
      [](const ArgInfo& a) -> Result<DataType> {
        RUNNEL_RETURN_IF_ERROR(fn::arity(a, 2, 2, "INSTR"));
        RUNNEL_RETURN_IF_ERROR(fn::expect(a, 0, "INSTR", {TypeKind::kString}, "STRING"));
        RUNNEL_RETURN_IF_ERROR(fn::expect(a, 1, "INSTR", {TypeKind::kString}, "STRING"));
        return DataType::integer();
      },
      [](const std::vector<Value>& v) {
        if (anyNull(v)) return Value();
        const std::size_t hit = v[0].asString().find(v[1].asString());
        if (hit == std::string::npos) return Value::integer(0);
        return Value::integer(
            static_cast<std::int32_t>(codePoints(v[0].asString().substr(0, hit)).size() + 1));
      }});
  for (const bool left : {true, false}) {
    const char* name = left ? "LPAD" : "RPAD";
    r.add(ScalarFunction{
        name,
        "STRING",
        left ? "The string padded on the left to a length (or cut to it)."
             : "The string padded on the right to a length (or cut to it).",
        {std::string(name) + "(str STRING, len INTEGER, padding STRING) -> STRING"},
        [name](const ArgInfo& a) -> Result<DataType> {
          RUNNEL_RETURN_IF_ERROR(fn::arity(a, 3, 3, name));
          RUNNEL_RETURN_IF_ERROR(fn::expect(a, 0, name, {TypeKind::kString}, "STRING"));
          RUNNEL_RETURN_IF_ERROR(
              fn::expect(a, 1, name, {TypeKind::kInteger, TypeKind::kBigint}, "an integer"));
          RUNNEL_RETURN_IF_ERROR(fn::expect(a, 2, name, {TypeKind::kString}, "STRING"));
          return DataType::string();
        },
        [left](const std::vector<Value>& v) { return pad(v, left); }});
  }
  r.add(ScalarFunction{
      "SPLIT",
      "STRING",
      "The parts of a string between delimiters (an empty delimiter splits characters).",
      {"SPLIT(str STRING, delimiter STRING) -> ARRAY<STRING>"},
      [](const ArgInfo& a) -> Result<DataType> {
        RUNNEL_RETURN_IF_ERROR(fn::arity(a, 2, 2, "SPLIT"));
        RUNNEL_RETURN_IF_ERROR(fn::expect(a, 0, "SPLIT", {TypeKind::kString}, "STRING"));
        RUNNEL_RETURN_IF_ERROR(fn::expect(a, 1, "SPLIT", {TypeKind::kString}, "STRING"));
        return DataType::array(DataType::string());
      },
      [](const std::vector<Value>& v) {
        if (anyNull(v)) return Value();
        Value::Array parts;
        const std::string& s = v[0].asString();
        const std::string& d = v[1].asString();
        if (d.empty()) {
          for (auto& cp : codePoints(s))
            parts.push_back(Value::string(cp));
        } else {
          std::size_t i = 0;
          for (std::size_t hit; (hit = s.find(d, i)) != std::string::npos; i = hit + d.size())
            parts.push_back(Value::string(s.substr(i, hit - i)));
          parts.push_back(Value::string(s.substr(i)));
        }
        return Value::array(std::move(parts));
      }});
}

}  // namespace runnel::sql
