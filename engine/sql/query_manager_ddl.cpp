// QueryManager: statements that change the catalog or start persistent queries — CREATE
// STREAM|TABLE, CREATE ... AS SELECT, INSERT INTO ... SELECT, INSERT INTO ... VALUES, DROP.
#include "engine/sql/binder/bound_query.h"
#include "engine/sql/planner/logical_plan.h"
#include "engine/sql/planner/physical_plan.h"
#include "engine/sql/query_manager.h"
#include "engine/sql/query_manager_internal.h"

namespace runnel::sql {
namespace {

Result<std::int32_t> partitionCount(client::Admin& admin, const std::string& topic) {
  RUNNEL_ASSIGN_OR_RETURN(auto described, admin.describeTopics({topic}));
  if (described.empty()) return Status::notFound("topic " + topic + " does not exist");
  return static_cast<std::int32_t>(described[0].partitions.size());
}

Schema keysFirst(const Schema& s) {
  Schema out;
  for (const auto& c : s.columns)
    if (c.role == ColumnRole::kKey) out.columns.push_back(c);
  for (const auto& c : s.columns)
    if (c.role != ColumnRole::kKey) out.columns.push_back(c);
  return out;
}

}  // namespace

Status QueryManager::createSource(const ast::CreateSourceStmt& stmt, ExecState& st) {
  RUNNEL_ASSIGN_OR_RETURN(BoundCreateSource bound, bindCreateSource(stmt, st.text));
  SourceInfo& source = bound.source;
  source.sql = st.result.statement;
  const char* kind = source.isTable() ? "Table" : "Stream";
  if (auto existing = catalog_.find(source.name)) {
    if (stmt.ifNotExists) {
      st.result.message = std::string(existing->isTable() ? "Table " : "Stream ") + source.name +
                          " already exists.";
      return Status::ok();
    }
    if (!stmt.orReplace)
      return Status::alreadyExists(std::string("a ") + (existing->isTable() ? "table" : "stream") +
                                   " named " + source.name + " already exists");
    if (existing->type != source.type)
      return Status::invalidArgument(
          "CREATE OR REPLACE cannot change a stream into a table or back");
  }
  auto partitions = partitionCount(cluster_.admin(), source.topic);
  if (!partitions) {
    if (!partitions.status().isNotFound()) return partitions.status();
    if (!bound.partitions)
      return Status::invalidArgument(
          "Topic '" + source.topic + "' does not exist. To create it with the " +
          std::string(kind == std::string("Table") ? "table" : "stream") +
          ", add PARTITIONS to the WITH clause, e.g. WITH (..., PARTITIONS=1)");
    client::NewTopic t;
    t.name = source.topic;
    t.partitions = *bound.partitions;
    t.replicationFactor = bound.replicas.value_or(-1);
    Status s = cluster_.admin().createTopic(t);
    if (!s.isOk() && !s.isAlreadyExists()) return s.withContext("creating topic " + source.topic);
  }
  RUNNEL_RETURN_IF_ERROR(catalog_.add(source, stmt.orReplace));
  st.log = true;
  st.result.message = std::string(kind) + " created";
  return Status::ok();
}

Status QueryManager::createAsSelect(const ast::CreateAsSelectStmt& stmt, ExecState& st) {
  RUNNEL_ASSIGN_OR_RETURN(BoundQuery bound,
                          bindQuery(*stmt.query, catalog_, st.text, {.persistent = true}));
  RUNNEL_ASSIGN_OR_RETURN(SinkProperties props, bindSinkProperties(stmt.properties, st.text));
  const std::string& name = stmt.name.name;
  SourceType type =
      stmt.sourceKind == ast::SourceKind::kTable ? SourceType::kTable : SourceType::kStream;
  if (type == SourceType::kStream && bound.outputType == SourceType::kTable) {
    st.result.notices.push_back(
        "ksqlDB wants CREATE TABLE for this query (" +
        std::string(bound.aggregated ? "it aggregates" : "it reads a table") +
        "); Runnel runs it as written, as CREATE TABLE " + name + " AS ...: " + name +
        " is a table whose changelog topic is the stream of its changes.");
    type = SourceType::kTable;
  } else if (type == SourceType::kTable && bound.outputType == SourceType::kStream) {
    return Status::invalidArgument("this query produces a STREAM (no GROUP BY, and " +
                                   bound.source.name + " is a stream): use CREATE STREAM " + name +
                                   " AS SELECT ...");
  }
  std::optional<SourceInfo> existing = catalog_.find(name);
  if (existing && stmt.ifNotExists) {
    st.result.message =
        std::string(existing->isTable() ? "Table " : "Stream ") + name + " already exists.";
    return Status::ok();
  }
  if (existing && !stmt.orReplace)
    return Status::alreadyExists("a " + std::string(existing->isTable() ? "table" : "stream") +
                                 " named " + name + " already exists");
  if (name == bound.source.name)
    return Status::invalidArgument("a query cannot write into its own source");

  SourceInfo sink;
  sink.name = name;
  sink.type = type;
  sink.topic = props.topic.value_or(name);
  sink.schema = keysFirst(bound.output);
  sink.keyFormat = props.keyFormat.value_or(bound.source.keyFormat);
  if (sink.keyFormat.kind == FormatKind::kNone && !sink.keyColumns().empty())
    sink.keyFormat = Format{FormatKind::kKafka};
  sink.valueFormat = props.valueFormat.value_or(bound.source.valueFormat);
  sink.windowKind = bound.outputWindow;
  sink.windowSizeMs = bound.outputWindowSizeMs;
  sink.sql = st.result.statement;
  if (auto s = checkFormatSupports(sink.keyFormat, sink.keyColumns(), true); !s.isOk())
    return Status::invalidArgument(
        s.message() + " (set KEY_FORMAT='JSON' in the WITH clause for several key columns)");
  RUNNEL_RETURN_IF_ERROR(checkFormatSupports(sink.valueFormat, sink.valueColumns(), false));
  if (props.timestampColumn) {
    const std::string ts = upperAscii(*props.timestampColumn);
    if (sink.schema.indexOf(ts) < 0)
      return Status::invalidArgument("TIMESTAMP column " + ts + " is not in the result");
    sink.timestampColumn = ts;
  }

  const std::string queryId = st.replay && !st.replay->queryId.empty()
                                  ? st.replay->queryId
                                  : nextQueryId(type == SourceType::kTable ? "CTAS" : "CSAS", name);
  RUNNEL_ASSIGN_OR_RETURN(std::int32_t sourcePartitions,
                          partitionCount(cluster_.admin(), bound.source.topic));
  auto sinkPartitions = partitionCount(cluster_.admin(), sink.topic);
  if (!sinkPartitions) {
    client::NewTopic t;
    t.name = sink.topic;
    t.partitions = props.partitions.value_or(sourcePartitions);
    t.replicationFactor = props.replicas.value_or(-1);
    if (sink.isTable()) t.configs["cleanup.policy"] = "compact";
    Status s = cluster_.admin().createTopic(t);
    if (!s.isOk() && !s.isAlreadyExists()) return s.withContext("creating topic " + sink.topic);
  }
  if (existing && existing->ownerQuery)
    RUNNEL_RETURN_IF_ERROR(terminateLocked(*existing->ownerQuery));

  auto query = std::make_shared<const BoundQuery>(std::move(bound));
  const LogicalPlan logical = buildLogicalPlan(*query, sink);
  PhysicalPlan physical = buildPhysicalPlan(*query, logical, queryId, sink, sourcePartitions);
  for (auto& n : query->notices)
    st.result.notices.push_back(n);

  QueryRuntime::Config config;
  config.queryId = queryId;
  config.query = query;
  config.plan = physical;
  config.sink = sink;
  config.persistent = true;
  groupSettings(config);
  addChangelogTopics(config.plan, config.applicationId, sourcePartitions);
  config.offsetReset = offsetReset(st.properties);
  config.commitIntervalMs = options_.commitIntervalMs;
  auto running = std::make_unique<Running>();
  running->info.id = queryId;
  running->info.kind = QueryKind::kPersistent;
  running->info.sql = st.result.statement;
  running->info.sinkName = name;
  running->info.sinkTopic = sink.topic;
  running->info.sourceName = query->source.name;
  running->runtime = std::make_unique<QueryRuntime>(cluster_, clock_, std::move(config));

  sink.ownerQuery = queryId;
  RUNNEL_RETURN_IF_ERROR(catalog_.add(sink, true));
  if (Status s = startQuery(std::move(running)); !s.isOk()) {
    (void)catalog_.remove(name);
    if (existing) (void)catalog_.add(*existing, true);
    return s.withContext("starting " + queryId);
  }
  st.queryId = queryId;
  st.log = true;
  st.result.queryId = queryId;
  st.result.message = "Created query with ID " + queryId;
  return Status::ok();
}

Status QueryManager::insertInto(const ast::InsertIntoStmt& stmt, ExecState& st) {
  auto target = catalog_.find(stmt.target.name);
  if (!target) return Status::notFound("no stream named " + stmt.target.name + " to insert into");
  if (target->isTable())
    return Status::invalidArgument("INSERT INTO ... SELECT writes into streams only; " +
                                   target->name + " is a table");
  RUNNEL_ASSIGN_OR_RETURN(BoundQuery bound,
                          bindQuery(*stmt.query, catalog_, st.text, {.persistent = true}));
  if (bound.outputType != SourceType::kStream)
    return Status::invalidArgument("INSERT INTO needs a query that produces a stream");
  // The result must have the target's columns: same names, types and key columns.
  if (bound.output.columns.size() != target->schema.columns.size())
    return Status::invalidArgument(
        "the query's result has " + std::to_string(bound.output.columns.size()) + " columns; " +
        target->name + " has " + std::to_string(target->schema.columns.size()) + " (" +
        target->schema.toSql() + ")");
  for (const auto& c : target->schema.columns) {
    const int i = bound.output.indexOf(c.name);
    if (i < 0)
      return Status::invalidArgument("the query's result has no column " + c.name + " (" +
                                     target->name + ": " + target->schema.toSql() + ")");
    const Column& o = bound.output.columns[static_cast<std::size_t>(i)];
    if (!(o.type == c.type))
      return Status::invalidArgument("column " + c.name + " is " + o.type.toSql() +
                                     " in the result but " + c.type.toSql() + " in " +
                                     target->name);
    if ((o.role == ColumnRole::kKey) != (c.role == ColumnRole::kKey))
      return Status::invalidArgument("column " + c.name + " must " +
                                     (c.role == ColumnRole::kKey ? "" : "not ") +
                                     "be a key column of the result");
  }
  const std::string queryId = st.replay && !st.replay->queryId.empty()
                                  ? st.replay->queryId
                                  : nextQueryId("INSERTQUERY", "");
  RUNNEL_ASSIGN_OR_RETURN(std::int32_t sourcePartitions,
                          partitionCount(cluster_.admin(), bound.source.topic));
  auto query = std::make_shared<const BoundQuery>(std::move(bound));
  const LogicalPlan logical = buildLogicalPlan(*query, *target);
  QueryRuntime::Config config;
  config.queryId = queryId;
  config.query = query;
  config.plan = buildPhysicalPlan(*query, logical, queryId, *target, sourcePartitions);
  config.sink = *target;
  config.persistent = true;
  groupSettings(config);
  addChangelogTopics(config.plan, config.applicationId, sourcePartitions);
  config.offsetReset = offsetReset(st.properties);
  config.commitIntervalMs = options_.commitIntervalMs;
  auto running = std::make_unique<Running>();
  running->info.id = queryId;
  running->info.kind = QueryKind::kPersistent;
  running->info.sql = st.result.statement;
  running->info.sinkName = target->name;
  running->info.sinkTopic = target->topic;
  running->info.sourceName = query->source.name;
  running->runtime = std::make_unique<QueryRuntime>(cluster_, clock_, std::move(config));
  RUNNEL_RETURN_IF_ERROR(startQuery(std::move(running)));
  st.queryId = queryId;
  st.log = true;
  st.result.queryId = queryId;
  st.result.message = "Created query with ID " + queryId;
  return Status::ok();
}

Status QueryManager::insertValues(const ast::InsertValuesStmt& stmt, ExecState& st) {
  auto target = catalog_.find(stmt.target.name);
  if (!target) return Status::notFound("no stream or table named " + stmt.target.name);
  std::vector<std::string> names;
  if (stmt.columns.empty()) {
    for (const auto& c : target->schema.columns)
      names.push_back(c.name);
  } else {
    for (const auto& c : stmt.columns)
      names.push_back(c.name);
  }
  if (names.size() != stmt.values.size())
    return Status::invalidArgument("expected " + std::to_string(names.size()) + " values, got " +
                                   std::to_string(stmt.values.size()));
  std::vector<Value> row(target->schema.columns.size());
  std::optional<std::int64_t> rowtime;
  ExpressionBinder binder(st.text);
  BindScope empty;
  for (std::size_t i = 0; i < names.size(); ++i) {
    RUNNEL_ASSIGN_OR_RETURN(BoundExprPtr e, binder.bind(*stmt.values[i], empty));
    static const std::vector<Value> kNoValues;
    Value v = evaluate(*e, RowContext{kNoValues});
    if (names[i] == "ROWTIME") {
      if (v.isNull() || (!DataType(v.kind()).isIntegral() && v.kind() != TypeKind::kTimestamp))
        return binder.error(stmt.values[i]->range,
                            "ROWTIME must be a BIGINT of epoch milliseconds");
      rowtime = v.asInt();
      continue;
    }
    const int col = target->schema.indexOf(names[i]);
    if (col < 0)
      return binder.error(stmt.values[i]->range, target->name + " has no column " + names[i]);
    const DataType& type = target->schema.columns[static_cast<std::size_t>(col)].type;
    if (!implicitlyConvertible(e->type, type) &&
        !(e->type.kind() == TypeKind::kString && type.isPrimitive()))
      return binder.error(stmt.values[i]->range, "a " + e->type.toSql() + " value cannot go into " +
                                                     names[i] + " " + type.toSql());
    auto cast = castValue(v, type);
    if (!cast) return binder.error(stmt.values[i]->range, cast.status().message());
    row[static_cast<std::size_t>(col)] = std::move(*cast);
  }
  std::vector<Value> keyValues, valueValues;
  for (std::size_t i = 0; i < row.size(); ++i)
    (target->schema.columns[i].role == ColumnRole::kKey ? keyValues : valueValues)
        .push_back(row[i]);
  if (target->timestampColumn && !rowtime) {
    const Value& ts =
        row[static_cast<std::size_t>(target->schema.indexOf(*target->timestampColumn))];
    if (!ts.isNull() && ts.kind() != TypeKind::kString) rowtime = ts.asInt();
  }
  RUNNEL_ASSIGN_OR_RETURN(auto key, serializeKey(target->keyFormat, target->keyColumns(), keyValues,
                                                 WindowKind::kNone, std::nullopt));
  RUNNEL_ASSIGN_OR_RETURN(auto value,
                          serializeValue(target->valueFormat, target->valueColumns(), valueValues));
  client::ProducerConfig pc;
  pc.clientId = "runnel-sql-insert";
  pc.lingerMs = 0;
  RUNNEL_ASSIGN_OR_RETURN(auto producer, cluster_.createProducer(pc));
  client::ProducerRecord record;
  record.topic = target->topic;
  record.key = std::move(key);
  record.value = std::move(value);
  record.timestampMs = rowtime.value_or(clock_.nowMs());
  auto outcome = std::make_shared<Status>(Status::unavailable("not acknowledged"));
  producer->send(std::move(record), [outcome](const Result<client::RecordMetadata>& md) {
    *outcome = md.isOk() ? Status::ok() : md.status();
  });
  RUNNEL_RETURN_IF_ERROR(producer->flush(std::chrono::seconds(30)));
  (void)producer->close(std::chrono::seconds(5));
  return *outcome;
}

Status QueryManager::drop(const ast::DropStmt& stmt, ExecState& st) {
  const std::string& name = stmt.name.name;
  auto source = catalog_.find(name);
  if (!source) {
    if (stmt.ifExists) {
      st.result.message = name + " does not exist; nothing to drop.";
      return Status::ok();
    }
    return Status::notFound("no stream or table named " + name);
  }
  const bool table = stmt.sourceKind == ast::SourceKind::kTable;
  if (table != source->isTable())
    return Status::invalidArgument(
        name + " is a " +
        (source->isTable() ? "table: use DROP TABLE" : "stream: use DROP STREAM"));
  auto readers = queriesReading(name);
  if (!readers.empty()) {
    std::string list;
    for (const auto& r : readers)
      list += (list.empty() ? "" : ", ") + r;
    return Status::invalidArgument("cannot drop " + name + ": queries read from it (" + list +
                                   "); TERMINATE them first");
  }
  if (source->ownerQuery) {
    RUNNEL_RETURN_IF_ERROR(terminateLocked(*source->ownerQuery));
    st.result.notices.push_back("terminated " + *source->ownerQuery + ", the query writing into " +
                                name);
  }
  RUNNEL_RETURN_IF_ERROR(catalog_.remove(name));
  if (stmt.deleteTopic) {
    Status s = cluster_.admin().deleteTopic(source->topic);
    if (!s.isOk() && !s.isNotFound()) return s.withContext("deleting topic " + source->topic);
  }
  st.log = true;
  st.result.message = std::string(source->isTable() ? "Table " : "Stream ") + name + " dropped" +
                      (stmt.deleteTopic ? " and topic " + source->topic + " deleted" : "");
  return Status::ok();
}

}  // namespace runnel::sql
