// QueryManager: push queries (pull queries: query_manager_pull.cpp) and the statements that inspect
// or steer — SHOW/LIST, DESCRIBE, DESCRIBE FUNCTION, EXPLAIN, PRINT, TERMINATE.
#include "engine/sql/binder/bound_query.h"
#include "engine/sql/execution/operators/source_operator.h"
#include "engine/sql/planner/logical_plan.h"
#include "engine/sql/planner/physical_plan.h"
#include "engine/sql/query_manager.h"
#include "engine/sql/query_manager_internal.h"

namespace runnel::sql {
namespace {

bool printable(ByteView b) {
  for (std::uint8_t c : b)
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
  return true;
}

std::string renderBytes(const std::optional<Bytes>& b) {
  if (!b) return "<null>";
  if (printable(*b)) return std::string(asChars(*b));
  return "0x" + toHex(*b);
}

std::string describeType(const Column& c) {
  std::string t = c.type.toSql();
  if (c.role == ColumnRole::kKey) t += "  (key)";
  return t;
}

}  // namespace

Status QueryManager::pushQuery(const ast::QueryStmt& stmt, ExecState& st) {
  if (!stmt.query->isPushQuery()) return pullQuery(stmt, st);
  RUNNEL_ASSIGN_OR_RETURN(BoundQuery bound, bindQuery(*stmt.query, catalog_, st.text));
  if (!st.sink)
    return Status::invalidArgument("a push query needs a result sink to deliver its rows to");
  const std::string queryId =
      "transient_" + bound.source.name + "_" + std::to_string(nextQueryNumber_++);
  auto partitions = cluster_.admin().describeTopics({bound.source.topic});
  if (!partitions) return partitions.status().withContext("reading " + bound.source.name);
  auto query = std::make_shared<const BoundQuery>(std::move(bound));
  const LogicalPlan logical = buildLogicalPlan(*query, std::nullopt);
  QueryRuntime::Config config;
  config.queryId = queryId;
  config.query = query;
  config.plan = buildPhysicalPlan(*query, logical, queryId, std::nullopt,
                                  static_cast<std::int32_t>(partitions->at(0).partitions.size()));
  config.result = st.sink;
  config.offsetReset = offsetReset(st.properties);
  auto running = std::make_unique<Running>();
  running->info.id = queryId;
  running->info.kind = QueryKind::kPush;
  running->info.sql = st.result.statement;
  running->info.sourceName = query->source.name;
  running->sink = st.sink;
  running->runtime = std::make_unique<QueryRuntime>(cluster_, clock_, std::move(config));
  RUNNEL_RETURN_IF_ERROR(startQuery(std::move(running)));
  st.result.queryId = queryId;
  st.result.message = "Push query " + queryId + " started";
  return Status::ok();
}

Status QueryManager::list(const ast::ListStmt& stmt, ExecState& st) {
  ResultTable t;
  switch (stmt.target) {
    case ast::ListTarget::kStreams:
    case ast::ListTarget::kTables: {
      const bool tables = stmt.target == ast::ListTarget::kTables;
      t.columns = {tables ? "Table Name" : "Stream Name", "Kafka Topic", "Key Format",
                   "Value Format", "Windowed"};
      for (const auto& s : catalog_.list()) {
        if (s.isTable() != tables) continue;
        t.rows.push_back({s.name, s.topic, s.keyFormat.name(), s.valueFormat.name(),
                          s.windowed() ? "true" : "false"});
      }
      break;
    }
    case ast::ListTarget::kQueries: {
      t.columns = {"Query ID",  "Query Type",       "Status",
                   "Sink Name", "Sink Kafka Topic", "Query String"};
      if (stmt.extended)
        t.columns.insert(t.columns.end(), {"Records In", "Records Out", "Skipped", "Late"});
      for (const auto& q : queries()) {
        std::vector<std::string> row = {q.id,
                                        q.kind == QueryKind::kPersistent ? "PERSISTENT" : "PUSH",
                                        std::string(queryStateName(q.state)),
                                        q.sinkName,
                                        q.sinkTopic,
                                        q.sql};
        if (stmt.extended)
          row.insert(row.end(),
                     {std::to_string(q.stats.recordsIn), std::to_string(q.stats.recordsOut),
                      std::to_string(q.stats.skipped), std::to_string(q.stats.late)});
        t.rows.push_back(std::move(row));
      }
      break;
    }
    case ast::ListTarget::kTopics: {
      t.columns = {"Kafka Topic", "Partitions", "Partition Replicas"};
      RUNNEL_ASSIGN_OR_RETURN(auto names, cluster_.admin().listTopics(stmt.all));
      std::sort(names.begin(), names.end());
      if (!names.empty()) {
        RUNNEL_ASSIGN_OR_RETURN(auto described, cluster_.admin().describeTopics(names));
        for (const auto& d : described) {
          if (!stmt.all && !d.name.empty() && d.name[0] == '_') continue;
          const std::size_t replicas = d.partitions.empty() ? 0 : d.partitions[0].replicas.size();
          t.rows.push_back({d.name, std::to_string(d.partitions.size()), std::to_string(replicas)});
        }
      }
      break;
    }
    case ast::ListTarget::kFunctions:
      t.columns = {"Function Name", "Type", "Category"};
      for (const auto& f : FunctionRegistry::builtins().list())
        t.rows.push_back(
            {f.name, f.kind == FunctionKind::kAggregate ? "AGGREGATE" : "SCALAR", f.category});
      break;
    case ast::ListTarget::kProperties: {
      t.columns = {"Property", "Scope", "Value"};
      std::map<std::string, std::pair<std::string, std::string>> all = {
          {"auto.offset.reset", {"DEFAULT", "latest"}},
          {"commit.interval.ms", {"ENGINE", std::to_string(options_.commitIntervalMs)}},
          {"state.dir", {"ENGINE", options_.stateDir.empty() ? "(memory)" : options_.stateDir}}};
      for (const auto& [k, v] : properties_)
        all[k] = {"SESSION", v};
      for (const auto& [k, v] : all)
        t.rows.push_back({k, v.first, v.second});
      break;
    }
    default:
      return Status::notSupported("SHOW " + ast::toSql(stmt).substr(5) + " is not supported yet");
  }
  st.result.table = std::move(t);
  return Status::ok();
}

Status QueryManager::describe(const ast::DescribeStmt& stmt, ExecState& st) {
  std::vector<SourceInfo> sources;
  if (stmt.all) {
    for (const auto& s : catalog_.list())
      if (s.isTable() == (*stmt.all == ast::ListTarget::kTables)) sources.push_back(s);
  } else {
    auto s = catalog_.find(stmt.name.name);
    if (!s) return Status::notFound("no stream or table named " + stmt.name.name);
    sources.push_back(*s);
  }
  ResultTable t;
  t.columns = {"Field", "Type"};
  std::string message;
  for (const auto& s : sources) {
    if (!message.empty()) message += "\n";
    message += "Name                 : " + s.name + "\n";
    if (stmt.extended) {
      message += "Type                 : " + std::string(sourceTypeName(s.type)) + "\n";
      message += "Kafka topic          : " + s.topic + "\n";
      message += "Key format           : " + s.keyFormat.name() + "\n";
      message += "Value format         : " + s.valueFormat.name() + "\n";
      message +=
          "Timestamp field      : " + s.timestampColumn.value_or("Not set - using <ROWTIME>") +
          "\n";
      if (s.windowed())
        message += "Windowed             : " + std::string(windowKindName(s.windowKind)) +
                   (s.windowSizeMs ? " " + std::to_string(s.windowSizeMs) + " ms" : "") + "\n";
      message += "Statement            : " + s.sql + "\n";
      if (s.ownerQuery) {
        message += "Written by query     : " + *s.ownerQuery + "\n";
        if (auto q = query(*s.ownerQuery))
          message += "Statistics           : records in " + std::to_string(q->stats.recordsIn) +
                     ", out " + std::to_string(q->stats.recordsOut) + ", skipped " +
                     std::to_string(q->stats.skipped) + ", late " + std::to_string(q->stats.late) +
                     "\n";
      }
      for (const auto& r : queriesReading(s.name))
        message += "Read by query        : " + r + "\n";
    }
    if (sources.size() == 1) {
      for (const auto& c : s.schema.columns)
        t.rows.push_back({c.name, describeType(c)});
    } else {
      t.columns = {"Source", "Field", "Type"};
      for (const auto& c : s.schema.columns)
        t.rows.push_back({s.name, c.name, describeType(c)});
    }
  }
  if (!message.empty() && message.back() == '\n') message.pop_back();
  st.result.message = message;
  st.result.table = std::move(t);
  return Status::ok();
}

Status QueryManager::describeFunction(const ast::DescribeFunctionStmt& stmt, ExecState& st) {
  for (const auto& f : FunctionRegistry::builtins().list()) {
    if (f.name != stmt.name.name) continue;
    st.result.message = "Name        : " + f.name + "\nType        : " +
                        (f.kind == FunctionKind::kAggregate ? "AGGREGATE" : "SCALAR") +
                        "\nCategory    : " + f.category + "\nDescription : " + f.description;
    ResultTable t;
    t.columns = {"Variation"};
    for (const auto& s : f.signatures)
      t.rows.push_back({s});
    st.result.table = std::move(t);
    return Status::ok();
  }
  return Status::notFound("no function named " + stmt.name.name + " (SHOW FUNCTIONS lists them)");
}

Result<std::shared_ptr<WindowTrace>> QueryManager::observeWindows(const std::string& queryId) {
  MutexLock lock(mu_);
  auto it = queries_.find(queryId);
  if (it == queries_.end()) return Status::notFound("no query with id " + queryId);
  auto trace = it->second->runtime->windowTrace();
  if (!trace)
    return Status::invalidArgument(queryId +
                                   " has no windowed aggregation (WINDOW TUMBLING, HOPPING or "
                                   "SESSION with GROUP BY) to watch");
  return trace;
}

Result<PhysicalPlan> QueryManager::plan(const std::string& queryId) const {
  MutexLock lock(mu_);
  auto it = queries_.find(queryId);
  if (it == queries_.end()) return Status::notFound("no query with id " + queryId);
  return it->second->runtime->config().plan;
}

Status QueryManager::explain(const ast::ExplainStmt& stmt, ExecState& st) {
  if (!stmt.statement) {
    auto running = query(stmt.queryId.name);
    if (!running) return Status::notFound("no query with id " + stmt.queryId.name);
    MutexLock lock(mu_);
    auto it = queries_.find(stmt.queryId.name);
    if (it == queries_.end()) return Status::notFound("no query with id " + stmt.queryId.name);
    const PhysicalPlan& plan = it->second->runtime->config().plan;
    st.result.message = "Query ID : " + running->id + "\nSQL      : " + running->sql +
                        "\nStatus   : " + std::string(queryStateName(running->state)) + "\n\n" +
                        plan.toText();
    st.result.planJson = plan.toJson();
    st.result.plan = std::make_shared<const PhysicalPlan>(plan);
    return Status::ok();
  }
  const ast::Query* q = nullptr;
  std::optional<SourceInfo> sink;
  if (const auto* c = stmt.statement->tryAs<ast::CreateAsSelectStmt>()) {
    q = c->query.get();
    sink = SourceInfo{};
    sink->name = c->name.name;
    sink->topic = propertyText(c->properties, "KAFKA_TOPIC").value_or(c->name.name);
  } else if (const auto* i = stmt.statement->tryAs<ast::InsertIntoStmt>()) {
    q = i->query.get();
    sink = catalog_.find(i->target.name);
    if (!sink) return Status::notFound("no stream named " + i->target.name);
  } else if (const auto* s = stmt.statement->tryAs<ast::QueryStmt>()) {
    q = s->query.get();
  } else {
    return Status::invalidArgument(
        "EXPLAIN takes a query, CREATE ... AS SELECT, INSERT INTO ... SELECT or a query id");
  }
  RUNNEL_ASSIGN_OR_RETURN(BoundQuery bound,
                          bindQuery(*q, catalog_, st.text, {.persistent = sink.has_value()}));
  if (sink && !catalog_.contains(sink->name)) {
    sink->type = bound.outputType;
    sink->keyFormat = bound.source.keyFormat;
    sink->valueFormat = bound.source.valueFormat;
  }
  auto partitions = cluster_.admin().describeTopics({bound.source.topic});
  const std::int32_t n =
      partitions ? static_cast<std::int32_t>(partitions->at(0).partitions.size()) : 1;
  const LogicalPlan logical = buildLogicalPlan(bound, sink);
  PhysicalPlan physical = buildPhysicalPlan(bound, logical, "EXPLAIN", sink, n);
  // The query would get its id when created; its changelogs are named the same way.
  if (sink) addChangelogTopics(physical, "_runnel-sql-" + options_.serviceId + "query_EXPLAIN", n);
  st.result.message =
      "Logical plan:\n" + logical.toText() + "\nPhysical plan:\n" + physical.toText();
  st.result.planJson = physical.toJson();
  st.result.plan = std::make_shared<const PhysicalPlan>(physical);
  st.result.notices = bound.notices;
  return Status::ok();
}

Status QueryManager::print(const ast::PrintStmt& stmt, ExecState& st) {
  std::string topic = stmt.topic;
  auto described = cluster_.admin().describeTopics({topic});
  if (!described && !stmt.topicQuoted) {
    topic = upperAscii(stmt.topic);
    described = cluster_.admin().describeTopics({topic});
  }
  if (!described) return Status::notFound("topic " + stmt.topic + " does not exist");
  std::optional<SourceInfo> source;
  for (const auto& s : catalog_.list())
    if (s.topic == topic) source = s;
  client::ConsumerConfig cc;
  cc.clientId = "runnel-sql-print";
  cc.enableAutoCommit = false;
  RUNNEL_ASSIGN_OR_RETURN(auto consumer, cluster_.createConsumer(cc));
  std::vector<client::TopicPartition> parts;
  for (const auto& p : described->at(0).partitions)
    parts.push_back({topic, p.partition});
  RUNNEL_RETURN_IF_ERROR(consumer->assign(parts));
  if (stmt.fromBeginning)
    RUNNEL_RETURN_IF_ERROR(consumer->seekToBeginning(parts));
  else
    RUNNEL_RETURN_IF_ERROR(consumer->seekToEnd(parts));
  std::map<client::TopicPartition, std::int64_t> ends;
  for (const auto& tp : parts) {
    RUNNEL_ASSIGN_OR_RETURN(auto marks, consumer->watermarks(tp, std::chrono::seconds(10)));
    ends[tp] = marks.second;
  }
  const std::int64_t limit = stmt.limit.value_or(10000);
  const std::int64_t interval = std::max<std::int64_t>(1, stmt.interval.value_or(1));
  ResultTable t;
  t.columns = {"Partition", "Offset", "Rowtime", "Key", "Value"};
  std::int64_t seen = 0;
  for (int idle = 0; idle < 20 && static_cast<std::int64_t>(t.rows.size()) < limit;) {
    bool done = true;
    for (const auto& tp : parts) {
      RUNNEL_ASSIGN_OR_RETURN(std::int64_t pos, consumer->position(tp));
      done = done && pos >= ends[tp];
    }
    if (done) break;
    RUNNEL_ASSIGN_OR_RETURN(auto records, consumer->poll(std::chrono::milliseconds(100)));
    idle = records.empty() ? idle + 1 : 0;
    for (const auto& r : records) {
      if (static_cast<std::int64_t>(t.rows.size()) >= limit) break;
      if (seen++ % interval != 0) continue;
      std::string key = renderBytes(r.key), value = renderBytes(r.value);
      if (source) {
        if (auto row = SourceOperator::decode(*source, r)) {
          std::string k;
          for (int i : source->schema.keyIndexes())
            k += (k.empty() ? "" : ", ") + row->values[static_cast<std::size_t>(i)].toString();
          if (row->window)
            k += " [" + formatTimestamp(row->window->start) + " .. " +
                 formatTimestamp(row->window->end) + ")";
          if (!source->keyColumns().empty() || row->window) key = k;
        }
      }
      t.rows.push_back({std::to_string(r.topicPartition.partition), std::to_string(r.offset),
                        formatTimestamp(r.timestampMs), key, value});
    }
  }
  (void)consumer->close();
  st.result.message = "Topic " + topic +
                      (stmt.fromBeginning ? ", from the beginning" : ", new records only") + ": " +
                      std::to_string(t.rows.size()) + " record" + (t.rows.size() == 1 ? "" : "s");
  if (!stmt.fromBeginning && t.rows.empty())
    st.result.notices.emplace_back(
        "PRINT shows what is in the topic now; add FROM BEGINNING to see earlier records");
  st.result.table = std::move(t);
  return Status::ok();
}

Status QueryManager::terminateStmt(const ast::TerminateStmt& stmt, ExecState& st) {
  std::vector<std::string> ids;
  if (stmt.all) {
    for (const auto& q : queries())
      ids.push_back(q.id);
  } else {
    auto q = query(stmt.queryId.name);
    if (!q) {
      // Query ids are written as they were shown; match case-insensitively too.
      for (const auto& other : queries())
        if (upperAscii(other.id) == upperAscii(stmt.queryId.name)) q = other;
    }
    if (!q)
      return Status::notFound("no query with id " + stmt.queryId.name +
                              " (SHOW QUERIES lists them)");
    ids.push_back(q->id);
  }
  bool persistent = false;
  for (const auto& id : ids) {
    auto q = query(id);
    persistent = persistent || (q && q->kind == QueryKind::kPersistent);
    RUNNEL_RETURN_IF_ERROR(terminateLocked(id));
  }
  st.log = persistent;
  st.result.message = ids.empty() ? "No queries to terminate."
                                  : "Terminated " + std::to_string(ids.size()) + " quer" +
                                        (ids.size() == 1 ? "y" : "ies") + ".";
  return Status::ok();
}

}  // namespace runnel::sql
