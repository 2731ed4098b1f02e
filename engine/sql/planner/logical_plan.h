// LogicalPlan: what a bound query does, as a chain of relational steps — source, join, filter,
// re-key (PARTITION BY), repartition, aggregate (windowed), having, project, limit, and the
// sink (a topic) or live result. Independent of topics' partitions and of threads; EXPLAIN
// prints it and the physical planner maps it onto stages and operators.
// A plain value.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/sql/binder/bound_query.h"

namespace runnel::sql {

enum class LogicalKind : unsigned char {
  kSource,
  kJoin,  // the second source and how it joins the first
  kFilter,
  kRekey,        // PARTITION BY on a stream
  kRepartition,  // GROUP BY on another key than the source's
  kAggregate,
  kHaving,
  kProject,
  kLimit,
  kSink,
  kResult,
};

std::string_view logicalKindName(LogicalKind kind);

struct LogicalNode {
  LogicalKind kind = LogicalKind::kSource;
  std::string label;  // "Filter: (AMOUNT > 100)"
  std::vector<std::pair<std::string, std::string>> details;
};

struct LogicalPlan {
  std::vector<LogicalNode> nodes;  // source first
  std::string toText() const;      // one node per line, indented as a pipeline
};

// `sink` is set for persistent queries; otherwise the plan ends in a live result.
LogicalPlan buildLogicalPlan(const BoundQuery& query, const std::optional<SourceInfo>& sink);

}  // namespace runnel::sql
