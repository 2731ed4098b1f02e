#include "engine/sql/functions/function_registry.h"

namespace runnel::sql {

Result<Value> Aggregator::merge(const Value&, const Value&) const {
  return Status::notSupported("this aggregate cannot merge session windows");
}

const FunctionRegistry& FunctionRegistry::builtins() {
  static const FunctionRegistry* registry = [] {
    auto* r = new FunctionRegistry();
    registerStringFunctions(*r);
    registerMathFunctions(*r);
    registerTimeFunctions(*r);
    registerMiscFunctions(*r);
    registerAggregateFunctions(*r);
    return r;
  }();
  return *registry;
}

const ScalarFunction* FunctionRegistry::scalar(std::string_view name) const {
  auto it = scalars_.find(name);
  return it == scalars_.end() ? nullptr : &it->second;
}

const AggregateFunction* FunctionRegistry::aggregate(std::string_view name) const {
  auto it = aggregates_.find(name);
  return it == aggregates_.end() ? nullptr : &it->second;
}

std::vector<FunctionRegistry::Listing> FunctionRegistry::list() const {
  std::map<std::string, Listing> all;
  for (const auto& [name, f] : scalars_)
    all[name] = {name, FunctionKind::kScalar, f.category, f.description, f.signatures};
  for (const auto& [name, f] : aggregates_)
    all[name] = {name, FunctionKind::kAggregate, "AGGREGATE", f.description, f.signatures};
  std::vector<Listing> out;
  for (auto& [name, l] : all)
    out.push_back(std::move(l));
  return out;
}

void FunctionRegistry::add(ScalarFunction function) {
  std::string name = function.name;
  scalars_[name] = std::move(function);
}

void FunctionRegistry::add(AggregateFunction function) {
  std::string name = function.name;
  aggregates_[name] = std::move(function);
}

namespace fn {

Status arity(const ArgInfo& args, std::size_t min, std::size_t max, std::string_view name) {
  const std::size_t n = args.types.size();
  if (n >= min && n <= max) return Status::ok();
  std::string want = min == max        ? std::to_string(min)
                     : max == SIZE_MAX ? "at least " + std::to_string(min)
                                       : std::to_string(min) + " to " + std::to_string(max);
  return Status::invalidArgument(std::string(name) + " takes " + want + " argument" +
                                 (max == 1 && min == 1 ? "" : "s") + ", got " + std::to_string(n));
}

Status expect(const ArgInfo& args, std::size_t i, std::string_view name,
              std::initializer_list<TypeKind> kinds, std::string_view what) {
  const DataType& t = args.types.at(i);
  if (t.isNull()) return Status::ok();
  for (TypeKind k : kinds)
    if (t.kind() == k) return Status::ok();
  return Status::invalidArgument(std::string(name) + ": argument " + std::to_string(i + 1) +
                                 " must be " + std::string(what) + ", not " + t.toSql());
}

bool anyNull(const std::vector<Value>& args) {
  for (const auto& a : args)
    if (a.isNull()) return true;
  return false;
}

}  // namespace fn
}  // namespace runnel::sql
