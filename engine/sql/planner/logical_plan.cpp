#include "engine/sql/planner/logical_plan.h"

namespace runnel::sql {

std::string_view logicalKindName(LogicalKind kind) {
  switch (kind) {
    case LogicalKind::kSource:
      return "Source";
    case LogicalKind::kJoin:
      return "Join";
    case LogicalKind::kFilter:
      return "Filter";
    case LogicalKind::kRekey:
      return "Rekey";
    case LogicalKind::kRepartition:
      return "Repartition";
    case LogicalKind::kAggregate:
      return "Aggregate";
    case LogicalKind::kHaving:
      return "Having";
    case LogicalKind::kProject:
      return "Project";
    case LogicalKind::kLimit:
      return "Limit";
    case LogicalKind::kSink:
      return "Sink";
    case LogicalKind::kResult:
      return "Result";
  }
  return "?";
}

namespace {
std::string joinSql(const std::vector<BoundExprPtr>& exprs) {
  std::string out;
  for (const auto& e : exprs)
    out += (out.empty() ? "" : ", ") + e->sql;
  return out;
}
}  // namespace

LogicalPlan buildLogicalPlan(const BoundQuery& q, const std::optional<SourceInfo>& sink) {
  LogicalPlan plan;
  auto add = [&](LogicalKind kind, std::string label,
                 std::vector<std::pair<std::string, std::string>> details = {}) {
    plan.nodes.push_back({kind, std::move(label), std::move(details)});
  };
  add(LogicalKind::kSource, std::string(sourceTypeName(q.source.type)) + " " + q.source.name,
      {{"topic", q.source.topic},
       {"keyFormat", q.source.keyFormat.name()},
       {"valueFormat", q.source.valueFormat.name()}});
  if (q.join) {
    const BoundJoin& j = *q.join;
    std::vector<std::pair<std::string, std::string>> details = {
        {"kind", std::string(joinKindName(j.kind))},
        {"type", std::string(joinTypeName(j.type))},
        {"right", std::string(sourceTypeName(j.right.type)) + " " + j.right.name},
        {"topic", j.right.topic},
        {"on", j.leftKeySql + " = " + j.rightKeySql}};
    std::string label = std::string(joinTypeName(j.type)) + " JOIN " + j.right.name + " ON " +
                        j.leftKeySql + " = " + j.rightKeySql;
    if (j.kind == JoinKind::kStreamStream) {
      const std::string w = "before=" + std::to_string(j.beforeMs) +
                            "ms after=" + std::to_string(j.afterMs) +
                            "ms grace=" + std::to_string(j.graceMs) + "ms";
      details.emplace_back("within", w);
      label += " WITHIN " + w;
    }
    add(LogicalKind::kJoin, label, details);
  }
  if (q.where) add(LogicalKind::kFilter, "WHERE " + q.where->sql);
  if (!q.partitionBy.empty()) add(LogicalKind::kRekey, "PARTITION BY " + joinSql(q.partitionBy));
  if (q.aggregated) {
    if (q.needsRepartition) add(LogicalKind::kRepartition, "by " + joinSql(q.aggregation.groupBy));
    std::string aggs;
    for (const auto& a : q.aggregation.aggregates)
      aggs += (aggs.empty() ? "" : ", ") + a.sql;
    std::vector<std::pair<std::string, std::string>> details = {
        {"groupBy", joinSql(q.aggregation.groupBy)}, {"aggregates", aggs}};
    std::string label = "GROUP BY " + joinSql(q.aggregation.groupBy);
    if (q.window) {
      std::string w(windowKindName(q.window->kind));
      w += " size=" + std::to_string(q.window->sizeMs) + "ms";
      if (q.window->kind == WindowKind::kHopping)
        w += " advance=" + std::to_string(q.window->advanceMs) + "ms";
      w += " grace=" + std::to_string(q.window->graceMs) + "ms";
      details.emplace_back("window", w);
      label += " WINDOW " + w;
    }
    details.emplace_back("emit", q.emitMode == ast::EmitMode::kFinal ? "FINAL" : "CHANGES");
    add(LogicalKind::kAggregate, label, details);
    if (q.having) add(LogicalKind::kHaving, "HAVING " + q.having->sql);
  }
  add(LogicalKind::kProject, "SELECT " + joinSql(q.projection), {{"schema", q.output.toSql()}});
  if (q.limit) add(LogicalKind::kLimit, "LIMIT " + std::to_string(*q.limit));
  if (sink) {
    add(LogicalKind::kSink, std::string(sourceTypeName(sink->type)) + " " + sink->name,
        {{"topic", sink->topic},
         {"keyFormat", sink->keyFormat.name()},
         {"valueFormat", sink->valueFormat.name()}});
  } else {
    add(LogicalKind::kResult, "live result");
  }
  return plan;
}

std::string LogicalPlan::toText() const {
  std::string out;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    out += std::string(i * 2, ' ') + (i ? "> " : "") + std::string(logicalKindName(nodes[i].kind)) +
           ": " + nodes[i].label + "\n";
  }
  return out;
}

}  // namespace runnel::sql
