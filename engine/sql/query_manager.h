// QueryManager: the SQL engine's front door. It runs statements — DDL (CREATE STREAM|TABLE,
// DROP), persistent queries (CREATE ... AS SELECT, INSERT INTO ... SELECT), INSERT INTO ...
// VALUES, push queries (results to a ResultSink), pull queries on tables, SHOW/LIST,
// DESCRIBE [EXTENDED], DESCRIBE FUNCTION, EXPLAIN, PRINT, TERMINATE, SET/UNSET — against one
// cluster, through client/ only.
// It owns the catalog and the running queries, logs every catalog or query change in the command
// topic and replays it at start(), so a restarted engine has the same streams, tables and
// queries, which resume from their state stores.
// runnel-sql uses runScript(): every statement's printable StatementResult, in order.
// Threads: with EngineOptions::startThreads each query runs on its own thread; without, nothing
// runs until pumpUntilIdle() drives every query synchronously (deterministic tests).
// Thread-safety: every public method may be called from any thread; statements are serialized.
// Lifetime: the cluster client and clock must outlive the manager; destroying it stops every
// query (checkpointing persistent ones).
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "engine/client/cluster_client.h"
#include "engine/common/clock.h"
#include "engine/common/thread_annotations.h"
#include "engine/sql/catalog/catalog.h"
#include "engine/sql/catalog/command_log.h"
#include "engine/sql/execution/query_runtime.h"
#include "engine/sql/execution/result_sink.h"
#include "engine/sql/parser/ast/ast.h"
#include "engine/sql/statement_result.h"

namespace runnel::sql {

struct EngineOptions {
  // Persistent queries keep their state in changelog topics (they move between processes);
  // shown by SHOW PROPERTIES, kept for callers that set it.
  std::string stateDir;
  bool startThreads = true;
  std::string commandTopic = kDefaultCommandTopic;
  // Engines with the same service id on one cluster are one service, as ksqlDB's
  // ksql.service.id: they share the command topic's queries, and each persistent query's
  // partitions through the group "_runnel-sql-<serviceId>query_<query id>".
  std::string serviceId = "default_";
  // With startThreads: run the statements other engines of the service append to the command
  // topic while this one runs (CREATE/DROP/TERMINATE), as every ksqlDB server does.
  bool followCommands = true;
  std::int32_t sessionTimeoutMs = 10000;  // persistent queries' group session
  std::int32_t heartbeatIntervalMs = 1000;
  std::int64_t commitIntervalMs = 2000;  // how often persistent queries checkpoint
  std::int32_t pollTimeoutMs = 100;
};

enum class QueryKind : unsigned char { kPersistent, kPush };
enum class QueryState : unsigned char { kRunning, kFinished, kError, kTerminated };

struct QueryInfo {
  std::string id;
  QueryKind kind = QueryKind::kPersistent;
  QueryState state = QueryState::kRunning;
  std::string sql;
  std::string sinkName;  // persistent queries
  std::string sinkTopic;
  std::string sourceName;
  std::string error;
  QueryStats stats;
  double recordsPerSecond = 0;  // input rate over the last few seconds (threaded mode)
  // Persistent queries: the input partitions this engine holds in the query's group now (the
  // other engines of the service hold the rest).
  std::vector<client::TopicPartition> partitions;
};

std::string_view queryStateName(QueryState state);

class QueryManager {
 public:
  QueryManager(client::ClusterClient& cluster, Clock& clock, EngineOptions options = {});
  ~QueryManager();
  QueryManager(const QueryManager&) = delete;
  QueryManager& operator=(const QueryManager&) = delete;

  // Creates the command topic if needed and replays it. Errors in single commands become
  // notices (the rest still replays); the Status fails only when the topic cannot be read.
  Status start(std::vector<std::string>* notices = nullptr);
  // Stops every query (checkpointing persistent ones). Also done by the destructor.
  void stop();

  // Parses and runs every statement of `text`. Syntax errors are reported per statement (with
  // caret); after a failing statement the rest still run, as ksqlDB's RUN SCRIPT does not —
  // callers that want to stop check ok(). Push queries deliver to `sink` (required for them).
  std::vector<StatementResult> runScript(std::string_view text, ResultSink* sink = nullptr);
  // One statement; `text` is the text it was parsed from (for errors and the command log).
  StatementResult execute(const ast::Statement& statement, std::string_view text,
                          ResultSink* sink = nullptr);

  // Drives every query until none reads anything (tests; startThreads = false). Returns how many
  // records were read in total.
  std::size_t pumpUntilIdle(int maxRounds = 10000);
  // Checkpoints every persistent query now (tests; otherwise every commitIntervalMs).
  Status checkpointAll();

  Status terminate(const std::string& queryId);
  std::vector<QueryInfo> queries() const;
  std::optional<QueryInfo> query(const std::string& queryId) const;
  // Watching a windowed query (the studio's Windows view): its WindowTrace, recording from now
  // on. Fails when there is no such query or it has no window.
  Result<std::shared_ptr<WindowTrace>> observeWindows(const std::string& queryId);
  // A running query's physical plan (what EXPLAIN <id> prints), with its changelog topics.
  Result<PhysicalPlan> plan(const std::string& queryId) const;
  const Catalog& catalog() const { return catalog_; }
  std::map<std::string, std::string> properties() const;

 private:
  struct Running;
  struct ExecState;

  StatementResult executeLocked(const ast::Statement& statement, std::string_view text,
                                ResultSink* sink, const Command* replay) REQUIRES(execMu_);
  // statement kinds (query_manager_*.cpp)
  Status createSource(const ast::CreateSourceStmt& stmt, ExecState& st) REQUIRES(execMu_);
  Status createAsSelect(const ast::CreateAsSelectStmt& stmt, ExecState& st) REQUIRES(execMu_);
  Status insertInto(const ast::InsertIntoStmt& stmt, ExecState& st) REQUIRES(execMu_);
  Status insertValues(const ast::InsertValuesStmt& stmt, ExecState& st) REQUIRES(execMu_);
  Status pushQuery(const ast::QueryStmt& stmt, ExecState& st) REQUIRES(execMu_);
  Status pullQuery(const ast::QueryStmt& stmt, ExecState& st) REQUIRES(execMu_);
  Status drop(const ast::DropStmt& stmt, ExecState& st) REQUIRES(execMu_);
  Status list(const ast::ListStmt& stmt, ExecState& st) REQUIRES(execMu_);
  Status describe(const ast::DescribeStmt& stmt, ExecState& st) REQUIRES(execMu_);
  Status describeFunction(const ast::DescribeFunctionStmt& stmt, ExecState& st) REQUIRES(execMu_);
  Status explain(const ast::ExplainStmt& stmt, ExecState& st) REQUIRES(execMu_);
  Status print(const ast::PrintStmt& stmt, ExecState& st) REQUIRES(execMu_);
  Status terminateStmt(const ast::TerminateStmt& stmt, ExecState& st) REQUIRES(execMu_);

  Status startQuery(std::unique_ptr<Running> running) REQUIRES(execMu_);
  Status terminateLocked(const std::string& queryId) REQUIRES(execMu_);
  Status logCommand(ExecState& st) REQUIRES(execMu_);
  std::string nextQueryId(const std::string& prefix, const std::string& name) REQUIRES(execMu_);
  std::vector<std::string> queriesReading(const std::string& source) const;
  void runThread(Running* running);
  void followCommands(std::int64_t from);
  client::OffsetReset offsetReset(const std::map<std::string, std::string>& properties) const;
  // A persistent query's group, internal topic prefix and membership settings.
  void groupSettings(QueryRuntime::Config& config) const;

  client::ClusterClient& cluster_;
  Clock& clock_;
  const EngineOptions options_;
  Catalog catalog_;
  CommandLog commands_;

  mutable Mutex execMu_ ACQUIRED_BEFORE(mu_);  // one statement at a time
  int nextQueryNumber_ GUARDED_BY(execMu_) = 1;
  bool replaying_ GUARDED_BY(execMu_) = false;
  std::map<std::string, std::string> properties_ GUARDED_BY(execMu_);

  mutable Mutex mu_;
  std::map<std::string, std::unique_ptr<Running>> queries_ GUARDED_BY(mu_);

  std::thread follower_;  // followCommands(), when options_.followCommands
  std::atomic<bool> stopFollowing_{false};
};

}  // namespace runnel::sql
