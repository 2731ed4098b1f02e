// The BoundExpr interpreter.
#include <cmath>
#include <limits>

#include "engine/sql/binder/bound_expr.h"

namespace runnel::sql {
namespace {

using ast::BinaryOp;

// Integers wrap on overflow as Java's do (ksqlDB inherits that).
std::int64_t wrapAdd(std::int64_t a, std::int64_t b) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) + static_cast<std::uint64_t>(b));
}
std::int64_t wrapSub(std::int64_t a, std::int64_t b) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b));
}
std::int64_t wrapMul(std::int64_t a, std::int64_t b) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) * static_cast<std::uint64_t>(b));
}

Value makeNumber(const DataType& type, std::int64_t i, double d) {
  switch (type.kind()) {
    case TypeKind::kInteger:
      return Value::integer(static_cast<std::int32_t>(i));
    case TypeKind::kBigint:
      return Value::bigint(i);
    case TypeKind::kDecimal: {
      const double factor = std::pow(10.0, type.scale());
      return Value::decimal(std::round(d * factor) / factor, type.scale());
    }
    default:
      return Value::doubleValue(d);
  }
}

Value arithmetic(BinaryOp op, const DataType& type, const Value& a, const Value& b) {
  if (a.isNull() || b.isNull()) return Value();
  if (type.isIntegral()) {
    const std::int64_t x = a.asInt(), y = b.asInt();
    std::int64_t r = 0;
    switch (op) {
      case BinaryOp::kAdd:
        r = wrapAdd(x, y);
        break;
      case BinaryOp::kSub:
        r = wrapSub(x, y);
        break;
      case BinaryOp::kMul:
        r = wrapMul(x, y);
        break;
      case BinaryOp::kDiv:
        if (y == 0) return Value();
        if (x == std::numeric_limits<std::int64_t>::min() && y == -1) return Value();
        r = x / y;
        break;
      case BinaryOp::kMod:
        if (y == 0) return Value();
        if (y == -1) return makeNumber(type, 0, 0);
        r = x % y;
        break;
      default:
        return Value();
    }
    if (type.kind() == TypeKind::kInteger)
      r = static_cast<std::int32_t>(static_cast<std::uint32_t>(r));
    return makeNumber(type, r, static_cast<double>(r));
  }
  const double x = a.asDouble(), y = b.asDouble();
  double r = 0;
  switch (op) {
    case BinaryOp::kAdd:
      r = x + y;
      break;
    case BinaryOp::kSub:
      r = x - y;
      break;
    case BinaryOp::kMul:
      r = x * y;
      break;
    case BinaryOp::kDiv:
      if (y == 0 && type.kind() == TypeKind::kDecimal) return Value();
      r = x / y;
      break;
    case BinaryOp::kMod:
      if (y == 0 && type.kind() == TypeKind::kDecimal) return Value();
      r = std::fmod(x, y);
      break;
    default:
      return Value();
  }
  return makeNumber(type, static_cast<std::int64_t>(r), r);
}

// NULL (nullopt) when either side is NULL.
std::optional<bool> compare(BinaryOp op, const Value& a, const Value& b) {
  if (a.isNull() || b.isNull()) return std::nullopt;
  if (op == BinaryOp::kEq) return a == b;
  if (op == BinaryOp::kNe) return !(a == b);
  auto c = compareValues(a, b);
  if (!c) return std::nullopt;
  switch (op) {
    case BinaryOp::kLt:
      return *c < 0;
    case BinaryOp::kLe:
      return *c <= 0;
    case BinaryOp::kGt:
      return *c > 0;
    case BinaryOp::kGe:
      return *c >= 0;
    default:
      return std::nullopt;
  }
}

Value fromTri(std::optional<bool> b) {
  return b ? Value::boolean(*b) : Value();
}
std::optional<bool> toTri(const Value& v) {
  if (v.isNull()) return std::nullopt;
  return v.asBool();
}

Value conformTo(const DataType& type, Value v) {
  if (v.isNull() || type.isNull() || v.kind() == type.kind() || !type.isPrimitive()) return v;
  auto c = castValue(v, type);
  return c ? std::move(*c) : Value();
}

}  // namespace

bool likeMatch(std::string_view text, std::string_view pattern, std::optional<char> escape) {
  // Iterative matcher with backtracking to the last '%'.
  std::size_t t = 0, p = 0, starP = std::string_view::npos, starT = 0;
  while (t < text.size()) {
    if (p < pattern.size()) {
      char pc = pattern[p];
      if (escape && pc == *escape && p + 1 < pattern.size()) {
        if (text[t] == pattern[p + 1]) {
          t++;
          p += 2;
          continue;
        }
      } else if (pc == '%') {
        starP = p++;
        starT = t;
        continue;
      } else if (pc == '_' || pc == text[t]) {
        t++;
        p++;
        continue;
      }
    }
    if (starP == std::string_view::npos) return false;
    p = starP + 1;
    t = ++starT;
  }
  while (p < pattern.size() && pattern[p] == '%')
    ++p;
  return p == pattern.size();
}

Value evaluate(const BoundExpr& e, const RowContext& row) {
  auto child = [&](std::size_t i) { return evaluate(*e.children[i], row); };
  switch (e.kind) {
    case BoundKind::kLiteral:
      return e.literal;
    case BoundKind::kColumn:
      return e.column >= 0 && static_cast<std::size_t>(e.column) < row.values.size()
                 ? row.values[static_cast<std::size_t>(e.column)]
                 : Value();
    case BoundKind::kPseudo:
      switch (e.pseudo) {
        case PseudoColumn::kRowtime:
          return Value::bigint(row.rowtime);
        case PseudoColumn::kRowPartition:
          return Value::integer(row.partition);
        case PseudoColumn::kRowOffset:
          return Value::bigint(row.offset);
        case PseudoColumn::kWindowStart:
          return row.window ? Value::bigint(row.window->start) : Value();
        case PseudoColumn::kWindowEnd:
          return row.window ? Value::bigint(row.window->end) : Value();
      }
      return Value();
    case BoundKind::kNot: {
      auto v = toTri(child(0));
      return v ? Value::boolean(!*v) : Value();
    }
    case BoundKind::kNegate: {
      Value v = child(0);
      if (v.isNull()) return v;
      if (e.type.isIntegral()) return makeNumber(e.type, wrapSub(0, v.asInt()), -v.asDouble());
      return makeNumber(e.type, 0, -v.asDouble());
    }
    case BoundKind::kBinary: {
      switch (e.op) {
        case BinaryOp::kAnd: {
          auto a = toTri(child(0));
          if (a && !*a) return Value::boolean(false);
          auto b = toTri(child(1));
          if (b && !*b) return Value::boolean(false);
          if (a && b) return Value::boolean(true);
          return Value();
        }
        case BinaryOp::kOr: {
          auto a = toTri(child(0));
          if (a && *a) return Value::boolean(true);
          auto b = toTri(child(1));
          if (b && *b) return Value::boolean(true);
          if (a && b) return Value::boolean(false);
          return Value();
        }
        case BinaryOp::kIsDistinctFrom:
        case BinaryOp::kIsNotDistinctFrom: {
          const bool same = child(0) == child(1);
          return Value::boolean(e.op == BinaryOp::kIsNotDistinctFrom ? same : !same);
        }
        case BinaryOp::kConcat: {
          Value a = child(0), b = child(1);
          if (a.isNull() || b.isNull()) return Value();
          return Value::string(a.asString() + b.asString());
        }
        case BinaryOp::kEq:
        case BinaryOp::kNe:
        case BinaryOp::kLt:
        case BinaryOp::kLe:
        case BinaryOp::kGt:
        case BinaryOp::kGe:
          return fromTri(compare(e.op, child(0), child(1)));
        default:
          return arithmetic(e.op, e.type, child(0), child(1));
      }
    }
    case BoundKind::kIsNull:
      return Value::boolean(child(0).isNull() != e.negated);
    case BoundKind::kBetween: {
      Value v = child(0);
      auto lo = compare(BinaryOp::kGe, v, child(1));
      auto hi = compare(BinaryOp::kLe, v, child(2));
      std::optional<bool> r;
      if ((lo && !*lo) || (hi && !*hi))
        r = false;
      else if (lo && hi)
        r = true;
      if (r && e.negated) r = !*r;
      return fromTri(r);
    }
    case BoundKind::kInList: {
      Value v = child(0);
      if (v.isNull()) return Value();
      bool sawNull = false;
      for (std::size_t i = 1; i < e.children.size(); ++i) {
        Value x = child(i);
        if (x.isNull()) {
          sawNull = true;
          continue;
        }
        if (v == x) return Value::boolean(!e.negated);
      }
      if (sawNull) return Value();
      return Value::boolean(e.negated);
    }
    case BoundKind::kLike: {
      Value v = child(0), p = child(1);
      if (v.isNull() || p.isNull()) return Value();
      return Value::boolean(likeMatch(v.asString(), p.asString(), e.escape) != e.negated);
    }
    case BoundKind::kCase: {
      std::size_t i = 0;
      Value operand;
      if (e.hasOperand) operand = child(i++);
      const std::size_t end = e.children.size() - (e.hasElse ? 1 : 0);
      for (; i + 1 < end; i += 2) {
        Value when = child(i);
        const bool hit = e.hasOperand ? (!operand.isNull() && !when.isNull() && operand == when)
                                      : (!when.isNull() && when.asBool());
        if (hit) return conformTo(e.type, child(i + 1));
      }
      return e.hasElse ? conformTo(e.type, child(e.children.size() - 1)) : Value();
    }
    case BoundKind::kCast: {
      auto c = castValue(child(0), e.type);
      return c ? std::move(*c) : Value();
    }
    case BoundKind::kCall: {
      std::vector<Value> args;
      args.reserve(e.children.size());
      for (std::size_t i = 0; i < e.children.size(); ++i)
        args.push_back(child(i));
      return conformTo(e.type, e.function->eval(args));
    }
    case BoundKind::kDereference:
      return child(0).field(e.name);
    case BoundKind::kSubscript: {
      Value base = child(0), index = child(1);
      if (base.isNull() || index.isNull()) return Value();
      if (base.kind() == TypeKind::kArray) {
        // 1-based; negative counts from the end, as ksqlDB does.
        const auto& items = base.asArray();
        const std::int64_t n = static_cast<std::int64_t>(items.size());
        std::int64_t i = index.asInt();
        i = i > 0 ? i - 1 : n + i;
        return i >= 0 && i < n ? items[static_cast<std::size_t>(i)] : Value();
      }
      if (base.kind() == TypeKind::kMap) {
        for (const auto& [k, v] : base.asMap())
          if (k == index) return v;
      }
      return Value();
    }
    case BoundKind::kArray: {
      Value::Array items;
      for (std::size_t i = 0; i < e.children.size(); ++i)
        items.push_back(conformTo(e.type.element(), child(i)));
      return Value::array(std::move(items));
    }
    case BoundKind::kMap: {
      Value::MapEntries entries;
      for (std::size_t i = 0; i + 1 < e.children.size(); i += 2)
        entries.emplace_back(conformTo(e.type.mapKey(), child(i)),
                             conformTo(e.type.mapValue(), child(i + 1)));
      return Value::map(std::move(entries));
    }
    case BoundKind::kStruct: {
      Value::Fields fields;
      for (std::size_t i = 0; i < e.children.size(); ++i)
        fields.emplace_back(e.fieldNames[i], child(i));
      return Value::structValue(std::move(fields));
    }
  }
  return Value();
}

bool evaluatePredicate(const BoundExpr& expr, const RowContext& row) {
  Value v = evaluate(expr, row);
  return !v.isNull() && v.kind() == TypeKind::kBoolean && v.asBool();
}

}  // namespace runnel::sql
