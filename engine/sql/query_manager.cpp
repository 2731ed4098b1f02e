// QueryManager: lifecycle, statement dispatch, command log and query threads. The statement
// kinds live in query_manager_ddl.cpp, query_manager_queries.cpp and query_manager_admin.cpp.
#include "engine/sql/query_manager.h"

#include "engine/common/logging.h"
#include "engine/sql/parser/parser.h"
#include "engine/sql/query_manager_internal.h"

namespace runnel::sql {

std::string upperAscii(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string_view queryStateName(QueryState state) {
  switch (state) {
    case QueryState::kRunning:
      return "RUNNING";
    case QueryState::kFinished:
      return "FINISHED";
    case QueryState::kError:
      return "ERROR";
    case QueryState::kTerminated:
      return "TERMINATED";
  }
  return "?";
}

QueryManager::QueryManager(client::ClusterClient& cluster, Clock& clock, EngineOptions options)
    : cluster_(cluster),
      clock_(clock),
      options_(std::move(options)),
      commands_(cluster, options_.commandTopic) {}

QueryManager::~QueryManager() {
  stop();
}

Status QueryManager::start(std::vector<std::string>* notices) {
  MutexLock exec(execMu_);
  RUNNEL_RETURN_IF_ERROR(commands_.ensureTopic());
  std::int64_t end = 0;
  RUNNEL_ASSIGN_OR_RETURN(auto commands, commands_.readAll(&end));
  replaying_ = true;
  for (const auto& command : commands) {
    auto parsed = parseStatement(command.sql);
    if (!parsed) {
      if (notices)
        notices->push_back("skipped an unreadable command: " + parsed.status().message());
      continue;
    }
    StatementResult r = executeLocked(**parsed, command.sql, nullptr, &command);
    if (!r.ok() && notices)
      notices->push_back("replaying '" + command.sql + "' failed: " + r.status.message());
  }
  replaying_ = false;
  if (options_.startThreads && options_.followCommands && !follower_.joinable())
    follower_ = std::thread([this, end] { followCommands(end); });
  return Status::ok();
}

void QueryManager::followCommands(std::int64_t from) {
  while (!stopFollowing_) {
    auto batch = commands_.follow(from, std::chrono::milliseconds(200));
    if (!batch) {
      logger().warn("sql: following {}: {}", commands_.topic(), batch.status().message());
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
      continue;
    }
    for (const auto& [offset, command] : *batch) {
      from = offset + 1;
      MutexLock exec(execMu_);
      if (stopFollowing_) return;
      if (commands_.appendedHere(offset)) continue;  // this engine's own statement
      auto parsed = parseStatement(command.sql);
      if (!parsed) continue;
      StatementResult r = executeLocked(**parsed, command.sql, nullptr, &command);
      if (!r.ok())
        logger().warn("sql: another engine's '{}' failed here: {}", command.sql,
                      r.status.message());
    }
  }
}

void QueryManager::stop() {
  stopFollowing_ = true;
  if (follower_.joinable()) follower_.join();
  std::vector<std::string> ids;
  {
    MutexLock lock(mu_);
    for (const auto& [id, r] : queries_)
      ids.push_back(id);
  }
  for (const auto& id : ids) {
    std::unique_ptr<Running> r;
    {
      MutexLock lock(mu_);
      auto it = queries_.find(id);
      if (it == queries_.end()) continue;
      r = std::move(it->second);
      queries_.erase(it);
    }
    r->stop = true;
    r->runtime->wakeup();
    if (r->thread.joinable()) {
      r->thread.join();
    } else if (!r->ended) {
      (void)r->runtime->close();
      if (r->sink) r->sink->onEnd(Status::ok());
    }
  }
}

std::vector<StatementResult> QueryManager::runScript(std::string_view text, ResultSink* sink) {
  ParseResult parsed = parseScript(text);
  std::vector<StatementResult> out;
  std::size_t e = 0;
  auto flushErrorsBefore = [&](std::uint32_t offset) {
    for (; e < parsed.errors.size() && parsed.errors[e].offset <= offset; ++e) {
      StatementResult r;
      r.status = Status::invalidArgument(parsed.errors[e].render(text));
      out.push_back(std::move(r));
    }
  };
  for (const auto& stmt : parsed.statements) {
    flushErrorsBefore(stmt->range.offset);
    out.push_back(execute(*stmt, text, sink));
  }
  flushErrorsBefore(UINT32_MAX);
  return out;
}

StatementResult QueryManager::execute(const ast::Statement& statement, std::string_view text,
                                      ResultSink* sink) {
  MutexLock exec(execMu_);
  return executeLocked(statement, text, sink, nullptr);
}

StatementResult QueryManager::executeLocked(const ast::Statement& stmt, std::string_view text,
                                            ResultSink* sink, const Command* replay) {
  StatementResult result;
  const SourceRange& r = stmt.range;
  result.statement =
      r.end() <= text.size() ? std::string(text.substr(r.offset, r.length)) : std::string(text);
  ExecState st{text, result, sink, replay};
  st.properties = replay ? replay->properties : properties_;
  Status s;
  switch (stmt.kind) {
    case ast::StmtKind::kQuery:
      s = pushQuery(stmt.as<ast::QueryStmt>(), st);
      break;
    case ast::StmtKind::kCreateSource:
      s = createSource(stmt.as<ast::CreateSourceStmt>(), st);
      break;
    case ast::StmtKind::kCreateAsSelect:
      s = createAsSelect(stmt.as<ast::CreateAsSelectStmt>(), st);
      break;
    case ast::StmtKind::kInsertInto:
      s = insertInto(stmt.as<ast::InsertIntoStmt>(), st);
      break;
    case ast::StmtKind::kInsertValues:
      s = insertValues(stmt.as<ast::InsertValuesStmt>(), st);
      break;
    case ast::StmtKind::kList:
      s = list(stmt.as<ast::ListStmt>(), st);
      break;
    case ast::StmtKind::kDescribe:
      s = describe(stmt.as<ast::DescribeStmt>(), st);
      break;
    case ast::StmtKind::kDescribeFunction:
      s = describeFunction(stmt.as<ast::DescribeFunctionStmt>(), st);
      break;
    case ast::StmtKind::kExplain:
      s = explain(stmt.as<ast::ExplainStmt>(), st);
      break;
    case ast::StmtKind::kPrint:
      s = print(stmt.as<ast::PrintStmt>(), st);
      break;
    case ast::StmtKind::kTerminate:
      s = terminateStmt(stmt.as<ast::TerminateStmt>(), st);
      break;
    case ast::StmtKind::kDrop:
      s = drop(stmt.as<ast::DropStmt>(), st);
      break;
    case ast::StmtKind::kSetProperty: {
      const auto& set = stmt.as<ast::SetPropertyStmt>();
      if (set.name == "auto.offset.reset" && set.value != "earliest" && set.value != "latest") {
        s = Status::invalidArgument("auto.offset.reset must be 'earliest' or 'latest'");
        break;
      }
      properties_[set.name] = set.value;
      result.message =
          "Successfully changed local property '" + set.name + "' to '" + set.value + "'.";
      break;
    }
    case ast::StmtKind::kUnsetProperty: {
      const auto& unset = stmt.as<ast::UnsetPropertyStmt>();
      properties_.erase(unset.name);
      result.message = "Successfully unset local property '" + unset.name + "'.";
      break;
    }
    default:
      s = Status::notSupported(ast::toSql(stmt).substr(0, 40) +
                               "...: this statement is not supported yet");
  }
  if (s.isOk() && st.log && !replay) s = logCommand(st);
  result.status = s;
  if (replay && !replay->queryId.empty()) {
    // Keep numbering past replayed ids ("CSAS_X_7" -> 8).
    const std::size_t u = replay->queryId.rfind('_');
    if (u != std::string::npos) {
      try {
        nextQueryNumber_ = std::max(nextQueryNumber_, std::stoi(replay->queryId.substr(u + 1)) + 1);
      } catch (...) {
      }
    }
  }
  return result;
}

Status QueryManager::logCommand(ExecState& st) {
  Command c;
  c.sql = st.result.statement;
  c.queryId = st.queryId;
  c.properties = st.properties;
  return commands_.append(c).withContext("recording the statement in " + commands_.topic());
}

std::string QueryManager::nextQueryId(const std::string& prefix, const std::string& name) {
  std::string id =
      prefix + (name.empty() ? "" : "_" + name) + "_" + std::to_string(nextQueryNumber_++);
  for (auto& c : id)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') c = '_';
  return id;
}

client::OffsetReset QueryManager::offsetReset(
    const std::map<std::string, std::string>& properties) const {
  auto it = properties.find("auto.offset.reset");
  return it != properties.end() && it->second == "earliest" ? client::OffsetReset::kEarliest
                                                            : client::OffsetReset::kLatest;
}

void QueryManager::groupSettings(QueryRuntime::Config& config) const {
  config.applicationId = "_runnel-sql-" + options_.serviceId + "query_" + config.queryId;
  config.sessionTimeoutMs = options_.sessionTimeoutMs;
  config.heartbeatIntervalMs = options_.heartbeatIntervalMs;
  config.waitForAssignment = !options_.startThreads;
}

Status QueryManager::startQuery(std::unique_ptr<Running> running) {
  RUNNEL_RETURN_IF_ERROR(running->runtime->start());
  Running* raw = running.get();
  {
    MutexLock lock(mu_);
    queries_[running->info.id] = std::move(running);
  }
  if (options_.startThreads) raw->thread = std::thread([this, raw] { runThread(raw); });
  return Status::ok();
}

void QueryManager::runThread(Running* r) {
  Status end;
  r->rateSampleNs = clock_.monotonicNs();
  while (!r->stop) {
    auto n = r->runtime->pollOnce(std::chrono::milliseconds(options_.pollTimeoutMs));
    if (!n) {
      if (r->stop) break;
      end = n.status();
      {
        MutexLock lock(r->errorMu);
        r->error = end.message();
      }
      r->state = QueryState::kError;
      break;
    }
    const std::int64_t now = clock_.monotonicNs();
    if (now - r->rateSampleNs >= 1'000'000'000) {
      const std::int64_t count = r->runtime->stats().recordsIn;
      r->rate = static_cast<double>(count - r->rateSampleCount) * 1e9 /
                static_cast<double>(now - r->rateSampleNs);
      r->rateSampleNs = now;
      r->rateSampleCount = count;
    }
    if (r->runtime->finished()) {
      r->state = QueryState::kFinished;
      break;
    }
  }
  Status closed = r->runtime->close();
  if (end.isOk()) end = closed;
  r->ended = true;
  if (r->sink) r->sink->onEnd(end);
}

std::size_t QueryManager::pumpUntilIdle(int maxRounds) {
  std::size_t total = 0;
  for (int round = 0; round < maxRounds; ++round) {
    std::vector<Running*> running;
    {
      MutexLock lock(mu_);
      for (auto& [id, r] : queries_)
        if (r->state == QueryState::kRunning && !r->thread.joinable()) running.push_back(r.get());
    }
    std::size_t read = 0;
    for (Running* r : running) {
      auto n = r->runtime->pollOnce(std::chrono::milliseconds(0));
      if (!n) {
        r->state = QueryState::kError;
        MutexLock lock(r->errorMu);
        r->error = n.status().message();
        continue;
      }
      read += *n;
      if (r->runtime->finished()) {
        r->state = QueryState::kFinished;
        (void)r->runtime->close();
        r->ended = true;
        if (r->sink) r->sink->onEnd(Status::ok());
      }
    }
    total += read;
    if (read == 0) break;
  }
  return total;
}

Status QueryManager::checkpointAll() {
  MutexLock lock(mu_);
  for (auto& [id, r] : queries_)
    if (r->info.kind == QueryKind::kPersistent && r->state == QueryState::kRunning &&
        !r->thread.joinable())
      RUNNEL_RETURN_IF_ERROR(r->runtime->checkpoint());
  return Status::ok();
}

Status QueryManager::terminate(const std::string& queryId) {
  MutexLock exec(execMu_);
  return terminateLocked(queryId);
}

Status QueryManager::terminateLocked(const std::string& queryId) {
  std::unique_ptr<Running> r;
  {
    MutexLock lock(mu_);
    auto it = queries_.find(queryId);
    if (it == queries_.end()) return Status::notFound("no query with id " + queryId);
    r = std::move(it->second);
    queries_.erase(it);
  }
  r->stop = true;
  r->runtime->wakeup();
  if (r->thread.joinable()) {
    r->thread.join();
  } else if (!r->ended) {
    (void)r->runtime->close();
    if (r->sink) r->sink->onEnd(Status::ok());
  }
  if (r->info.kind == QueryKind::kPersistent) {
    if (!r->info.sinkName.empty()) {
      auto sink = catalog_.find(r->info.sinkName);
      if (sink && sink->ownerQuery == queryId) catalog_.setOwner(r->info.sinkName, std::nullopt);
    }
  }
  const auto& cfg = r->runtime->config();
  if (!cfg.statePath.empty()) (void)StateStore::destroy(cfg.statePath);
  for (const auto& t : cfg.plan.internalTopics)
    (void)cluster_.admin().deleteTopic(t.name);
  for (const auto& t : r->runtime->changelogTopics())
    (void)cluster_.admin().deleteTopic(t);
  return Status::ok();
}

std::vector<std::string> QueryManager::queriesReading(const std::string& source) const {
  MutexLock lock(mu_);
  std::vector<std::string> out;
  for (const auto& [id, r] : queries_)
    if (r->info.sourceName == source && r->info.kind == QueryKind::kPersistent) out.push_back(id);
  return out;
}

std::optional<QueryInfo> QueryManager::query(const std::string& queryId) const {
  for (auto& q : queries())
    if (q.id == queryId) return q;
  return std::nullopt;
}

std::vector<QueryInfo> QueryManager::queries() const {
  MutexLock lock(mu_);
  std::vector<QueryInfo> out;
  for (const auto& [id, r] : queries_) {
    QueryInfo info = r->info;
    info.state = r->state;
    info.stats = r->runtime->stats();
    if (info.kind == QueryKind::kPersistent) info.partitions = r->runtime->assignedPartitions();
    info.recordsPerSecond = r->rate;
    MutexLock errorLock(r->errorMu);
    info.error = r->error;
    out.push_back(std::move(info));
  }
  return out;
}

std::map<std::string, std::string> QueryManager::properties() const {
  MutexLock exec(execMu_);
  return properties_;
}

}  // namespace runnel::sql
