// QueryRuntime: one running query — its consumer, its producer, its operator pipelines built from
// the physical plan, and its state store. pollOnce() consumes one batch and pushes it through.
// A push query is assigned every partition of its inputs. A persistent query scales out as Kafka
// Streams does: its consumer subscribes to its inputs (the source, a joined source, the internal
// repartition topic) in the group `applicationId`, so every process running the query shares the
// partitions; each task (a stage's input partition) keeps its state in the store and in a
// compacted changelog topic, restored when the group assigns the partition and dropped when it is
// taken away. checkpoint() flushes the sink and repartition writes, appends each task's changes and
// the input offsets they reflect to the changelog, then commits the offsets to the group (see the
// README: "State, restarts and scale-out"). The QueryManager drives a runtime from a thread of its
// own, or synchronously in tests (pumpUntilIdle).
// Thread-safety: start/pollOnce/checkpoint/close on one thread at a time; stats() and wakeup()
// from any thread.
// Lifetime: the cluster client, clock and result sink must outlive the runtime.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/client/cluster_client.h"
#include "engine/common/clock.h"
#include "engine/common/thread_annotations.h"
#include "engine/sql/binder/bound_query.h"
#include "engine/sql/execution/exec_context.h"
#include "engine/sql/execution/operators/aggregate_operator.h"
#include "engine/sql/execution/operators/source_operator.h"
#include "engine/sql/execution/repartition_origin.h"
#include "engine/sql/execution/result_sink.h"
#include "engine/sql/execution/window_trace.h"
#include "engine/sql/planner/physical_plan.h"

namespace runnel::sql {

struct QueryStats {
  std::int64_t recordsIn = 0;
  std::int64_t recordsOut = 0;
  std::int64_t skipped = 0;
  std::int64_t late = 0;
  std::int64_t produceErrors = 0;
  std::vector<std::string> errors;  // most recent last
};

class QueryRuntime {
 public:
  struct Config {
    std::string queryId;
    std::shared_ptr<const BoundQuery> query;
    PhysicalPlan plan;
    std::optional<SourceInfo> sink;  // persistent queries
    ResultSink* result = nullptr;    // push queries
    std::string statePath;           // "" keeps state in memory
    bool persistent = false;
    client::OffsetReset offsetReset = client::OffsetReset::kLatest;
    std::int64_t commitIntervalMs = 2000;
    // Persistent queries: the consumer group, and the prefix of the changelog topics
    // ("_runnel-sql-<service id>query_<query id>", as ksqlDB's _confluent-ksql-...).
    std::string applicationId;
    std::int32_t sessionTimeoutMs = 10000;
    std::int32_t heartbeatIntervalMs = 1000;
    // start() waits (bounded) for the group's first assignment: unthreaded, deterministic runs.
    bool waitForAssignment = false;
  };

  QueryRuntime(client::ClusterClient& cluster, Clock& clock, Config config);
  ~QueryRuntime();
  QueryRuntime(const QueryRuntime&) = delete;
  QueryRuntime& operator=(const QueryRuntime&) = delete;

  Status start();
  // Consumes what is available (waiting up to `timeout`), returns how many records it read.
  Result<std::size_t> pollOnce(std::chrono::milliseconds timeout);
  Status checkpoint();
  // Checkpoints (persistent queries), then closes the consumer and producer.
  Status close();
  bool finished() const { return context_.finished(); }
  void wakeup();

  QueryStats stats() const;
  const Config& config() const { return config_; }
  // Persistent queries: the input partitions this process holds now (any thread).
  std::vector<client::TopicPartition> assignedPartitions() const;
  // The changelog topics (one per stage that keeps state), known after start().
  std::vector<std::string> changelogTopics() const;
  // Any thread: the trace of this query's windowed aggregation, made on the first call (and
  // from then on recorded by the query's thread); null when the query has no window.
  std::shared_ptr<WindowTrace> windowTrace();

 private:
  // Forwards the group's assignment changes (inside consumer_->poll()) to onRevoked/onAssigned.
  class Listener final : public client::RebalanceListener {
   public:
    explicit Listener(QueryRuntime& runtime) : runtime_(runtime) {}
    void onPartitionsRevoked(const std::vector<client::TopicPartition>& partitions) override {
      runtime_.onRevoked(partitions, false);
    }
    void onPartitionsLost(const std::vector<client::TopicPartition>& partitions) override {
      runtime_.onRevoked(partitions, true);
    }
    void onPartitionsAssigned(const std::vector<client::TopicPartition>& partitions) override {
      runtime_.onAssigned(partitions);
    }

   private:
    QueryRuntime& runtime_;
  };

  Status buildPipelines();
  void route(const client::ConsumerRecord& record);
  void routeBatch(const std::vector<client::ConsumerRecord>& records);
  Result<OffsetTable> positions();
  // query_runtime_tasks.cpp: the consumer group, tasks and changelogs.
  Status startGrouped(const std::vector<std::string>& topics);
  int stageOf(const std::string& topic) const;
  bool statefulStage(int stage) const;
  bool acceptRepartitioned(const client::ConsumerRecord& record);
  void onRevoked(const std::vector<client::TopicPartition>& partitions, bool lost);
  void onAssigned(const std::vector<client::TopicPartition>& partitions);
  Status restoreTask(std::int32_t task);
  Status checkpointGrouped();
  void reportFailure(const std::string& what, const Status& status);

  client::ClusterClient& cluster_;
  Clock& clock_;
  Config config_;
  ExecContext context_;
  // Changelog records not acknowledged. Declared before the producers, so it outlives every
  // callback; the callbacks hold a plain pointer to it, which std::function stores without an
  // allocation (one callback per changelog record).
  std::atomic<std::int64_t> changelogFailures_{0};
  std::unique_ptr<client::Producer> producer_;
  // Persistent queries: the changelog writes. Every use ends in a flush, so it lingers as long
  // as it likes and fills whole batches (the sink's producer sends at once instead).
  std::unique_ptr<client::Producer> changelogProducer_;
  std::unique_ptr<client::Consumer> consumer_;
  std::unique_ptr<StateStore> store_;
  std::vector<std::unique_ptr<Operator>> operators_;
  SourceOperator* source_ = nullptr;             // stage 0
  SourceOperator* repartitionSource_ = nullptr;  // stage 1, when repartitioning
  SourceOperator* rightSource_ = nullptr;        // the joined source
  AggregateOperator* aggregate_ = nullptr;
  std::vector<client::TopicPartition> sourcePartitions_;
  std::vector<client::TopicPartition> repartitionPartitions_;
  std::int64_t lastCheckpointNs_ = 0;
  bool started_ = false;
  bool closed_ = false;

  // Persistent queries (query thread, except assignedMu_'s copy).
  std::unique_ptr<Listener> listener_;
  std::set<client::TopicPartition> assigned_;
  mutable Mutex assignedMu_;
  std::vector<client::TopicPartition> assignedCopy_ GUARDED_BY(assignedMu_);
  bool everAssigned_ = false;
  std::set<std::int32_t> tasks_;                // stateful tasks whose state is loaded
  std::map<int, std::string> changelogs_;       // stage -> changelog topic
  std::map<std::int32_t, OffsetTable> marked_;  // task -> offsets in its last marker
  // Stage 1: per task, the last origin applied per (input, partition) (repartition_origin.h).
  std::map<std::int32_t, std::map<std::pair<int, std::int32_t>, RepartitionOrigin>> applied_;
  std::set<std::int32_t> appliedDirty_;
  Status pendingFailure_;  // from a rebalance callback, returned by the next pollOnce()

  mutable Mutex traceMu_;
  std::shared_ptr<WindowTrace> trace_ GUARDED_BY(traceMu_);
};

}  // namespace runnel::sql
