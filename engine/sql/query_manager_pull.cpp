// QueryManager: pull queries — `SELECT ... FROM table [WHERE ...] [LIMIT n];` without EMIT —
// answered once from the table's current state and ended, as ksqlDB answers them from its
// materialized state. Runnel materializes the table from its topic (its changelog), read from
// the beginning up to the end it has when the query starts: the latest row of each key (and
// window), deletes applied. Why not the persistent query's state store: that store belongs to
// the query's thread and holds aggregation accumulators before HAVING and the projection; the
// changelog topic holds exactly the rows the table consists of, for source tables as well.
#include <chrono>
#include <map>

#include "engine/sql/binder/bound_query.h"
#include "engine/sql/execution/operators/source_operator.h"
#include "engine/sql/query_manager.h"
#include "engine/sql/query_manager_internal.h"
#include "engine/sql/types/value_codec.h"

namespace runnel::sql {
namespace {

using client::TopicPartition;

// The table's rows now: the latest version of each key (and window), in changelog order.
Result<std::vector<Row>> readTable(client::ClusterClient& cluster, const SourceInfo& table,
                                   const std::string& clientId) {
  RUNNEL_ASSIGN_OR_RETURN(auto described, cluster.admin().describeTopics({table.topic}));
  std::vector<TopicPartition> partitions;
  for (const auto& t : described)
    for (const auto& p : t.partitions)
      partitions.push_back({t.name, p.partition});
  client::ConsumerConfig cc;
  cc.clientId = clientId;
  cc.enableAutoCommit = false;
  cc.autoOffsetReset = client::OffsetReset::kEarliest;
  RUNNEL_ASSIGN_OR_RETURN(auto consumer, cluster.createConsumer(cc));
  RUNNEL_RETURN_IF_ERROR(consumer->assign(partitions));
  RUNNEL_RETURN_IF_ERROR(consumer->seekToBeginning(partitions));
  std::map<TopicPartition, std::int64_t> ends;
  for (const auto& tp : partitions) {
    RUNNEL_ASSIGN_OR_RETURN(auto marks, consumer->watermarks(tp, std::chrono::seconds(10)));
    if (marks.second > marks.first) ends[tp] = marks.second;
  }
  // key (+ window start) -> (changelog position, row)
  std::map<std::string, std::pair<std::pair<std::int32_t, std::int64_t>, Row>> latest;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!ends.empty()) {
    if (std::chrono::steady_clock::now() > deadline)
      return Status::timedOut("reading " + table.topic + " to its end took too long");
    RUNNEL_ASSIGN_OR_RETURN(auto records, consumer->poll(std::chrono::milliseconds(200)));
    for (const auto& r : records) {
      auto end = ends.find(r.topicPartition);
      if (end == ends.end() || r.offset >= end->second) continue;
      auto row = SourceOperator::decode(table, r);
      if (!row) continue;  // unreadable records are skipped, as the table's queries skip them
      std::vector<Value> key;
      for (int i : table.schema.keyIndexes())
        key.push_back(row->values[static_cast<std::size_t>(i)]);
      std::string k = encodeRow(key);
      if (row->window) k += "@" + std::to_string(row->window->start);
      if (row->tombstone)
        latest.erase(k);
      else
        latest[k] = {{r.topicPartition.partition, r.offset}, std::move(*row)};
    }
    // By position, not by the last record seen: compaction may have removed the last offsets.
    for (auto it = ends.begin(); it != ends.end();) {
      RUNNEL_ASSIGN_OR_RETURN(std::int64_t pos, consumer->position(it->first));
      it = pos >= it->second ? ends.erase(it) : std::next(it);
    }
  }
  (void)consumer->close();
  std::map<std::pair<std::int32_t, std::int64_t>, Row> ordered;
  for (auto& [k, v] : latest)
    ordered.emplace(v.first, std::move(v.second));
  std::vector<Row> out;
  out.reserve(ordered.size());
  for (auto& [pos, row] : ordered)
    out.push_back(std::move(row));
  return out;
}

}  // namespace

Status QueryManager::pullQuery(const ast::QueryStmt& stmt, ExecState& st) {
  RUNNEL_ASSIGN_OR_RETURN(BoundQuery bound, bindQuery(*stmt.query, catalog_, st.text));
  if (!bound.source.isTable() && !bound.join)
    return Status::invalidArgument("a pull query (SELECT without EMIT) reads a table; " +
                                   bound.source.name +
                                   " is a stream: add EMIT CHANGES to run a push query over it");
  if (bound.join || bound.aggregated || !bound.partitionBy.empty())
    return Status::notSupported(
        "a pull query reads one table with WHERE, a projection and LIMIT; joins, GROUP BY and "
        "PARTITION BY need a push query (EMIT CHANGES) or a CREATE TABLE ... AS SELECT");
  const std::string queryId =
      "pull_" + bound.source.name + "_" + std::to_string(nextQueryNumber_++);
  RUNNEL_ASSIGN_OR_RETURN(std::vector<Row> rows, readTable(cluster_, bound.source, queryId));
  std::vector<ResultRow> results;
  for (const Row& row : rows) {
    if (bound.limit && results.size() >= static_cast<std::size_t>(*bound.limit)) break;
    const RowContext ctx = row.context();
    if (bound.where && !evaluatePredicate(*bound.where, ctx)) continue;
    ResultRow out;
    out.window = row.window;
    out.rowtime = row.rowtime;
    for (const auto& p : bound.projection)
      out.values.push_back(evaluate(*p, ctx));
    results.push_back(std::move(out));
  }
  if (st.sink) {
    st.sink->onStart(queryId, bound.output, true, bound.outputWindow);
    for (const auto& r : results)
      st.sink->onRow(r);
    st.sink->onEnd(Status::ok());
  } else {
    ResultTable t;
    if (bound.outputWindow != WindowKind::kNone) t.columns = {"WINDOWSTART", "WINDOWEND"};
    for (const auto& c : bound.output.columns)
      t.columns.push_back(c.name);
    for (const auto& r : results) {
      std::vector<std::string> cells;
      if (bound.outputWindow != WindowKind::kNone)
        cells = {r.window ? std::to_string(r.window->start) : "",
                 r.window ? std::to_string(r.window->end) : ""};
      for (const auto& v : r.values)
        cells.push_back(v.toString());
      t.rows.push_back(std::move(cells));
    }
    st.result.table = std::move(t);
  }
  st.result.message = std::to_string(results.size()) + " row" + (results.size() == 1 ? "" : "s");
  return Status::ok();
}

}  // namespace runnel::sql
