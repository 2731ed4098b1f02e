// Numeric scalars: ABS, ROUND, FLOOR, CEIL, TRUNC, SQRT, EXP, LN, LOG, POWER, SIGN, RANDOM,
// GREATEST, LEAST. Result types follow ksqlDB: ABS, FLOOR and CEIL keep the argument's type;
// ROUND(DOUBLE) is a BIGINT and ROUND(x, scale) keeps the type; the transcendental ones are DOUBLE.
#include <cmath>
#include <random>

#include "engine/sql/functions/function_registry.h"

namespace runnel::sql {
namespace {

using fn::anyNull;

constexpr std::initializer_list<TypeKind> kNumbers = {TypeKind::kInteger, TypeKind::kBigint,
                                                      TypeKind::kDouble, TypeKind::kDecimal};

Value sameKind(const Value& like, double d) {
  switch (like.kind()) {
    case TypeKind::kInteger:
      return Value::integer(static_cast<std::int32_t>(d));
    case TypeKind::kBigint:
      return Value::bigint(static_cast<std::int64_t>(d));
    case TypeKind::kDecimal:
      return Value::decimal(d, like.decimalScale());
    default:
      return Value::doubleValue(d);
  }
}

// Java's Math.round: half rounds towards positive infinity.
double roundHalfUp(double d) {
  return std::floor(d + 0.5);
}

void addKeepType(FunctionRegistry& r, const char* name, const char* description,
                 double (*f)(double)) {
  r.add(ScalarFunction{name,
                       "MATHEMATICAL",
                       description,
                       {std::string(name) + "(x <number>) -> <same type>"},
                       [name](const ArgInfo& a) -> Result<DataType> {
                         RUNNEL_RETURN_IF_ERROR(fn::arity(a, 1, 1, name));
                         RUNNEL_RETURN_IF_ERROR(fn::expect(a, 0, name, kNumbers, "a number"));
                         return a.types[0].isNull() ? DataType::doubleType() : a.types[0];
                       },
                       [f](const std::vector<Value>& v) {
                         if (v[0].isNull()) return Value();
                         if (v[0].kind() == TypeKind::kInteger ||
                             v[0].kind() == TypeKind::kBigint) {
                           const double d = f(static_cast<double>(v[0].asInt()));
                           return sameKind(v[0], d);
                         }
                         return sameKind(v[0], f(v[0].asDouble()));
                       }});
}

void addDouble(FunctionRegistry& r, const char* name, const char* description,
               double (*f)(double)) {
  r.add(ScalarFunction{name,
                       "MATHEMATICAL",
                       description,
                       {std::string(name) + "(x <number>) -> DOUBLE"},
                       [name](const ArgInfo& a) -> Result<DataType> {
                         RUNNEL_RETURN_IF_ERROR(fn::arity(a, 1, 1, name));
                         RUNNEL_RETURN_IF_ERROR(fn::expect(a, 0, name, kNumbers, "a number"));
                         return DataType::doubleType();
                       },
                       [f](const std::vector<Value>& v) {
                         return v[0].isNull() ? Value() : Value::doubleValue(f(v[0].asDouble()));
                       }});
}

Result<DataType> extremeType(const ArgInfo& a, const char* name) {
  RUNNEL_RETURN_IF_ERROR(fn::arity(a, 1, SIZE_MAX, name));
  DataType t = DataType::null();
  for (const auto& x : a.types) {
    auto c = commonType(t, x);
    if (!c) return Status::invalidArgument(std::string(name) + ": " + c.status().message());
    t = *c;
  }
  return t;
}

}  // namespace

void registerMathFunctions(FunctionRegistry& r) {
  addKeepType(r, "ABS", "The absolute value.", [](double d) { return std::fabs(d); });
  addKeepType(r, "FLOOR", "The largest whole number not above x.",
              [](double d) { return std::floor(d); });
  addKeepType(r, "CEIL", "The smallest whole number not below x.",
              [](double d) { return std::ceil(d); });
  addKeepType(r, "SIGN", "-1, 0 or 1 by the sign of x.",
              [](double d) { return d > 0 ? 1.0 : (d < 0 ? -1.0 : 0.0); });
  addDouble(r, "SQRT", "The square root.", [](double d) { return std::sqrt(d); });
  addDouble(r, "EXP", "e raised to x.", [](double d) { return std::exp(d); });
  addDouble(r, "LN", "The natural logarithm.", [](double d) { return std::log(d); });
  addDouble(r, "CBRT", "The cube root.", [](double d) { return std::cbrt(d); });

  r.add(ScalarFunction{
      "ROUND",
      "MATHEMATICAL",
      "x rounded half up; to a number of decimal places when given.",
      {"ROUND(x DOUBLE) -> BIGINT", "ROUND(x INTEGER|BIGINT) -> same",
       "ROUND(x <number>, scale INTEGER) -> same"},
      [](const ArgInfo& a) -> Result<DataType> {
        RUNNEL_RETURN_IF_ERROR(fn::arity(a, 1, 2, "ROUND"));
        RUNNEL_RETURN_IF_ERROR(fn::expect(a, 0, "ROUND", kNumbers, "a number"));
        if (a.types.size() == 2) {
          RUNNEL_RETURN_IF_ERROR(
              fn::expect(a, 1, "ROUND", {TypeKind::kInteger, TypeKind::kBigint}, "an integer"));
          return a.types[0].isNull() ? DataType::doubleType() : a.types[0];
        }
        if (a.types[0].kind() == TypeKind::kDouble || a.types[0].isNull())
          return DataType::bigint();
        if (a.types[0].kind() == TypeKind::kDecimal)
          return DataType::decimal(a.types[0].precision(), 0);
        return a.types[0];
      },
      [](const std::vector<Value>& v) {
        if (anyNull(v)) return Value();
        const Value& x = v[0];
        if (x.kind() == TypeKind::kInteger || x.kind() == TypeKind::kBigint) {
          if (v.size() < 2 || v[1].asInt() >= 0) return x;
          const double factor = std::pow(10.0, static_cast<double>(-v[1].asInt()));
          return sameKind(x, roundHalfUp(static_cast<double>(x.asInt()) / factor) * factor);
        }
        if (v.size() < 2) {
          const double d = roundHalfUp(x.asDouble());
          return x.kind() == TypeKind::kDecimal ? Value::decimal(d, 0)
                                                : Value::bigint(static_cast<std::int64_t>(d));
        }
        const double factor = std::pow(10.0, static_cast<double>(v[1].asInt()));
        return sameKind(x, roundHalfUp(x.asDouble() * factor) / factor);
      }});
  r.add(ScalarFunction{
      "TRUNC",
      "MATHEMATICAL",
      "x with its fraction dropped (towards zero).",
      {"TRUNC(x <number>) -> same"},
      [](const ArgInfo& a) -> Result<DataType> {
        RUNNEL_RETURN_IF_ERROR(fn::arity(a, 1, 1, "TRUNC"));
        RUNNEL_RETURN_IF_ERROR(fn::expect(a, 0, "TRUNC", kNumbers, "a number"));
        return a.types[0].kind() == TypeKind::kDouble ? DataType::bigint() : a.types[0];
      },
      [](const std::vector<Value>& v) {
        if (v[0].isNull()) return Value();
        if (v[0].kind() == TypeKind::kDouble)
          return Value::bigint(static_cast<std::int64_t>(std::trunc(v[0].asDouble())));
        return sameKind(v[0], std::trunc(v[0].asDouble()));
      }});
  r.add(ScalarFunction{"POWER",
                       "MATHEMATICAL",
                       "x raised to y.",
                       {"POWER(x <number>, y <number>) -> DOUBLE"},
                       [](const ArgInfo& a) -> Result<DataType> {
                         RUNNEL_RETURN_IF_ERROR(fn::arity(a, 2, 2, "POWER"));
                         RUNNEL_RETURN_IF_ERROR(fn::expect(a, 0, "POWER", kNumbers, "a number"));
                         RUNNEL_RETURN_IF_ERROR(fn::expect(a, 1, "POWER", kNumbers, "a number"));
                         return DataType::doubleType();
                       },
                       [](const std::vector<Value>& v) {
                         return anyNull(v) ? Value()
                                           : Value::doubleValue(
                                                 std::pow(v[0].asDouble(), v[1].asDouble()));
                       }});
  r.add(ScalarFunction{"LOG",
                       "MATHEMATICAL",
                       "The logarithm of x (base e, or the given base).",
                       {"LOG(x <number>) -> DOUBLE", "LOG(base <number>, x <number>) -> DOUBLE"},
                       [](const ArgInfo& a) -> Result<DataType> {
                         RUNNEL_RETURN_IF_ERROR(fn::arity(a, 1, 2, "LOG"));
                         for (std::size_t i = 0; i < a.types.size(); ++i)
                           RUNNEL_RETURN_IF_ERROR(fn::expect(a, i, "LOG", kNumbers, "a number"));
                         return DataType::doubleType();
                       },
                       [](const std::vector<Value>& v) {
                         if (anyNull(v)) return Value();
                         if (v.size() == 1) return Value::doubleValue(std::log(v[0].asDouble()));
                         return Value::doubleValue(std::log(v[1].asDouble()) /
                                                   std::log(v[0].asDouble()));
                       }});
  ScalarFunction random{
      "RANDOM",
      "MATHEMATICAL",
      "A random DOUBLE in [0, 1).",
      {"RANDOM() -> DOUBLE"},
      [](const ArgInfo& a) -> Result<DataType> {
        RUNNEL_RETURN_IF_ERROR(fn::arity(a, 0, 0, "RANDOM"));
        return DataType::doubleType();
      },
      [](const std::vector<Value>&) {
        thread_local std::mt19937_64 rng(std::random_device{}());
        return Value::doubleValue(std::uniform_real_distribution<double>(0, 1)(rng));
      }};
  random.deterministic = false;
  r.add(std::move(random));
  for (const bool greatest : {true, false}) {
    const char* name = greatest ? "GREATEST" : "LEAST";
    r.add(ScalarFunction{name,
                         "MATHEMATICAL",
                         greatest ? "The largest argument, ignoring NULLs."
                                  : "The smallest argument, ignoring NULLs.",
                         {std::string(name) + "(x, ...) -> common type"},
                         [name](const ArgInfo& a) { return extremeType(a, name); },
                         [greatest](const std::vector<Value>& v) {
                           Value best;
                           for (const auto& x : v) {
                             if (x.isNull()) continue;
                             auto c = compareValues(x, best);
                             if (best.isNull() || (c && (greatest ? *c > 0 : *c < 0))) best = x;
                           }
                           return best;
                         }});
  }
}

}  // namespace runnel::sql
