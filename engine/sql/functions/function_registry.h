// FunctionRegistry: every built-in SQL function — scalar (UCASE, ROUND, TIMESTAMPTOSTRING, ...)
// and aggregate (COUNT, SUM, TOPK, ...) — with the text SHOW FUNCTIONS and DESCRIBE FUNCTION
// print. The binder asks a function to resolve its argument types (which also type-checks them);
// scalars then evaluate on Values, aggregates hand out an Aggregator bound to those types.
// Null handling follows ksqlDB: most scalars return NULL for a NULL argument; aggregates skip
// NULL inputs (COUNT(col) counts non-NULL values, COUNT(*) counts rows).
// Thread-safety: builtins() is built once and immutable; functions and aggregators are
// stateless (state lives in the accumulator Values), so they may be shared between queries.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/result.h"
#include "engine/sql/types/value.h"

namespace runnel::sql {

enum class FunctionKind : unsigned char { kScalar, kAggregate };

// Argument types as the binder knows them, plus literal values where the argument is a constant
// (TOPK's k, EXTRACTJSONFIELD's path), so resolution may check them.
struct ArgInfo {
  std::vector<DataType> types;
  std::vector<std::optional<Value>> literals;
};

struct ScalarFunction {
  std::string name;
  std::string category;
  std::string description;
  std::vector<std::string>
      signatures;  // "SUBSTRING(str STRING, pos INTEGER[, len INTEGER]) -> STRING"
  std::function<Result<DataType>(const ArgInfo& args)> resolve;
  std::function<Value(const std::vector<Value>& args)> eval;
  bool deterministic = true;
};

// One aggregate bound to its argument types. The accumulator is a Value so the state store can
// persist it with the value codec.
class Aggregator {
 public:
  virtual ~Aggregator() = default;
  virtual DataType resultType() const = 0;
  virtual Value init() const = 0;
  // Folds one row's arguments into the accumulator (COUNT(*) gets no arguments).
  virtual Value add(const Value& accumulator, const std::vector<Value>& args) const = 0;
  // Combines two accumulators (session windows merging). Defaults to "not mergeable".
  virtual Result<Value> merge(const Value& a, const Value& b) const;
  // Takes one row's arguments back out (aggregating a table: a row changed or was deleted).
  // Only functions that can say so (COUNT, SUM, AVG) aggregate tables; the rest return nullopt.
  virtual std::optional<Value> undo(const Value& accumulator,
                                    const std::vector<Value>& args) const {
    (void)accumulator, (void)args;
    return std::nullopt;
  }
  virtual bool undoable() const { return false; }
  virtual Value result(const Value& accumulator) const = 0;
};

struct AggregateFunction {
  std::string name;
  std::string description;
  std::vector<std::string> signatures;
  std::function<Result<std::shared_ptr<const Aggregator>>(const ArgInfo& args)> resolve;
  bool acceptsStar = false;  // COUNT(*)
};

class FunctionRegistry {
 public:
  static const FunctionRegistry& builtins();

  // Lookups by upper-case name; null when unknown.
  const ScalarFunction* scalar(std::string_view name) const;
  const AggregateFunction* aggregate(std::string_view name) const;
  bool exists(std::string_view name) const { return scalar(name) || aggregate(name); }

  struct Listing {
    std::string name;
    FunctionKind kind;
    std::string category;
    std::string description;
    std::vector<std::string> signatures;
  };
  // Every function, by name (SHOW FUNCTIONS, DESCRIBE FUNCTION).
  std::vector<Listing> list() const;

  void add(ScalarFunction function);
  void add(AggregateFunction function);

 private:
  std::map<std::string, ScalarFunction, std::less<>> scalars_;
  std::map<std::string, AggregateFunction, std::less<>> aggregates_;
};

// Helpers shared by the registration files.
namespace fn {
Status arity(const ArgInfo& args, std::size_t min, std::size_t max, std::string_view name);
Status expect(const ArgInfo& args, std::size_t i, std::string_view name,
              std::initializer_list<TypeKind> kinds, std::string_view what);
bool anyNull(const std::vector<Value>& args);
}  // namespace fn

// Registration, one function per category file.
void registerStringFunctions(FunctionRegistry& registry);
void registerMathFunctions(FunctionRegistry& registry);
void registerTimeFunctions(FunctionRegistry& registry);
void registerMiscFunctions(FunctionRegistry& registry);
void registerAggregateFunctions(FunctionRegistry& registry);

}  // namespace runnel::sql
