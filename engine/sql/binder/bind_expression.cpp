// ExpressionBinder: AST expressions to typed BoundExprs.
#include <algorithm>

#include "engine/sql/binder/bind_scope.h"
#include "engine/sql/parser/ast/ast.h"
#include "engine/sql/parser/parse_error.h"

namespace runnel::sql {
namespace {

using ast::BinaryOp;

std::shared_ptr<BoundExpr> node(BoundKind kind, DataType type, const ast::Expr& from) {
  auto e = std::make_shared<BoundExpr>();
  e->kind = kind;
  e->type = std::move(type);
  e->range = from.range;
  e->sql = ast::toSql(from);
  return e;
}

std::size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t prev = row[0]++;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cur = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1)});
      prev = cur;
    }
  }
  return row[b.size()];
}

bool isComparable(const DataType& a, const DataType& b) {
  if (a.isNull() || b.isNull()) return true;
  if (a.isNumeric() && b.isNumeric()) return true;
  if ((a.kind() == TypeKind::kTimestamp && b.isIntegral()) ||
      (b.kind() == TypeKind::kTimestamp && a.isIntegral()))
    return true;
  return a.kind() == b.kind();
}

// A string literal compared with a TIMESTAMP (or ROWTIME) is read as a timestamp, as ksqlDB does.
BoundExprPtr timestampLiteral(const BoundExprPtr& e, const DataType& other) {
  if (e->kind != BoundKind::kLiteral || e->literal.kind() != TypeKind::kString) return e;
  if (other.kind() != TypeKind::kTimestamp && other.kind() != TypeKind::kBigint) return e;
  auto ms = parseTimestamp(e->literal.asString());
  if (!ms) return e;
  auto copy = std::make_shared<BoundExpr>(*e);
  copy->literal = other.kind() == TypeKind::kTimestamp ? Value::timestamp(*ms) : Value::bigint(*ms);
  copy->type = other;
  return copy;
}

}  // namespace

std::string suggestName(std::string_view name, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t bestDistance = std::max<std::size_t>(2, name.size() / 3) + 1;
  for (const auto& c : candidates) {
    const std::size_t d = editDistance(name, c);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

Status ExpressionBinder::error(const SourceRange& range, const std::string& message,
                               const std::string& hint) const {
  ParseError e;
  e.line = range.line;
  e.column = range.column;
  e.offset = range.offset;
  e.length = range.length;
  e.message = message;
  e.hint = hint;
  if (text_.empty() || range.offset > text_.size()) return Status::invalidArgument(e.toString());
  return Status::invalidArgument(e.render(text_));
}

Result<BoundExprPtr> ExpressionBinder::bind(const ast::Expr& expr, const BindScope& scope) {
  if (scope.aggregation) {
    // A GROUP BY expression used after aggregation reads its key slot.
    const std::string sql = ast::toSql(expr);
    const auto& groupBy = scope.aggregation->groupBy;
    for (std::size_t i = 0; i < groupBy.size(); ++i) {
      if (groupBy[i]->sql == sql) {
        auto e = node(BoundKind::kColumn, groupBy[i]->type, expr);
        e->column = static_cast<int>(i);
        return BoundExprPtr(e);
      }
    }
    if (const auto* call = expr.tryAs<ast::FunctionCallExpr>()) {
      if (FunctionRegistry::builtins().aggregate(call->name.name))
        return bindAggregate(expr, scope);
    }
  }
  return bindNode(expr, scope);
}

Result<BoundExprPtr> ExpressionBinder::bindNode(const ast::Expr& expr, const BindScope& scope) {
  switch (expr.kind) {
    case ast::ExprKind::kLiteral: {
      const auto& lit = expr.as<ast::LiteralExpr>();
      Value v;
      DataType t;
      switch (lit.literalKind) {
        case ast::LiteralKind::kNull:
          break;
        case ast::LiteralKind::kBoolean:
          v = Value::boolean(lit.boolValue), t = DataType::boolean();
          break;
        case ast::LiteralKind::kInteger:
          v = Value::integer(static_cast<std::int32_t>(lit.intValue)), t = DataType::integer();
          break;
        case ast::LiteralKind::kBigint:
          v = Value::bigint(lit.intValue), t = DataType::bigint();
          break;
        case ast::LiteralKind::kDouble:
          v = Value::doubleValue(lit.doubleValue), t = DataType::doubleType();
          break;
        case ast::LiteralKind::kDecimal: {
          std::string digits = lit.text;
          const std::size_t dot = digits.find('.');
          const int scale =
              dot == std::string::npos ? 0 : static_cast<int>(digits.size() - dot - 1);
          int precision = 0;
          for (char c : digits)
            precision += (c >= '0' && c <= '9') ? 1 : 0;
          t = DataType::decimal(std::max(precision, scale), scale);
          v = Value::decimal(lit.doubleValue, scale);
          break;
        }
        case ast::LiteralKind::kString:
          v = Value::string(lit.text), t = DataType::string();
          break;
      }
      auto e = node(BoundKind::kLiteral, t, expr);
      e->literal = v;
      return BoundExprPtr(e);
    }
    case ast::ExprKind::kColumnRef:
      return bindColumn(expr, scope);
    case ast::ExprKind::kVariableRef:
      return error(expr.range,
                   "variable ${" + expr.as<ast::VariableRefExpr>().name + "} is not defined");
    case ast::ExprKind::kDereference: {
      const auto& d = expr.as<ast::DereferenceExpr>();
      RUNNEL_ASSIGN_OR_RETURN(BoundExprPtr base, bind(*d.base, scope));
      if (base->type.kind() != TypeKind::kStruct)
        return error(d.range, "'->' needs a STRUCT, not " + base->type.toSql());
      for (const auto& f : base->type.fields()) {
        if (f.name == d.field.name) {
          auto e = node(BoundKind::kDereference, f.type, expr);
          e->name = f.name;
          e->children = {base};
          return BoundExprPtr(e);
        }
      }
      std::vector<std::string> names;
      for (const auto& f : base->type.fields())
        names.push_back(f.name);
      const std::string s = suggestName(d.field.name, names);
      return error(d.field.range, "struct has no field " + d.field.name,
                   s.empty() ? "" : "did you mean " + s + "?");
    }
    case ast::ExprKind::kSubscript: {
      const auto& s = expr.as<ast::SubscriptExpr>();
      RUNNEL_ASSIGN_OR_RETURN(BoundExprPtr base, bind(*s.base, scope));
      RUNNEL_ASSIGN_OR_RETURN(BoundExprPtr index, bind(*s.index, scope));
      DataType t;
      if (base->type.kind() == TypeKind::kArray) {
        if (!index->type.isIntegral() && !index->type.isNull())
          return error(s.index->range,
                       "an array index must be an integer, not " + index->type.toSql());
        t = base->type.element();
      } else if (base->type.kind() == TypeKind::kMap) {
        t = base->type.mapValue();
      } else {
        return error(s.range, "'[ ]' needs an ARRAY or a MAP, not " + base->type.toSql());
      }
      auto e = node(BoundKind::kSubscript, t, expr);
      e->children = {base, index};
      return BoundExprPtr(e);
    }
    case ast::ExprKind::kUnary: {
      const auto& u = expr.as<ast::UnaryExpr>();
      RUNNEL_ASSIGN_OR_RETURN(BoundExprPtr operand, bind(*u.operand, scope));
      if (u.op == ast::UnaryOp::kNot) {
        if (operand->type.kind() != TypeKind::kBoolean && !operand->type.isNull())
          return error(u.operand->range, "NOT needs a BOOLEAN, not " + operand->type.toSql());
        auto e = node(BoundKind::kNot, DataType::boolean(), expr);
        e->children = {operand};
        return BoundExprPtr(e);
      }
      if (!operand->type.isNumeric() && !operand->type.isNull())
        return error(u.operand->range, "unary '-' needs a number, not " + operand->type.toSql());
      if (u.op == ast::UnaryOp::kPlus) return operand;
      auto e = node(BoundKind::kNegate, operand->type, expr);
      e->children = {operand};
      return BoundExprPtr(e);
    }
    case ast::ExprKind::kBinary:
      return bindBinary(expr, scope);
    case ast::ExprKind::kIsNull: {
      const auto& n = expr.as<ast::IsNullExpr>();
      RUNNEL_ASSIGN_OR_RETURN(BoundExprPtr operand, bind(*n.operand, scope));
      auto e = node(BoundKind::kIsNull, DataType::boolean(), expr);
      e->negated = n.negated;
      e->children = {operand};
      return BoundExprPtr(e);
    }
    case ast::ExprKind::kBetween: {
      const auto& b = expr.as<ast::BetweenExpr>();
      RUNNEL_ASSIGN_OR_RETURN(BoundExprPtr v, bind(*b.operand, scope));
      RUNNEL_ASSIGN_OR_RETURN(BoundExprPtr lo, bind(*b.low, scope));
      RUNNEL_ASSIGN_OR_RETURN(BoundExprPtr hi, bind(*b.high, scope));
      lo = timestampLiteral(lo, v->type);
      hi = timestampLiteral(hi, v->type);
      if (!isComparable(v->type, lo->type) || !isComparable(v->type, hi->type))
        return error(b.range, "BETWEEN cannot compare " + v->type.toSql() + " with " +
                                  lo->type.toSql() + " and " + hi->type.toSql());
      auto e = node(BoundKind::kBetween, DataType::boolean(), expr);
      e->negated = b.negated;
      e->children = {v, lo, hi};
      return BoundExprPtr(e);
    }
    case ast::ExprKind::kInList: {
      const auto& in = expr.as<ast::InListExpr>();
      RUNNEL_ASSIGN_OR_RETURN(BoundExprPtr v, bind(*in.operand, scope));
      auto e = node(BoundKind::kInList, DataType::boolean(), expr);
      e->negated = in.negated;
      e->children.push_back(v);
      for (const auto& item : in.values) {
        RUNNEL_ASSIGN_OR_RETURN(BoundExprPtr x, bind(*item, scope));
        if (!isComparable(v->type, x->type))
          return error(item->range, "IN list value of type " + x->type.toSql() + " cannot match " +
                                        v->type.toSql());
        e->children.push_back(x);
      }
      return BoundExprPtr(e);
    }
    case ast::ExprKind::kLike: {
      const auto& l = expr.as<ast::LikeExpr>();
      RUNNEL_ASSIGN_OR_RETURN(BoundExprPtr v, bind(*l.operand, scope));
      RUNNEL_ASSIGN_OR_RETURN(BoundExprPtr p, bind(*l.pattern, scope));
      if ((v->type.kind() != TypeKind::kString && !v->type.isNull()) ||
          (p->type.kind() != TypeKind::kString && !p->type.isNull()))
        return error(l.range, "LIKE needs STRING operands, not " + v->type.toSql() + " and " +
                                  p->type.toSql());
      if (l.escape && l.escape->size() != 1)
        return error(l.range, "ESCAPE takes a single character");
      auto e = node(BoundKind::kLike, DataType::boolean(), expr);
      e->negated = l.negated;
      if (l.escape) e->escape = (*l.escape)[0];
      e->children = {v, p};
      return BoundExprPtr(e);
    }
    case ast::ExprKind::kCase: {
      const auto& c = expr.as<ast::CaseExpr>();
      auto e = node(BoundKind::kCase, DataType::null(), expr);
      BoundExprPtr operand;
      if (c.operand) {
        RUNNEL_ASSIGN_OR_RETURN(operand, bind(*c.operand, scope));
        e->hasOperand = true;
        e->children.push_back(operand);
      }
      DataType result = DataType::null();
      for (const auto& w : c.whens) {
        RUNNEL_ASSIGN_OR_RETURN(BoundExprPtr when, bind(*w.when, scope));
        if (operand ? !isComparable(operand->type, when->type)
                    : (when->type.kind() != TypeKind::kBoolean && !when->type.isNull()))
          return error(w.when->range,
                       operand ? "WHEN value of type " + when->type.toSql() + " cannot match " +
                                     operand->type.toSql()
                               : "WHEN needs a BOOLEAN condition, not " + when->type.toSql());
        RUNNEL_ASSIGN_OR_RETURN(BoundExprPtr then, bind(*w.then, scope));
        auto common = commonType(result, then->type);
        if (!common)
          return error(w.then->range,
                       "CASE results must share a type: " + common.status().message());
        result = *common;
        e->children.push_back(when);
        e->children.push_back(then);
      }
      if (c.elseResult) {
        RUNNEL_ASSIGN_OR_RETURN(BoundExprPtr otherwise, bind(*c.elseResult, scope));
        auto common = commonType(result, otherwise->type);
        if (!common)
          return error(c.elseResult->range,
                       "CASE results must share a type: " + common.status().message());
        result = *common;
        e->hasElse = true;
        e->children.push_back(otherwise);
      }
      e->type = result;
      return BoundExprPtr(e);
    }
    case ast::ExprKind::kCast: {
      const auto& c = expr.as<ast::CastExpr>();
      RUNNEL_ASSIGN_OR_RETURN(BoundExprPtr operand, bind(*c.operand, scope));
      auto target = fromAst(*c.type);
      if (!target) return error(c.type->range, target.status().message());
      auto e = node(BoundKind::kCast, *target, expr);
      e->children = {operand};
      return BoundExprPtr(e);
    }
    case ast::ExprKind::kFunctionCall:
      return bindCall(expr, scope);
    case ast::ExprKind::kLambda:
      return error(expr.range, "lambda functions are not supported yet");
    case ast::ExprKind::kArrayConstructor: {
      const auto& a = expr.as<ast::ArrayConstructorExpr>();
      auto e = node(BoundKind::kArray, DataType::null(), expr);
      DataType element = DataType::null();
      for (const auto& item : a.elements) {
        RUNNEL_ASSIGN_OR_RETURN(BoundExprPtr x, bind(*item, scope));
        auto common = commonType(element, x->type);
        if (!common)
          return error(item->range,
                       "array elements must share a type: " + common.status().message());
        element = *common;
        e->children.push_back(x);
      }
      e->type = DataType::array(element.isNull() ? DataType::string() : element);
      return BoundExprPtr(e);
    }
    case ast::ExprKind::kMapConstructor: {
      const auto& m = expr.as<ast::MapConstructorExpr>();
      auto e = node(BoundKind::kMap, DataType::null(), expr);
      DataType k = DataType::null(), v = DataType::null();
      for (const auto& [key, value] : m.entries) {
        RUNNEL_ASSIGN_OR_RETURN(BoundExprPtr bk, bind(*key, scope));
        RUNNEL_ASSIGN_OR_RETURN(BoundExprPtr bv, bind(*value, scope));
        auto ck = commonType(k, bk->type);
        auto cv = commonType(v, bv->type);
        if (!ck || !cv) return error(key->range, "map keys and values must each share a type");
        k = *ck;
        v = *cv;
        e->children.push_back(bk);
        e->children.push_back(bv);
      }
      e->type =
          DataType::map(k.isNull() ? DataType::string() : k, v.isNull() ? DataType::string() : v);
      return BoundExprPtr(e);
    }
    case ast::ExprKind::kStructConstructor: {
      const auto& s = expr.as<ast::StructConstructorExpr>();
      auto e = node(BoundKind::kStruct, DataType::null(), expr);
      std::vector<StructFieldType> fields;
      for (const auto& [name, value] : s.fields) {
        RUNNEL_ASSIGN_OR_RETURN(BoundExprPtr bv, bind(*value, scope));
        fields.push_back({name.name, bv->type.isNull() ? DataType::string() : bv->type});
        e->fieldNames.push_back(name.name);
        e->children.push_back(bv);
      }
      e->type = DataType::structType(std::move(fields));
      return BoundExprPtr(e);
    }
  }
  return error(expr.range, "unsupported expression");
}

Result<BoundExprPtr> ExpressionBinder::bindColumn(const ast::Expr& expr, const BindScope& scope) {
  const auto& ref = expr.as<ast::ColumnRefExpr>();
  const std::string& name = ref.column.name;
  if (scope.aggregation) {
    auto pseudo = pseudoColumnByName(name);
    if (pseudo && (*pseudo == PseudoColumn::kWindowStart || *pseudo == PseudoColumn::kWindowEnd) &&
        scope.windowBounds) {
      auto e = node(BoundKind::kPseudo, pseudoColumnType(*pseudo), expr);
      e->pseudo = *pseudo;
      e->sql = name;
      return BoundExprPtr(e);
    }
    return error(ref.range,
                 "column " + name + " is neither in GROUP BY nor inside an aggregate function",
                 "add it to GROUP BY, or aggregate it (e.g. LATEST_BY_OFFSET(" + name + "))");
  }
  std::vector<std::string> known;
  const BindScope::Source* found = nullptr;
  int index = -1;
  for (const auto& source : scope.sources) {
    if (ref.source && ref.source->name != source.name) continue;
    const int i = source.schema->indexOf(name);
    if (i >= 0) {
      if (found)
        return error(ref.range, "column " + name + " is ambiguous", "qualify it with its source");
      found = &source;
      index = i;
    }
    for (const auto& c : source.schema->columns)
      known.push_back(c.name);
  }
  if (ref.source) {
    bool sourceKnown = false;
    for (const auto& s : scope.sources)
      sourceKnown = sourceKnown || s.name == ref.source->name;
    if (!sourceKnown)
      return error(ref.source->range,
                   "unknown source " + ref.source->name + " in " + ast::toSql(expr));
  }
  if (found) {
    const Column& col = found->schema->columns[static_cast<std::size_t>(index)];
    auto e = node(BoundKind::kColumn, col.type, expr);
    e->column = found->offset + index;
    // In a join the same name may exist on both sides: qualify so GROUP BY items and keys match.
    e->sql = scope.sources.size() > 1 ? found->name + "." + col.name : col.name;
    return BoundExprPtr(e);
  }
  if (auto pseudo = pseudoColumnByName(name)) {
    const bool window =
        *pseudo == PseudoColumn::kWindowStart || *pseudo == PseudoColumn::kWindowEnd;
    if (window && !scope.windowBounds)
      return error(ref.range, name + " exists only for windowed sources and windowed aggregations");
    auto e = node(BoundKind::kPseudo, pseudoColumnType(*pseudo), expr);
    e->pseudo = *pseudo;
    e->sql = name;
    return BoundExprPtr(e);
  }
  const std::string s = suggestName(name, known);
  return error(ref.column.range, "column " + name + " cannot be resolved",
               s.empty() ? "" : "did you mean " + s + "?");
}

Result<BoundExprPtr> ExpressionBinder::bindBinary(const ast::Expr& expr, const BindScope& scope) {
  const auto& b = expr.as<ast::BinaryExpr>();
  RUNNEL_ASSIGN_OR_RETURN(BoundExprPtr left, bind(*b.left, scope));
  RUNNEL_ASSIGN_OR_RETURN(BoundExprPtr right, bind(*b.right, scope));
  const std::string op(ast::binaryOpSql(b.op));
  DataType type = DataType::boolean();
  switch (b.op) {
    case BinaryOp::kAnd:
    case BinaryOp::kOr:
      for (const auto* side : {&left, &right}) {
        if ((*side)->type.kind() != TypeKind::kBoolean && !(*side)->type.isNull())
          return error((*side)->range,
                       op + " needs BOOLEAN operands, not " + (*side)->type.toSql());
      }
      break;
    case BinaryOp::kEq:
    case BinaryOp::kNe:
    case BinaryOp::kLt:
    case BinaryOp::kLe:
    case BinaryOp::kGt:
    case BinaryOp::kGe:
    case BinaryOp::kIsDistinctFrom:
    case BinaryOp::kIsNotDistinctFrom:
      left = timestampLiteral(left, right->type);
      right = timestampLiteral(right, left->type);
      if (!isComparable(left->type, right->type))
        return error(b.range, "cannot compare " + left->type.toSql() + " with " +
                                  right->type.toSql() + " using " + op);
      break;
    case BinaryOp::kConcat:
      if ((left->type.kind() != TypeKind::kString && !left->type.isNull()) ||
          (right->type.kind() != TypeKind::kString && !right->type.isNull()))
        return error(b.range, "'||' needs STRING operands, not " + left->type.toSql() + " and " +
                                  right->type.toSql());
      type = DataType::string();
      break;
    default: {
      if ((!left->type.isNumeric() && !left->type.isNull()) ||
          (!right->type.isNumeric() && !right->type.isNull()))
        return error(b.range, "cannot apply '" + op + "' to " + left->type.toSql() + " and " +
                                  right->type.toSql());
      auto common = commonType(left->type, right->type);
      if (!common) return error(b.range, common.status().message());
      type = common->isNull() ? DataType::integer() : *common;
      break;
    }
  }
  auto e = node(BoundKind::kBinary, type, expr);
  e->op = b.op;
  e->children = {left, right};
  return BoundExprPtr(e);
}

Result<BoundExprPtr> ExpressionBinder::bindCall(const ast::Expr& expr, const BindScope& scope) {
  const auto& call = expr.as<ast::FunctionCallExpr>();
  const auto& registry = FunctionRegistry::builtins();
  const std::string& name = call.name.name;
  if (registry.aggregate(name)) {
    return error(call.range, "aggregate function " + name + " needs a GROUP BY clause",
                 "aggregates are computed per group: add GROUP BY");
  }
  const ScalarFunction* fn = registry.scalar(name);
  if (!fn) {
    std::vector<std::string> names;
    for (const auto& l : registry.list())
      names.push_back(l.name);
    const std::string s = suggestName(name, names);
    return error(call.name.range, "unknown function " + name,
                 s.empty() ? "SHOW FUNCTIONS lists them" : "did you mean " + s + "?");
  }
  if (call.star) return error(call.range, name + "(*) is not valid; only COUNT(*) takes '*'");
  if (call.distinct) return error(call.range, name + "(DISTINCT ...) is not supported");
  auto e = node(BoundKind::kCall, DataType::null(), expr);
  ArgInfo info;
  for (const auto& arg : call.args) {
    RUNNEL_ASSIGN_OR_RETURN(BoundExprPtr a, bind(*arg, scope));
    info.types.push_back(a->type);
    info.literals.push_back(a->kind == BoundKind::kLiteral ? std::optional<Value>(a->literal)
                                                           : std::nullopt);
    e->children.push_back(a);
  }
  auto type = fn->resolve(info);
  if (!type)
    return error(call.range, type.status().message(),
                 fn->signatures.empty() ? "" : "usage: " + fn->signatures[0]);
  e->type = *type;
  e->function = fn;
  return BoundExprPtr(e);
}

Result<BoundExprPtr> ExpressionBinder::bindAggregate(const ast::Expr& expr,
                                                     const BindScope& scope) {
  const auto& call = expr.as<ast::FunctionCallExpr>();
  const AggregateFunction* fn = FunctionRegistry::builtins().aggregate(call.name.name);
  AggregationContext& agg = *scope.aggregation;
  const std::string sql = ast::toSql(expr);
  const std::size_t keys = agg.groupBy.size();
  for (std::size_t j = 0; j < agg.aggregates.size(); ++j) {
    if (agg.aggregates[j].sql == sql) {
      auto e = node(BoundKind::kColumn, agg.aggregates[j].aggregator->resultType(), expr);
      e->column = static_cast<int>(keys + j);
      return BoundExprPtr(e);
    }
  }
  if (call.distinct) {
    return error(call.range, call.name.name + "(DISTINCT ...) is not supported",
                 call.name.name == "COUNT" ? "use COUNT_DISTINCT(x)" : "");
  }
  if (call.star && !fn->acceptsStar) return error(call.range, call.name.name + "(*) is not valid");
  // Aggregate arguments read the source row, and may not nest aggregates.
  BindScope inner = scope;
  inner.aggregation = nullptr;
  AggregateCall ac;
  ac.sql = sql;
  ac.function = fn;
  ArgInfo info;
  for (const auto& arg : call.args) {
    if (const auto* nested = arg->tryAs<ast::FunctionCallExpr>();
        nested && FunctionRegistry::builtins().aggregate(nested->name.name))
      return error(arg->range, "aggregate functions cannot be nested");
    RUNNEL_ASSIGN_OR_RETURN(BoundExprPtr a, bind(*arg, inner));
    info.types.push_back(a->type);
    info.literals.push_back(a->kind == BoundKind::kLiteral ? std::optional<Value>(a->literal)
                                                           : std::nullopt);
    ac.args.push_back(a);
  }
  auto aggregator = fn->resolve(info);
  if (!aggregator)
    return error(call.range, aggregator.status().message(),
                 fn->signatures.empty() ? "" : "usage: " + fn->signatures[0]);
  ac.aggregator = *aggregator;
  auto e = node(BoundKind::kColumn, ac.aggregator->resultType(), expr);
  e->column = static_cast<int>(keys + agg.aggregates.size());
  agg.aggregates.push_back(std::move(ac));
  return BoundExprPtr(e);
}

}  // namespace runnel::sql
