// QueryRuntime's scale-out half: the consumer group of a persistent query, its tasks and their
// changelogs. A task is one input partition of a stage (stage 0 reads the source and a joined
// source, which must be co-partitioned; stage 1 the repartition topic); the group's range
// assignor gives partition p of every co-partitioned topic to the same member.
#include <algorithm>

#include "engine/sql/execution/query_runtime.h"
#include "engine/sql/execution/state/changelog.h"

namespace runnel::sql {

using client::TopicPartition;

namespace {

// "\xff" "dedup/" task(4) input(1) partition(4): reserved for the aggregate (0xFF first byte).
std::string appliedKey(std::int32_t task, int input, std::int32_t partition) {
  std::string k =
      "\xff"
      "dedup/";
  for (std::uint32_t v : {static_cast<std::uint32_t>(task)})
    for (int i = 3; i >= 0; --i)
      k.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  k.push_back(static_cast<char>(input));
  for (int i = 3; i >= 0; --i)
    k.push_back(static_cast<char>((static_cast<std::uint32_t>(partition) >> (8 * i)) & 0xff));
  return k;
}

constexpr std::size_t kAppliedKeyPrefix = 7 + 4;  // "\xff" "dedup/" + task

}  // namespace

int QueryRuntime::stageOf(const std::string& topic) const {
  return config_.plan.repartitionTopic && topic == *config_.plan.repartitionTopic ? 1 : 0;
}

bool QueryRuntime::statefulStage(int stage) const {
  const BoundQuery& q = *config_.query;
  if (stage == 1) return true;  // the aggregation after a repartition
  return q.join || (q.aggregated && !config_.plan.repartitionTopic);
}

void QueryRuntime::reportFailure(const std::string& what, const Status& status) {
  context_.reportError(what + ": " + status.message());
  if (pendingFailure_.isOk()) pendingFailure_ = status.withContext(what);
}

Status QueryRuntime::startGrouped(const std::vector<std::string>& topics) {
  const BoundQuery& q = *config_.query;
  const std::string app =
      config_.applicationId.empty() ? "_runnel-sql-" + config_.queryId : config_.applicationId;
  RUNNEL_ASSIGN_OR_RETURN(auto described, cluster_.admin().describeTopics(topics));
  std::map<int, std::int32_t> stagePartitions;
  for (const auto& t : described) {
    const auto n = static_cast<std::int32_t>(t.partitions.size());
    auto [it, added] = stagePartitions.try_emplace(stageOf(t.name), n);
    if (!added && it->second != n)
      return Status::invalidArgument(
          "the inputs of " + config_.queryId + " are not co-partitioned: " + q.source.topic +
          " and " + t.name +
          " have different partition counts, so one process could not see "
          "both sides of a key");
  }
  for (const auto& [stage, partitions] : stagePartitions) {
    if (!statefulStage(stage)) continue;
    const std::string store =
        stage == 1 || !q.join ? "-Aggregate-Aggregate-Materialize" : "-Join-Store";
    changelogs_[stage] = app + store + "-changelog";
    RUNNEL_RETURN_IF_ERROR(ensureChangelogTopic(cluster_.admin(), changelogs_[stage], partitions));
  }

  client::ProducerConfig pc;
  pc.clientId = config_.queryId + "-changelog";
  pc.lingerMs = 60'000;  // never waited for: checkpoints flush
  // A checkpoint writes every changed key at once: with a few MiB in flight, appending waits for
  // the sender to free batches and reuses their memory, instead of buffering the whole
  // changelog in fresh pages (page faults cost more than the waiting on this path).
  pc.batchSize = 64 * 1024;
  pc.bufferMemory = 4 << 20;
  RUNNEL_ASSIGN_OR_RETURN(changelogProducer_, cluster_.createProducer(pc));

  client::ConsumerConfig cc;
  cc.clientId = config_.queryId;
  cc.groupId = app;
  cc.enableAutoCommit = false;
  cc.autoOffsetReset = config_.offsetReset;
  cc.sessionTimeoutMs = config_.sessionTimeoutMs;
  cc.heartbeatIntervalMs = config_.heartbeatIntervalMs;
  // Range hands partition p of every subscribed topic with the same partition count to the
  // same member: a task's co-partitioned inputs stay together. Eager: every rebalance revokes
  // (and checkpoints) first.
  cc.assignmentStrategies = {"range"};
  RUNNEL_ASSIGN_OR_RETURN(consumer_, cluster_.createConsumer(cc));
  RUNNEL_ASSIGN_OR_RETURN(store_, StateStore::open(""));
  store_->enableChangeTracking();
  RUNNEL_RETURN_IF_ERROR(buildPipelines());
  listener_ = std::make_unique<Listener>(*this);
  RUNNEL_RETURN_IF_ERROR(consumer_->subscribe(topics, listener_.get()));
  lastCheckpointNs_ = clock_.monotonicNs();
  started_ = true;
  if (config_.waitForAssignment) {
    const std::int64_t deadline =
        clock_.monotonicNs() + std::int64_t{config_.sessionTimeoutMs} * 1'000'000;
    while (!everAssigned_ && clock_.monotonicNs() < deadline) {
      RUNNEL_ASSIGN_OR_RETURN(auto records, consumer_->poll(std::chrono::milliseconds(20)));
      routeBatch(records);
      RUNNEL_RETURN_IF_ERROR(pendingFailure_);
    }
    // Rows written meanwhile leave now, as pollOnce() sends its own (the producer lingers).
    RUNNEL_RETURN_IF_ERROR(producer_->flush(std::chrono::seconds(30)));
  }
  return Status::ok();
}

bool QueryRuntime::acceptRepartitioned(const client::ConsumerRecord& record) {
  for (const auto& h : record.headers) {
    if (h.key != kRepartitionOriginHeader || !h.value) continue;
    auto origin = decodeOrigin(asChars(*h.value));
    if (!origin) return true;
    const std::int32_t task = StateStore::taskId(1, record.topicPartition.partition);
    auto& last = applied_[task][{origin->input, origin->partition}];
    if (!origin->after(last)) return false;  // written again after a crash or a rebalance
    last = *origin;
    appliedDirty_.insert(task);
    return true;
  }
  return true;
}

void QueryRuntime::onRevoked(const std::vector<TopicPartition>& partitions, bool lost) {
  if (!lost) {
    // Hand the partitions over with their state and offsets committed (eager protocol).
    if (Status s = checkpoint(); !s.isOk()) reportFailure("checkpointing before a rebalance", s);
  }
  for (const auto& tp : partitions)
    assigned_.erase(tp);
  if (lost) {
    // Someone else owns them now: whatever this process did since its last checkpoint is void.
    for (const auto& tp : partitions) {
      const std::int32_t task = StateStore::taskId(stageOf(tp.topic), tp.partition);
      if (!tasks_.erase(task)) continue;
      store_->dropTask(task);
      applied_.erase(task);
      marked_.erase(task);
    }
    (void)buildPipelines();
  }
  MutexLock lock(assignedMu_);
  assignedCopy_.assign(assigned_.begin(), assigned_.end());
}

void QueryRuntime::onAssigned(const std::vector<TopicPartition>& partitions) {
  everAssigned_ = true;
  for (const auto& tp : partitions)
    assigned_.insert(tp);
  {
    MutexLock lock(assignedMu_);
    assignedCopy_.assign(assigned_.begin(), assigned_.end());
  }
  std::set<std::int32_t> wanted;
  for (const auto& tp : assigned_) {
    const int stage = stageOf(tp.topic);
    if (statefulStage(stage)) wanted.insert(StateStore::taskId(stage, tp.partition));
  }
  bool changed = false;
  for (auto it = tasks_.begin(); it != tasks_.end();) {
    if (wanted.count(*it)) {
      ++it;
      continue;
    }
    store_->dropTask(*it);
    applied_.erase(*it);
    marked_.erase(*it);
    it = tasks_.erase(it);
    changed = true;
  }
  for (std::int32_t task : wanted) {
    if (tasks_.count(task)) {
      // Kept across the rebalance: resume where this process was (the marker says the same).
      for (const auto& [tp, next] : marked_[task])
        if (assigned_.count(tp)) (void)consumer_->seek(tp, next);
      continue;
    }
    if (Status s = restoreTask(task); !s.isOk()) {
      reportFailure(
          "restoring the state of partition " + std::to_string(StateStore::taskPartition(task)), s);
      return;
    }
    tasks_.insert(task);
    changed = true;
  }
  // Operators keep indexes of the store (stream times, open windows): rebuild them over it.
  if (changed) {
    if (Status s = buildPipelines(); !s.isOk()) reportFailure("rebuilding the pipeline", s);
  }
}

Status QueryRuntime::restoreTask(std::int32_t task) {
  const int stage = StateStore::taskStage(task);
  const std::int32_t partition = StateStore::taskPartition(task);
  const std::string& topic = changelogs_.at(stage);
  RUNNEL_ASSIGN_OR_RETURN(RestoredTask restored, sql::restoreTask(cluster_, topic, partition));
  const std::string prefix = appliedKey(task, 0, 0).substr(0, kAppliedKeyPrefix);
  auto& applied = applied_[task];
  for (auto& [k, v] : restored.entries) {
    if (k.starts_with(prefix) && k.size() == kAppliedKeyPrefix + 5) {
      if (auto o = decodeOrigin(v))
        applied[{static_cast<unsigned char>(k[kAppliedKeyPrefix]), o->partition}] = *o;
    }
    store_->restore(task, k, std::move(v));
  }
  if (!restored.unfinished.empty()) {
    // A checkpoint cut short left records after the last marker: overwrite them with the state
    // as of that marker, and mark again, so the next restore of this partition agrees.
    std::atomic<std::int64_t>* failures = &changelogFailures_;
    const client::SendCallback onAck = [failures](const auto& md) {
      if (!md.isOk()) failures->fetch_add(1);
    };
    for (const auto& k : restored.unfinished)
      appendChange(*changelogProducer_, topic, partition, k, store_->get(k), onAck);
    appendMarker(*changelogProducer_, topic, partition, restored.offsets, onAck);
    RUNNEL_RETURN_IF_ERROR(changelogProducer_->flush(std::chrono::seconds(30)));
    if (changelogFailures_.load() != 0)
      return Status::unavailable("could not repair changelog " + topic);
  }
  for (const auto& [tp, next] : restored.offsets)
    if (assigned_.count(tp)) RUNNEL_RETURN_IF_ERROR(consumer_->seek(tp, next));
  marked_[task] = std::move(restored.offsets);
  return Status::ok();
}

Status QueryRuntime::checkpointGrouped() {
  // 1. Sink and repartition records acknowledged: the state may now say it has produced them.
  RUNNEL_RETURN_IF_ERROR(producer_->flush(std::chrono::seconds(30)));
  if (aggregate_) {
    store_->setTask(StateStore::taskId(config_.plan.repartitionTopic ? 1 : 0, 0));
    aggregate_->expire();
  }
  for (std::int32_t task : appliedDirty_) {
    store_->setTask(task);
    for (const auto& [from, origin] : applied_[task])
      store_->put(appliedKey(task, from.first, from.second), encodeOrigin(origin));
  }
  appliedDirty_.clear();
  // 2. Each task's changes (sent from the store's entries, in no order across tasks: a task's
  // records all go to its own partition, where the producer keeps their order), then its
  // marker with the offsets they reflect.
  RUNNEL_ASSIGN_OR_RETURN(OffsetTable offsets, positions());
  std::atomic<std::int64_t>* failures = &changelogFailures_;
  const client::SendCallback onAck = [failures](const Result<client::RecordMetadata>& md) {
    if (!md.isOk()) failures->fetch_add(1);
  };
  std::set<std::int32_t> changed;
  // Changes come grouped by task in practice: look the task up only when it changes.
  std::int32_t lastTask = StateStore::kNoTask;
  const std::string* lastTopic = nullptr;
  store_->takeChanges([&](std::int32_t task, std::string_view key, const std::string* value) {
    if (task != lastTask || !lastTopic) {
      lastTask = task;
      lastTopic = nullptr;
      // A change of a task this process no longer holds is dropped, as its state was.
      if (!tasks_.count(task)) return;
      lastTopic = &changelogs_.at(StateStore::taskStage(task));
      changed.insert(task);
    }
    appendChange(*changelogProducer_, *lastTopic, StateStore::taskPartition(task), key, value,
                 onAck);
  });
  std::map<std::int32_t, OffsetTable> marking;
  for (std::int32_t task : tasks_) {
    OffsetTable mine = marked_[task];
    for (const auto& [tp, next] : offsets)
      if (StateStore::taskId(stageOf(tp.topic), tp.partition) == task) mine[tp] = next;
    if (!changed.count(task) && mine == marked_[task]) continue;
    appendMarker(*changelogProducer_, changelogs_.at(StateStore::taskStage(task)),
                 StateStore::taskPartition(task), mine, onAck);
    marking[task] = std::move(mine);
  }
  RUNNEL_RETURN_IF_ERROR(changelogProducer_->flush(std::chrono::seconds(30)));
  if (changelogFailures_.load() != 0)
    return Status::unavailable("writing the changelog of " + config_.queryId + " failed");
  for (auto& [task, mine] : marking)
    marked_[task] = std::move(mine);
  // 3. The group's offsets: what stateless stages resume from, and lag for the studio. A
  // failure (a rebalance under way) only means re-reading: stateful tasks resume from their
  // markers and stage 1 skips repartition records it has applied.
  client::OffsetMap commits;
  for (const auto& [tp, next] : offsets)
    commits[tp] = {next, "", -1};
  if (!commits.empty()) (void)consumer_->commitSync(commits);
  lastCheckpointNs_ = clock_.monotonicNs();
  return Status::ok();
}

}  // namespace runnel::sql
