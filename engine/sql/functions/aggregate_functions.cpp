// Aggregates: COUNT, COUNT_DISTINCT, SUM, AVG, MIN, MAX, LATEST_BY_OFFSET, EARLIEST_BY_OFFSET,
// COLLECT_LIST, COLLECT_SET, TOPK, TOPKDISTINCT. Each accumulator is a Value the state store can
// persist. NULL inputs are skipped (COUNT(*) counts rows). COUNT_DISTINCT is exact (ksqlDB uses a
// HyperLogLog estimate); COLLECT_LIST and COLLECT_SET keep at most kCollectLimit elements, as
// ksqlDB's default ksql.functions.collect_list.limit does.
#include <algorithm>

#include "engine/sql/functions/function_registry.h"

namespace runnel::sql {
namespace {

constexpr std::size_t kCollectLimit = 1000;

class CountAgg final : public Aggregator {
 public:
  explicit CountAgg(bool star) : star_(star) {}
  DataType resultType() const override { return DataType::bigint(); }
  Value init() const override { return Value::bigint(0); }
  Value add(const Value& acc, const std::vector<Value>& args) const override {
    if (!star_ && (args.empty() || args[0].isNull())) return acc;
    return Value::bigint(acc.asInt() + 1);
  }
  Result<Value> merge(const Value& a, const Value& b) const override {
    return Value::bigint(a.asInt() + b.asInt());
  }
  std::optional<Value> undo(const Value& acc, const std::vector<Value>& args) const override {
    if (!star_ && (args.empty() || args[0].isNull())) return acc;
    return Value::bigint(acc.asInt() - 1);
  }
  bool undoable() const override { return true; }
  Value result(const Value& acc) const override { return acc; }

 private:
  bool star_;
};

class SumAgg final : public Aggregator {
 public:
  explicit SumAgg(DataType type) : type_(std::move(type)) {}
  DataType resultType() const override { return type_; }
  Value init() const override { return make(0, 0); }
  Value add(const Value& acc, const std::vector<Value>& args) const override {
    if (args[0].isNull()) return acc;
    return make(acc.asInt() + args[0].asInt(), acc.asDouble() + args[0].asDouble());
  }
  Result<Value> merge(const Value& a, const Value& b) const override {
    return make(a.asInt() + b.asInt(), a.asDouble() + b.asDouble());
  }
  std::optional<Value> undo(const Value& acc, const std::vector<Value>& args) const override {
    if (args[0].isNull()) return acc;
    return make(acc.asInt() - args[0].asInt(), acc.asDouble() - args[0].asDouble());
  }
  bool undoable() const override { return true; }
  Value result(const Value& acc) const override { return acc; }

 private:
  Value make(std::int64_t i, double d) const {
    switch (type_.kind()) {
      case TypeKind::kInteger:
        return Value::integer(static_cast<std::int32_t>(i));
      case TypeKind::kBigint:
        return Value::bigint(i);
      case TypeKind::kDecimal:
        return Value::decimal(d, type_.scale());
      default:
        return Value::doubleValue(d);
    }
  }
  DataType type_;
};

// Accumulator: [sum DOUBLE, count BIGINT].
class AvgAgg final : public Aggregator {
 public:
  DataType resultType() const override { return DataType::doubleType(); }
  Value init() const override { return Value::array({Value::doubleValue(0), Value::bigint(0)}); }
  Value add(const Value& acc, const std::vector<Value>& args) const override {
    if (args[0].isNull()) return acc;
    return Value::array({Value::doubleValue(acc.asArray()[0].asDouble() + args[0].asDouble()),
                         Value::bigint(acc.asArray()[1].asInt() + 1)});
  }
  Result<Value> merge(const Value& a, const Value& b) const override {
    return Value::array({Value::doubleValue(a.asArray()[0].asDouble() + b.asArray()[0].asDouble()),
                         Value::bigint(a.asArray()[1].asInt() + b.asArray()[1].asInt())});
  }
  std::optional<Value> undo(const Value& acc, const std::vector<Value>& args) const override {
    if (args[0].isNull()) return acc;
    return Value::array({Value::doubleValue(acc.asArray()[0].asDouble() - args[0].asDouble()),
                         Value::bigint(acc.asArray()[1].asInt() - 1)});
  }
  bool undoable() const override { return true; }
  Value result(const Value& acc) const override {
    const std::int64_t n = acc.asArray()[1].asInt();
    return Value::doubleValue(n == 0 ? 0.0 : acc.asArray()[0].asDouble() / static_cast<double>(n));
  }
};

class ExtremeAgg final : public Aggregator {
 public:
  ExtremeAgg(DataType type, bool max) : type_(std::move(type)), max_(max) {}
  DataType resultType() const override { return type_; }
  Value init() const override { return Value(); }
  Value add(const Value& acc, const std::vector<Value>& args) const override {
    const Value& x = args[0];
    if (x.isNull()) return acc;
    if (acc.isNull()) return x;
    auto c = compareValues(x, acc);
    return c && (max_ ? *c > 0 : *c < 0) ? x : acc;
  }
  Result<Value> merge(const Value& a, const Value& b) const override {
    return b.isNull() ? a : add(a, {b});
  }
  Value result(const Value& acc) const override { return acc; }

 private:
  DataType type_;
  bool max_;
};

// LATEST_BY_OFFSET / EARLIEST_BY_OFFSET: rows arrive in offset order within a partition.
class ByOffsetAgg final : public Aggregator {
 public:
  ByOffsetAgg(DataType type, bool latest, bool ignoreNulls)
      : type_(std::move(type)), latest_(latest), ignoreNulls_(ignoreNulls) {}
  DataType resultType() const override { return type_; }
  // [value, seen BOOLEAN]: "seen" tells an EARLIEST that kept a NULL from one that saw nothing.
  Value init() const override { return Value::array({Value(), Value::boolean(false)}); }
  Value add(const Value& acc, const std::vector<Value>& args) const override {
    if (ignoreNulls_ && args[0].isNull()) return acc;
    if (!latest_ && acc.asArray()[1].asBool()) return acc;
    return Value::array({args[0], Value::boolean(true)});
  }
  Result<Value> merge(const Value& a, const Value& b) const override {
    if (!b.asArray()[1].asBool()) return a;
    if (!a.asArray()[1].asBool()) return b;
    return latest_ ? b : a;
  }
  Value result(const Value& acc) const override { return acc.asArray()[0]; }

 private:
  DataType type_;
  bool latest_;
  bool ignoreNulls_;
};

class CollectAgg final : public Aggregator {
 public:
  CollectAgg(DataType element, bool distinct) : element_(std::move(element)), distinct_(distinct) {}
  DataType resultType() const override { return DataType::array(element_); }
  Value init() const override { return Value::array({}); }
  Value add(const Value& acc, const std::vector<Value>& args) const override {
    const auto& items = acc.asArray();
    if (items.size() >= kCollectLimit) return acc;
    if (distinct_ && std::find(items.begin(), items.end(), args[0]) != items.end()) return acc;
    Value::Array next = items;
    next.push_back(args[0]);
    return Value::array(std::move(next));
  }
  Result<Value> merge(const Value& a, const Value& b) const override {
    Value acc = a;
    for (const auto& x : b.asArray())
      acc = add(acc, {x});
    return acc;
  }
  Value result(const Value& acc) const override { return acc; }

 private:
  DataType element_;
  bool distinct_;
};

class CountDistinctAgg final : public Aggregator {
 public:
  DataType resultType() const override { return DataType::bigint(); }
  Value init() const override { return Value::array({}); }
  Value add(const Value& acc, const std::vector<Value>& args) const override {
    if (args[0].isNull()) return acc;
    const auto& items = acc.asArray();
    if (std::find(items.begin(), items.end(), args[0]) != items.end()) return acc;
    Value::Array next = items;
    next.push_back(args[0]);
    return Value::array(std::move(next));
  }
  Result<Value> merge(const Value& a, const Value& b) const override {
    Value acc = a;
    for (const auto& x : b.asArray())
      acc = add(acc, {x});
    return acc;
  }
  Value result(const Value& acc) const override {
    return Value::bigint(static_cast<std::int64_t>(acc.asArray().size()));
  }
};

class TopKAgg final : public Aggregator {
 public:
  TopKAgg(DataType element, std::size_t k, bool distinct)
      : element_(std::move(element)), k_(k), distinct_(distinct) {}
  DataType resultType() const override { return DataType::array(element_); }
  Value init() const override { return Value::array({}); }
  Value add(const Value& acc, const std::vector<Value>& args) const override {
    if (args[0].isNull()) return acc;
    Value::Array items = acc.asArray();
    if (distinct_ && std::find(items.begin(), items.end(), args[0]) != items.end()) return acc;
    items.push_back(args[0]);
    std::stable_sort(items.begin(), items.end(), [](const Value& a, const Value& b) {
      return compareValues(a, b).value_or(0) > 0;
    });
    if (items.size() > k_) items.resize(k_);
    return Value::array(std::move(items));
  }
  Result<Value> merge(const Value& a, const Value& b) const override {
    Value acc = a;
    for (const auto& x : b.asArray())
      acc = add(acc, {x});
    return acc;
  }
  Value result(const Value& acc) const override { return acc; }

 private:
  DataType element_;
  std::size_t k_;
  bool distinct_;
};

using AggPtr = std::shared_ptr<const Aggregator>;

Result<DataType> oneArg(const ArgInfo& a, const char* name) {
  RUNNEL_RETURN_IF_ERROR(fn::arity(a, 1, 1, name));
  return a.types[0];
}

}  // namespace

void registerAggregateFunctions(FunctionRegistry& r) {
  AggregateFunction count{"COUNT",
                          "The number of rows (COUNT(*)) or of non-NULL values.",
                          {"COUNT(*) -> BIGINT", "COUNT(x) -> BIGINT"},
                          [](const ArgInfo& a) -> Result<AggPtr> {
                            RUNNEL_RETURN_IF_ERROR(fn::arity(a, 0, 1, "COUNT"));
                            return AggPtr(std::make_shared<CountAgg>(a.types.empty()));
                          }};
  count.acceptsStar = true;
  r.add(std::move(count));
  r.add(AggregateFunction{"COUNT_DISTINCT",
                          "The number of distinct non-NULL values (exact).",
                          {"COUNT_DISTINCT(x) -> BIGINT"},
                          [](const ArgInfo& a) -> Result<AggPtr> {
                            RUNNEL_RETURN_IF_ERROR(oneArg(a, "COUNT_DISTINCT").status());
                            return AggPtr(std::make_shared<CountDistinctAgg>());
                          }});
  r.add(AggregateFunction{
      "SUM",
      "The sum of non-NULL values (0 when there are none).",
      {"SUM(x INTEGER|BIGINT|DOUBLE|DECIMAL) -> same type"},
      [](const ArgInfo& a) -> Result<AggPtr> {
        RUNNEL_ASSIGN_OR_RETURN(DataType t, oneArg(a, "SUM"));
        RUNNEL_RETURN_IF_ERROR(fn::expect(
            a, 0, "SUM",
            {TypeKind::kInteger, TypeKind::kBigint, TypeKind::kDouble, TypeKind::kDecimal},
            "a number"));
        return AggPtr(std::make_shared<SumAgg>(t.isNull() ? DataType::bigint() : t));
      }});
  r.add(AggregateFunction{
      "AVG",
      "The mean of non-NULL values (0 when there are none).",
      {"AVG(x <number>) -> DOUBLE"},
      [](const ArgInfo& a) -> Result<AggPtr> {
        RUNNEL_RETURN_IF_ERROR(oneArg(a, "AVG").status());
        RUNNEL_RETURN_IF_ERROR(fn::expect(
            a, 0, "AVG",
            {TypeKind::kInteger, TypeKind::kBigint, TypeKind::kDouble, TypeKind::kDecimal},
            "a number"));
        return AggPtr(std::make_shared<AvgAgg>());
      }});
  for (const bool max : {true, false}) {
    const char* name = max ? "MAX" : "MIN";
    r.add(AggregateFunction{name,
                            max ? "The largest non-NULL value." : "The smallest non-NULL value.",
                            {std::string(name) + "(x) -> type of x"},
                            [name, max](const ArgInfo& a) -> Result<AggPtr> {
                              RUNNEL_ASSIGN_OR_RETURN(DataType t, oneArg(a, name));
                              if (!t.isPrimitive() || t.kind() == TypeKind::kBytes)
                                return Status::invalidArgument(std::string(name) +
                                                               " cannot compare " + t.toSql());
                              return AggPtr(std::make_shared<ExtremeAgg>(t, max));
                            }});
  }
  for (const bool latest : {true, false}) {
    const char* name = latest ? "LATEST_BY_OFFSET" : "EARLIEST_BY_OFFSET";
    r.add(AggregateFunction{
        name,
        latest ? "The value of the row with the highest offset (NULLs skipped unless the second "
                 "argument is false)."
               : "The value of the row with the lowest offset (NULLs skipped unless the second "
                 "argument is false).",
        {std::string(name) + "(x[, ignoreNulls BOOLEAN]) -> type of x"},
        [name, latest](const ArgInfo& a) -> Result<AggPtr> {
          RUNNEL_RETURN_IF_ERROR(fn::arity(a, 1, 2, name));
          bool ignoreNulls = true;
          if (a.types.size() == 2) {
            RUNNEL_RETURN_IF_ERROR(fn::expect(a, 1, name, {TypeKind::kBoolean}, "a BOOLEAN"));
            if (a.literals.size() < 2 || !a.literals[1] || a.literals[1]->isNull())
              return Status::invalidArgument(std::string(name) + ": ignoreNulls must be a literal");
            ignoreNulls = a.literals[1]->asBool();
          }
          return AggPtr(std::make_shared<ByOffsetAgg>(a.types[0], latest, ignoreNulls));
        }});
  }
  for (const bool distinct : {false, true}) {
    const char* name = distinct ? "COLLECT_SET" : "COLLECT_LIST";
    r.add(AggregateFunction{
        name,
        distinct ? "The distinct values, in arrival order." : "Every value, in arrival order.",
        {std::string(name) + "(x) -> ARRAY"},
        [name, distinct](const ArgInfo& a) -> Result<AggPtr> {
          RUNNEL_ASSIGN_OR_RETURN(DataType t, oneArg(a, name));
          return AggPtr(std::make_shared<CollectAgg>(t, distinct));
        }});
  }
  for (const bool distinct : {false, true}) {
    const char* name = distinct ? "TOPKDISTINCT" : "TOPK";
    r.add(AggregateFunction{
        name,
        distinct ? "The k largest distinct values, largest first."
                 : "The k largest values, largest first.",
        {std::string(name) + "(x, k INTEGER) -> ARRAY"},
        [name, distinct](const ArgInfo& a) -> Result<AggPtr> {
          RUNNEL_RETURN_IF_ERROR(fn::arity(a, 2, 2, name));
          RUNNEL_RETURN_IF_ERROR(
              fn::expect(a, 1, name, {TypeKind::kInteger, TypeKind::kBigint}, "an integer"));
          if (a.literals.size() < 2 || !a.literals[1] || a.literals[1]->isNull() ||
              a.literals[1]->asInt() <= 0)
            return Status::invalidArgument(std::string(name) +
                                           ": k must be a positive integer literal");
          if (!a.types[0].isPrimitive())
            return Status::invalidArgument(std::string(name) + " cannot compare " +
                                           a.types[0].toSql());
          return AggPtr(std::make_shared<TopKAgg>(
              a.types[0], static_cast<std::size_t>(a.literals[1]->asInt()), distinct));
        }});
  }
}

}  // namespace runnel::sql
