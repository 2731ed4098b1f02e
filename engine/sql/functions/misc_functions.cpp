// Null handling, JSON and collection scalars: COALESCE, IFNULL, NULLIF, EXTRACTJSONFIELD,
// IS_JSON_STRING, ARRAY_LENGTH, ARRAY_CONTAINS, ARRAY_MAX, ARRAY_MIN, MAP_KEYS, MAP_VALUES,
// AS_VALUE.
#include "engine/sql/formats/json_codec.h"
#include "engine/sql/functions/function_registry.h"

namespace runnel::sql {
namespace {

using fn::anyNull;

Result<DataType> commonOf(const ArgInfo& a, const char* name, std::size_t min) {
  RUNNEL_RETURN_IF_ERROR(fn::arity(a, min, SIZE_MAX, name));
  DataType t = DataType::null();
  for (const auto& x : a.types) {
    auto c = commonType(t, x);
    if (!c)
      return Status::invalidArgument(std::string(name) + ": arguments must share a type (" +
                                     c.status().message() + ")");
    t = *c;
  }
  return t;
}

// Follows a JSONPath like "$.a.b[2]['c d']" through a parsed document.
std::optional<Value> walkJsonPath(const Value& doc, std::string_view path) {
  if (path.empty() || path[0] != '$') return std::nullopt;
  Value cur = doc;
  std::size_t i = 1;
  while (i < path.size()) {
    if (path[i] == '.') {
      std::size_t end = i + 1;
      while (end < path.size() && path[end] != '.' && path[end] != '[')
        ++end;
      cur = cur.kind() == TypeKind::kStruct ? cur.field(path.substr(i + 1, end - i - 1)) : Value();
      i = end;
    } else if (path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close == std::string_view::npos) return std::nullopt;
      std::string_view inner = path.substr(i + 1, close - i - 1);
      if (!inner.empty() && (inner.front() == '\'' || inner.front() == '"') && inner.size() >= 2) {
        cur = cur.kind() == TypeKind::kStruct ? cur.field(inner.substr(1, inner.size() - 2))
                                              : Value();
      } else {
        std::size_t idx = 0;
        for (char c : inner) {
          if (c < '0' || c > '9') return std::nullopt;
          idx = idx * 10 + static_cast<std::size_t>(c - '0');
        }
        cur = cur.kind() == TypeKind::kArray && idx < cur.asArray().size() ? cur.asArray()[idx]
                                                                           : Value();
      }
      i = close + 1;
    } else {
      return std::nullopt;
    }
    if (cur.isNull()) return Value();
  }
  return cur;
}

}  // namespace

void registerMiscFunctions(FunctionRegistry& r) {
  r.add(ScalarFunction{"COALESCE",
                       "CONDITIONAL",
                       "The first argument that is not NULL.",
                       {"COALESCE(x, ...) -> common type"},
                       [](const ArgInfo& a) { return commonOf(a, "COALESCE", 1); },
                       [](const std::vector<Value>& v) {
                         for (const auto& x : v)
                           if (!x.isNull()) return x;
                         return Value();
                       }});
  r.add(ScalarFunction{"IFNULL",
                       "CONDITIONAL",
                       "x, or the alternative when x is NULL.",
                       {"IFNULL(x, alternative) -> common type"},
                       [](const ArgInfo& a) -> Result<DataType> {
                         RUNNEL_RETURN_IF_ERROR(fn::arity(a, 2, 2, "IFNULL"));
                         return commonOf(a, "IFNULL", 2);
                       },
                       [](const std::vector<Value>& v) { return v[0].isNull() ? v[1] : v[0]; }});
  r.add(ScalarFunction{"NULLIF",
                       "CONDITIONAL",
                       "NULL when both arguments are equal, else the first.",
                       {"NULLIF(x, y) -> type of x"},
                       [](const ArgInfo& a) -> Result<DataType> {
                         RUNNEL_RETURN_IF_ERROR(fn::arity(a, 2, 2, "NULLIF"));
                         RUNNEL_RETURN_IF_ERROR(commonOf(a, "NULLIF", 2).status());
                         return a.types[0];
                       },
                       [](const std::vector<Value>& v) {
                         return !v[0].isNull() && !v[1].isNull() && v[0] == v[1] ? Value() : v[0];
                       }});
  r.add(ScalarFunction{
      "EXTRACTJSONFIELD",
      "JSON",
      "The value at a JSONPath in a JSON string: text for strings, JSON for anything else, NULL "
      "when absent or when the input is not JSON.",
      {"EXTRACTJSONFIELD(json STRING, path STRING) -> STRING"},
      [](const ArgInfo& a) -> Result<DataType> {
        RUNNEL_RETURN_IF_ERROR(fn::arity(a, 2, 2, "EXTRACTJSONFIELD"));
        RUNNEL_RETURN_IF_ERROR(fn::expect(a, 0, "EXTRACTJSONFIELD", {TypeKind::kString}, "STRING"));
        RUNNEL_RETURN_IF_ERROR(
            fn::expect(a, 1, "EXTRACTJSONFIELD", {TypeKind::kString}, "a STRING JSONPath"));
        if (a.literals.size() > 1 && a.literals[1] && !a.literals[1]->isNull() &&
            (a.literals[1]->asString().empty() || a.literals[1]->asString()[0] != '$'))
          return Status::invalidArgument("EXTRACTJSONFIELD: a JSONPath starts with '$'");
        return DataType::string();
      },
      [](const std::vector<Value>& v) {
        if (anyNull(v)) return Value();
        auto doc = parseJson(v[0].asString());
        if (!doc) return Value();
        auto found = walkJsonPath(*doc, v[1].asString());
        if (!found || found->isNull()) return Value();
        if (found->kind() == TypeKind::kString) return *found;
        return Value::string(toJson(*found));
      }});
  r.add(ScalarFunction{"IS_JSON_STRING",
                       "JSON",
                       "Whether a string parses as JSON.",
                       {"IS_JSON_STRING(str STRING) -> BOOLEAN"},
                       [](const ArgInfo& a) -> Result<DataType> {
                         RUNNEL_RETURN_IF_ERROR(fn::arity(a, 1, 1, "IS_JSON_STRING"));
                         RUNNEL_RETURN_IF_ERROR(
                             fn::expect(a, 0, "IS_JSON_STRING", {TypeKind::kString}, "STRING"));
                         return DataType::boolean();
                       },
                       [](const std::vector<Value>& v) {
                         return Value::boolean(!v[0].isNull() && parseJson(v[0].asString()).isOk());
                       }});
  r.add(ScalarFunction{
      "ARRAY_LENGTH",
      "ARRAY",
      "The number of elements.",
      {"ARRAY_LENGTH(a ARRAY) -> INTEGER"},
      [](const ArgInfo& a) -> Result<DataType> {
        RUNNEL_RETURN_IF_ERROR(fn::arity(a, 1, 1, "ARRAY_LENGTH"));
        RUNNEL_RETURN_IF_ERROR(fn::expect(a, 0, "ARRAY_LENGTH", {TypeKind::kArray}, "an ARRAY"));
        return DataType::integer();
      },
      [](const std::vector<Value>& v) {
        return v[0].isNull() ? Value()
                             : Value::integer(static_cast<std::int32_t>(v[0].asArray().size()));
      }});
  r.add(ScalarFunction{"ARRAY_CONTAINS",
                       "ARRAY",
                       "Whether an array holds a value.",
                       {"ARRAY_CONTAINS(a ARRAY<T>, x T) -> BOOLEAN"},
                       [](const ArgInfo& a) -> Result<DataType> {
                         RUNNEL_RETURN_IF_ERROR(fn::arity(a, 2, 2, "ARRAY_CONTAINS"));
                         RUNNEL_RETURN_IF_ERROR(
                             fn::expect(a, 0, "ARRAY_CONTAINS", {TypeKind::kArray}, "an ARRAY"));
                         return DataType::boolean();
                       },
                       [](const std::vector<Value>& v) {
                         if (v[0].isNull()) return Value::boolean(false);
                         for (const auto& e : v[0].asArray())
                           if (e == v[1]) return Value::boolean(true);
                         return Value::boolean(false);
                       }});
  for (const bool max : {true, false}) {
    const char* name = max ? "ARRAY_MAX" : "ARRAY_MIN";
    r.add(ScalarFunction{
        name,
        "ARRAY",
        max ? "The largest element, ignoring NULLs." : "The smallest element, ignoring NULLs.",
        {std::string(name) + "(a ARRAY<T>) -> T"},
        [name](const ArgInfo& a) -> Result<DataType> {
          RUNNEL_RETURN_IF_ERROR(fn::arity(a, 1, 1, name));
          RUNNEL_RETURN_IF_ERROR(fn::expect(a, 0, name, {TypeKind::kArray}, "an ARRAY"));
          return a.types[0].isNull() ? DataType::null() : a.types[0].element();
        },
        [max](const std::vector<Value>& v) {
          Value best;
          if (v[0].isNull()) return best;
          for (const auto& e : v[0].asArray()) {
            auto c = compareValues(e, best);
            if (!e.isNull() && (best.isNull() || (c && (max ? *c > 0 : *c < 0)))) best = e;
          }
          return best;
        }});
  }
  for (const bool keys : {true, false}) {
    const char* name = keys ? "MAP_KEYS" : "MAP_VALUES";
    r.add(
        ScalarFunction{name,
                       "MAP",
                       keys ? "The keys of a map." : "The values of a map.",
                       {std::string(name) + "(m MAP<K, V>) -> ARRAY"},
                       [name, keys](const ArgInfo& a) -> Result<DataType> {
                         RUNNEL_RETURN_IF_ERROR(fn::arity(a, 1, 1, name));
                         RUNNEL_RETURN_IF_ERROR(fn::expect(a, 0, name, {TypeKind::kMap}, "a MAP"));
                         if (a.types[0].isNull()) return DataType::array(DataType::string());
                         return DataType::array(keys ? a.types[0].mapKey() : a.types[0].mapValue());
                       },
                       [keys](const std::vector<Value>& v) {
                         if (v[0].isNull()) return Value();
                         Value::Array out;
                         for (const auto& [k, x] : v[0].asMap())
                           out.push_back(keys ? k : x);
                         return Value::array(std::move(out));
                       }});
  }
  r.add(ScalarFunction{"AS_VALUE",
                       "OTHER",
                       "Its argument; copies a key column into the value.",
                       {"AS_VALUE(x) -> type of x"},
                       [](const ArgInfo& a) -> Result<DataType> {
                         RUNNEL_RETURN_IF_ERROR(fn::arity(a, 1, 1, "AS_VALUE"));
                         return a.types[0];
                       },
                       [](const std::vector<Value>& v) { return v[0]; }});
}

}  // namespace runnel::sql
