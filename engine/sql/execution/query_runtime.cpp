#include "engine/sql/execution/query_runtime.h"

#include <map>

#include "engine/sql/binder/columns_read.h"
#include "engine/sql/execution/operators/filter_operator.h"
#include "engine/sql/execution/operators/join_operator.h"
#include "engine/sql/execution/operators/limit_operator.h"
#include "engine/sql/execution/operators/project_operator.h"
#include "engine/sql/execution/operators/repartition_operator.h"
#include "engine/sql/execution/operators/result_operator.h"
#include "engine/sql/execution/operators/sink_operator.h"

namespace runnel::sql {

using client::TopicPartition;

namespace {

// A join consumes its inputs in event-time order, as Kafka Streams picks the partition whose
// next record is oldest; within a partition the offset order stays.
std::vector<const client::ConsumerRecord*> byEventTime(
    const std::vector<client::ConsumerRecord>& records) {
  std::map<TopicPartition, std::vector<const client::ConsumerRecord*>> queues;
  for (const auto& r : records)
    queues[r.topicPartition].push_back(&r);
  std::map<TopicPartition, std::size_t> heads;
  std::vector<const client::ConsumerRecord*> out;
  out.reserve(records.size());
  while (out.size() < records.size()) {
    const client::ConsumerRecord* best = nullptr;
    for (const auto& [tp, q] : queues) {
      const std::size_t h = heads[tp];
      if (h < q.size() && (!best || q[h]->timestampMs < best->timestampMs)) best = q[h];
    }
    out.push_back(best);
    ++heads[best->topicPartition];
  }
  return out;
}

}  // namespace

QueryRuntime::QueryRuntime(client::ClusterClient& cluster, Clock& clock, Config config)
    : cluster_(cluster), clock_(clock), config_(std::move(config)) {}

QueryRuntime::~QueryRuntime() {
  (void)close();
}

Status QueryRuntime::buildPipelines() {
  const BoundQuery& q = *config_.query;
  operators_.clear();  // a rebalance rebuilds the operators over the store's new contents
  source_ = repartitionSource_ = rightSource_ = nullptr;
  aggregate_ = nullptr;
  auto add = [&](std::unique_ptr<Operator> op) {
    Operator* raw = op.get();
    if (!operators_.empty() && operators_.back().get() != raw) operators_.back()->setNext(raw);
    operators_.push_back(std::move(op));
    return raw;
  };
  auto sourceOp = std::make_unique<SourceOperator>(q.source, context_, columnsRead(q));
  source_ = sourceOp.get();
  add(std::move(sourceOp));
  bool tableRows = q.source.isTable();
  if (q.join) {
    auto join =
        std::make_unique<JoinOperator>(*q.join, q.source.schema.columns.size(), *store_, context_);
    auto right = std::make_unique<SourceOperator>(q.join->right, context_);
    right->setNext(join->rightInput());
    rightSource_ = right.get();
    add(std::move(join));
    operators_.insert(operators_.begin(), std::move(right));  // not in the left chain
    tableRows = q.join->kind == JoinKind::kTableTable;
  }
  if (q.where) add(std::make_unique<FilterOperator>(q.where, tableRows));
  if (q.aggregated) {
    if (config_.plan.repartitionTopic) {
      SourceInfo internal =
          repartitionSource(*config_.plan.repartitionTopic, q.source.schema, q.aggregation.groupBy);
      add(std::make_unique<RepartitionOperator>(internal, q.aggregation.groupBy, *producer_,
                                                context_));
      auto second = std::make_unique<SourceOperator>(internal, context_);
      repartitionSource_ = second.get();
      operators_.push_back(
          std::move(second));  // starts stage 1: not linked to the repartition sink
    }
    auto agg = std::make_unique<AggregateOperator>(q, *store_, context_);
    aggregate_ = agg.get();
    add(std::move(agg));
    if (q.having) add(std::make_unique<FilterOperator>(q.having, true));
  }
  add(std::make_unique<ProjectOperator>(q.projection));
  if (q.limit) add(std::make_unique<LimitOperator>(*q.limit, context_));
  if (config_.sink) {
    std::vector<int> slots;
    for (const auto& c : config_.sink->schema.columns)
      slots.push_back(q.output.indexOf(c.name));
    add(std::make_unique<SinkOperator>(*config_.sink, slots, *producer_, context_));
  } else if (config_.result) {
    add(std::make_unique<ResultOperator>(*config_.result, context_));
  }
  return Status::ok();
}

Status QueryRuntime::start() {
  const BoundQuery& q = *config_.query;
  client::ProducerConfig pc;
  pc.clientId = config_.queryId;
  // Never waited for: every poll that wrote something ends in a flush (pollOnce), so rows
  // leave in one batch per poll instead of waking the sender for each row, and a test's manual
  // clock still sees them once pollOnce returns.
  pc.lingerMs = 60'000;
  RUNNEL_ASSIGN_OR_RETURN(producer_, cluster_.createProducer(pc));

  std::vector<std::string> topics = {q.source.topic};
  if (q.join) topics.push_back(q.join->right.topic);
  if (config_.plan.repartitionTopic) {
    for (const auto& t : config_.plan.internalTopics) {
      if (t.name != *config_.plan.repartitionTopic) continue;
      Status s = cluster_.admin().createTopic(
          {t.name, t.partitions, -1, {{"cleanup.policy", "delete"}}, {}});
      if (!s.isOk() && !s.isAlreadyExists()) return s.withContext("creating " + t.name);
    }
    topics.push_back(*config_.plan.repartitionTopic);
  }
  if (config_.persistent) return startGrouped(topics);

  client::ConsumerConfig cc;
  cc.clientId = config_.queryId;
  cc.enableAutoCommit = false;
  cc.autoOffsetReset = config_.offsetReset;
  RUNNEL_ASSIGN_OR_RETURN(consumer_, cluster_.createConsumer(cc));
  RUNNEL_ASSIGN_OR_RETURN(auto described, cluster_.admin().describeTopics(topics));
  for (const auto& t : described) {
    for (const auto& p : t.partitions) {
      TopicPartition tp{t.name, p.partition};
      const bool internal =
          config_.plan.repartitionTopic && t.name == *config_.plan.repartitionTopic;
      (internal ? repartitionPartitions_ : sourcePartitions_).push_back(tp);
    }
  }
  RUNNEL_ASSIGN_OR_RETURN(store_, StateStore::open(""));
  RUNNEL_RETURN_IF_ERROR(buildPipelines());

  std::vector<TopicPartition> all = sourcePartitions_;
  all.insert(all.end(), repartitionPartitions_.begin(), repartitionPartitions_.end());
  RUNNEL_RETURN_IF_ERROR(consumer_->assign(all));
  if (!repartitionPartitions_.empty())
    RUNNEL_RETURN_IF_ERROR(consumer_->seekToBeginning(repartitionPartitions_));
  if (config_.result) {
    config_.result->onStart(config_.queryId, q.output, q.outputType == SourceType::kTable,
                            q.outputWindow);
  }
  lastCheckpointNs_ = clock_.monotonicNs();
  started_ = true;
  return Status::ok();
}

void QueryRuntime::route(const client::ConsumerRecord& record) {
  const std::string& topic = record.topicPartition.topic;
  const std::int32_t partition = record.topicPartition.partition;
  if (topic == config_.query->source.topic) {
    store_->setTask(StateStore::taskId(0, partition));
    context_.setOrigin(0, partition, record.offset);
    source_->consume(record);
  } else if (rightSource_ && topic == config_.query->join->right.topic) {
    store_->setTask(StateStore::taskId(0, partition));
    context_.setOrigin(1, partition, record.offset);
    rightSource_->consume(record);
  } else if (repartitionSource_ && config_.plan.repartitionTopic &&
             topic == *config_.plan.repartitionTopic) {
    store_->setTask(StateStore::taskId(1, partition));
    if (config_.persistent && !acceptRepartitioned(record)) return;
    repartitionSource_->consume(record);
  }
}

void QueryRuntime::routeBatch(const std::vector<client::ConsumerRecord>& records) {
  if (config_.query->join) {
    for (const auto* r : byEventTime(records)) {
      route(*r);
      if (context_.finished()) break;
    }
  } else {
    for (const auto& r : records) {
      route(r);
      if (context_.finished()) break;
    }
  }
}

Result<std::size_t> QueryRuntime::pollOnce(std::chrono::milliseconds timeout) {
  if (!started_ || closed_) return Status::aborted("query " + config_.queryId + " is not running");
  if (context_.finished()) return std::size_t{0};
  RUNNEL_ASSIGN_OR_RETURN(auto records, consumer_->poll(timeout));
  if (!pendingFailure_.isOk()) return pendingFailure_;
  const std::int64_t outBefore = context_.counters().recordsOut.load(std::memory_order_relaxed);
  routeBatch(records);
  const bool wrote = config_.plan.repartitionTopic ||
                     context_.counters().recordsOut.load(std::memory_order_relaxed) != outBefore;
  if (!records.empty() && wrote) RUNNEL_RETURN_IF_ERROR(producer_->flush(std::chrono::seconds(30)));
  if (config_.persistent &&
      clock_.monotonicNs() - lastCheckpointNs_ >= config_.commitIntervalMs * 1'000'000)
    RUNNEL_RETURN_IF_ERROR(checkpoint());
  return records.size();
}

Result<OffsetTable> QueryRuntime::positions() {
  OffsetTable out;
  for (const auto& tp : assigned_) {
    // No position yet (its committed offset not fetched): the caller keeps the last known one.
    if (auto pos = consumer_->position(tp)) out[tp] = *pos;
  }
  return out;
}

Status QueryRuntime::checkpoint() {
  if (!started_ || closed_) return Status::ok();
  if (config_.persistent) return checkpointGrouped();
  return producer_->flush(std::chrono::seconds(30));
}

Status QueryRuntime::close() {
  if (closed_ || !started_) {
    closed_ = true;
    return Status::ok();
  }
  Status s = config_.persistent ? checkpoint() : Status::ok();
  closed_ = true;
  if (consumer_) (void)consumer_->close();
  if (producer_) (void)producer_->close(std::chrono::seconds(5));
  if (changelogProducer_) (void)changelogProducer_->close(std::chrono::seconds(5));
  consumer_.reset();
  producer_.reset();
  changelogProducer_.reset();
  return s;
}

void QueryRuntime::wakeup() {
  if (consumer_) consumer_->wakeup();
}

std::vector<TopicPartition> QueryRuntime::assignedPartitions() const {
  MutexLock lock(assignedMu_);
  return assignedCopy_;
}

std::vector<std::string> QueryRuntime::changelogTopics() const {
  std::vector<std::string> out;
  for (const auto& [stage, topic] : changelogs_)
    out.push_back(topic);
  return out;
}

std::shared_ptr<WindowTrace> QueryRuntime::windowTrace() {
  const BoundQuery& q = *config_.query;
  if (!q.aggregated || !q.window) return nullptr;
  MutexLock lock(traceMu_);
  if (!trace_) {
    WindowTraceSpec spec;
    spec.kind = q.window->kind;
    spec.sizeMs = q.window->sizeMs;
    spec.advanceMs = q.window->advanceMs;
    spec.graceMs = q.window->graceMs;
    spec.emitFinal = q.emitMode == ast::EmitMode::kFinal;
    trace_ = std::make_shared<WindowTrace>(spec);
    context_.setWindowTrace(trace_.get());
  }
  return trace_;
}

QueryStats QueryRuntime::stats() const {
  QueryStats s;
  const auto& c = context_.counters();
  s.recordsIn = c.recordsIn.load();
  s.recordsOut = c.recordsOut.load();
  s.skipped = c.skipped.load();
  s.late = c.late.load();
  s.produceErrors = c.produceErrors.load();
  s.errors = context_.errors();
  return s;
}

}  // namespace runnel::sql
