#include "engine/sql/binder/bind_join.h"

#include "engine/sql/parser/ast/ast.h"

namespace runnel::sql {
namespace {

// Which sides an expression bound over the joined row reads: bit 0 left, bit 1 right.
int sidesOf(const BoundExpr& e, int rightOffset) {
  int sides = 0;
  if (e.kind == BoundKind::kColumn) sides |= e.column < rightOffset ? 1 : 2;
  for (const auto& c : e.children)
    sides |= sidesOf(*c, rightOffset);
  return sides;
}

bool isKeyColumn(const BoundExpr& e, const SourceInfo& source) {
  return e.kind == BoundKind::kColumn && source.schema.keyCount() == 1 &&
         source.schema.columns[static_cast<std::size_t>(e.column)].role == ColumnRole::kKey;
}

}  // namespace

std::string_view joinKindName(JoinKind kind) {
  switch (kind) {
    case JoinKind::kStreamTable:
      return "stream-table";
    case JoinKind::kTableTable:
      return "table-table";
    case JoinKind::kStreamStream:
      return "stream-stream";
  }
  return "?";
}

std::string_view joinTypeName(ast::JoinType type) {
  switch (type) {
    case ast::JoinType::kInner:
      return "INNER";
    case ast::JoinType::kLeft:
      return "LEFT OUTER";
    case ast::JoinType::kRight:
      return "RIGHT OUTER";
    case ast::JoinType::kFull:
      return "FULL OUTER";
  }
  return "?";
}

Result<BoundJoin> bindJoin(const ast::Join& join, const SourceInfo& left,
                           const std::string& leftName, const Catalog& catalog,
                           ExpressionBinder& binder) {
  BoundJoin out;
  out.type = join.type;
  out.leftName = leftName;
  const auto& r = join.right;
  auto right = catalog.find(r.name.name);
  if (!right) {
    std::vector<std::string> names;
    for (const auto& s : catalog.list())
      names.push_back(s.name);
    const std::string s = suggestName(r.name.name, names);
    return binder.error(
        r.name.range, "no stream or table named " + r.name.name,
        s.empty() ? "SHOW STREAMS and SHOW TABLES list them" : "did you mean " + s + "?");
  }
  out.right = *right;
  out.rightName = r.effectiveName().name;
  if (out.rightName == leftName)
    return binder.error(r.range, "both sides of the join are called " + leftName,
                        "give them different aliases: FROM a AS l JOIN a AS r ...");
  if (out.right.topic == left.topic)
    return binder.error(r.range, "both sides of the join read topic " + left.topic,
                        "joining a topic with itself is not supported");
  if (left.windowed() || out.right.windowed())
    return binder.error(join.range, "joining windowed sources is not supported yet");
  if (left.isTable() && !out.right.isTable())
    return binder.error(join.range,
                        "a table cannot be joined to a stream: put the stream first (FROM " +
                            out.rightName + " JOIN " + leftName + " ...)");
  out.kind = !left.isTable() && out.right.isTable() ? JoinKind::kStreamTable
             : left.isTable()                       ? JoinKind::kTableTable
                                                    : JoinKind::kStreamStream;
  if (out.kind == JoinKind::kStreamTable &&
      (join.type == ast::JoinType::kRight || join.type == ast::JoinType::kFull))
    return binder.error(join.range, std::string(joinTypeName(join.type)) +
                                        " JOIN is not defined between a stream and a table: use "
                                        "[INNER] JOIN or LEFT JOIN");
  if (out.kind == JoinKind::kStreamStream && !join.within)
    return binder.error(join.range, "a stream-stream join needs a WITHIN window",
                        "e.g. JOIN " + out.rightName + " WITHIN 1 HOUR ON ...");
  if (out.kind != JoinKind::kStreamStream && join.within)
    return binder.error(join.range, "WITHIN applies to stream-stream joins only");
  if (join.within) {
    out.beforeMs = join.within->before.toMillis();
    out.afterMs = join.within->after ? join.within->after->toMillis() : out.beforeMs;
    out.graceMs = join.within->grace ? join.within->grace->toMillis() : kDefaultGraceMs;
    if (out.beforeMs < 0 || out.afterMs < 0)
      return binder.error(join.within->before.range, "WITHIN sizes cannot be negative");
  }

  // ON: one equality between an expression of each side.
  const auto* eq = join.on->tryAs<ast::BinaryExpr>();
  if (!eq || eq->op != ast::BinaryOp::kEq)
    return binder.error(join.on->range,
                        "a join condition must be an equality between the two sources (ON " +
                            leftName + ".x = " + out.rightName + ".y)");
  out.rightOffset = static_cast<int>(left.schema.columns.size());
  BindScope both;
  both.sources.push_back({leftName, &left.schema, 0});
  both.sources.push_back({out.rightName, &out.right.schema, out.rightOffset});
  RUNNEL_ASSIGN_OR_RETURN(BoundExprPtr a, binder.bind(*eq->left, both));
  RUNNEL_ASSIGN_OR_RETURN(BoundExprPtr b, binder.bind(*eq->right, both));
  const ast::Expr* leftAst = eq->left.get();
  const ast::Expr* rightAst = eq->right.get();
  if (sidesOf(*a, out.rightOffset) == 2 && sidesOf(*b, out.rightOffset) == 1) {
    std::swap(a, b);
    std::swap(leftAst, rightAst);
  }
  if (sidesOf(*a, out.rightOffset) != 1 || sidesOf(*b, out.rightOffset) != 2)
    return binder.error(join.on->range,
                        "each side of the join condition must read exactly one source (" +
                            leftName + " on one side, " + out.rightName + " on the other)");
  if (!(a->type == b->type))
    return binder.error(
        join.on->range,
        "the join keys have different types: " + a->type.toSql() + " and " + b->type.toSql(),
        "CAST one of them");
  out.leftKeySql = a->sql;
  out.rightKeySql = b->sql;
  BindScope leftOnly, rightOnly;
  leftOnly.sources.push_back({leftName, &left.schema, 0});
  rightOnly.sources.push_back({out.rightName, &out.right.schema, 0});
  RUNNEL_ASSIGN_OR_RETURN(out.leftKey, binder.bind(*leftAst, leftOnly));
  RUNNEL_ASSIGN_OR_RETURN(out.rightKey, binder.bind(*rightAst, rightOnly));
  if (out.kind == JoinKind::kStreamTable && !isKeyColumn(*out.rightKey, out.right))
    return binder.error(rightAst->range,
                        "a stream-table join looks the table up by its key: join on " +
                            out.rightName + "'s key column");
  if (out.kind == JoinKind::kTableTable &&
      (!isKeyColumn(*out.leftKey, left) || !isKeyColumn(*out.rightKey, out.right)))
    return binder.error(join.on->range,
                        "a table-table join joins on both tables' key columns (foreign-key "
                        "joins are not supported yet)");
  return out;
}

}  // namespace runnel::sql
