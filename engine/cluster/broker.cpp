// Broker: lifecycle, controller pushes, produce, housekeeping. Fetch, ListOffsets and
// DeleteRecords are in broker_fetch.cpp.
#include "engine/cluster/broker.h"

#include <chrono>
#include <set>
#include <thread>

#include "engine/common/logging.h"

namespace runnel::cluster {
namespace {

constexpr const char* kPartitionMetadataFile = "partition.metadata";

}  // namespace

Broker::CallGuard::CallGuard(Broker& b) : broker_(b) {
  broker_.activeCalls_.fetch_add(1, std::memory_order_acq_rel);
  admitted_ = broker_.alive();
}

Broker::CallGuard::~CallGuard() {
  broker_.activeCalls_.fetch_sub(1, std::memory_order_acq_rel);
}

Broker::Broker(std::int32_t id, BrokerContext context)
    : id_(id),
      config_(*context.config),
      env_(*context.env),
      clock_(*context.clock),
      transport_(*context.transport),
      controller_(*context.controller),
      events_(*context.events),
      dir_(joinPath(context.config->dataDir, "broker-" + std::to_string(id))),
      fetcher_(id, *context.config, *context.transport, *context.clock) {}

Broker::~Broker() {
  MutexLock lock(lifecycleMu_);
  if (alive()) stopLocked(/*clean=*/false);
}

int Broker::port() const {
  if (int bound = listenerPort_.load(std::memory_order_acquire)) return bound;
  return config_.basePort == 0 ? 0 : config_.basePort + id_ - 1;
}

ApiError Broker::downError() const {
  return {ErrorCode::kNotLeaderOrFollower, "broker " + std::to_string(id_) + " is down"};
}

ApiError Broker::missingReplicaError(const TopicPartition& tp) const {
  if (controller_.partitionExists(tp)) {
    return {ErrorCode::kNotLeaderOrFollower,
            "broker " + std::to_string(id_) + " does not host " + tp.toString()};
  }
  return {ErrorCode::kUnknownTopicOrPartition,
          "no partition " + std::to_string(tp.partition) + " of topic '" + tp.topic + "'"};
}

std::shared_ptr<PartitionReplica> Broker::replica(const TopicPartition& tp) const {
  MutexLock lock(mapMu_);
  auto it = replicas_.find(tp);
  return it == replicas_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<PartitionReplica>> Broker::allReplicas() const {
  MutexLock lock(mapMu_);
  std::vector<std::shared_ptr<PartitionReplica>> out;
  out.reserve(replicas_.size());
  for (const auto& [tp, r] : replicas_)
    out.push_back(r);
  return out;
}

// ---- lifecycle ------------------------------------------------------------------------------

Result<std::shared_ptr<PartitionReplica>> Broker::openReplica(const ReplicaAssignment& a) {
  const TopicPartition tp{a.state.topic, a.state.partition};
  const std::string dir = joinPath(dir_, tp.toString());
  const std::string metaPath = joinPath(dir, kPartitionMetadataFile);
  const std::string idText = a.topicId.toString();
  // A directory left by an older topic of the same name (deleted while this broker was down)
  // must not be mistaken for this one's data.
  if (env_.fileExists(metaPath)) {
    auto stored = readFileFully(env_, metaPath);
    if (!stored.isOk() || std::string(stored->begin(), stored->end()) != idText) {
      logger().warn("broker {}: {} belongs to an older topic of the same name; deleting it", id_,
                    dir);
      RUNNEL_RETURN_IF_ERROR(deleteDirRecursively(env_, dir));
    }
  }
  RUNNEL_RETURN_IF_ERROR(env_.createDir(dir));
  if (!env_.fileExists(metaPath)) {
    RUNNEL_RETURN_IF_ERROR(writeFileAtomically(
        env_, metaPath,
        ByteView(reinterpret_cast<const std::uint8_t*>(idText.data()), idText.size())));
  }
  PartitionReplica::Options o;
  o.env = &env_;
  o.clock = &clock_;
  o.dir = dir;
  o.tp = tp;
  o.topicId = a.topicId;
  o.settings = a.settings;
  o.host = this;
  return PartitionReplica::open(std::move(o));
}

Status Broker::removeStrayDirs(const std::vector<ReplicaAssignment>& hosted) {
  std::set<std::string> keep;
  for (const auto& a : hosted)
    keep.insert(TopicPartition{a.state.topic, a.state.partition}.toString());
  auto entries = env_.listDir(dir_);
  if (!entries.isOk()) return entries.status();
  for (const std::string& name : *entries) {
    if (keep.count(name)) continue;
    const std::string path = joinPath(dir_, name);
    if (!env_.fileExists(joinPath(path, kPartitionMetadataFile)))
      continue;  // not a partition directory
    logger().info("broker {}: deleting {} (the partition is no longer hosted here)", id_, path);
    RUNNEL_RETURN_IF_ERROR(deleteDirRecursively(env_, path));
  }
  return Status::ok();
}

Status Broker::start(const std::vector<ReplicaAssignment>& hosted) {
  MutexLock lock(lifecycleMu_);
  if (alive()) return Status::ok();
  RUNNEL_RETURN_IF_ERROR(env_.createDir(dir_));
  RUNNEL_RETURN_IF_ERROR(removeStrayDirs(hosted));
  std::unordered_map<TopicPartition, std::shared_ptr<PartitionReplica>, TopicPartitionHash> opened;
  for (const auto& a : hosted) {
    RUNNEL_ASSIGN_OR_RETURN(auto r, openReplica(a));
    opened[r->tp()] = std::move(r);
  }
  {
    MutexLock mapLock(mapMu_);
    replicas_ = std::move(opened);
  }
  timer_ = std::make_unique<Timer>(clock_, "broker-" + std::to_string(id_));
  liveTimer_.store(timer_.get(), std::memory_order_release);
  lastRetentionMs_ = clock_.nowMs();
  lastRateNs_ = clock_.monotonicNs();
  lastBytesIn_ = bytesIn_.load();
  lastBytesOut_ = bytesOut_.load();
  timer_->scheduleEvery(config_.housekeepingIntervalMs, [this] { housekeeping(); });
  fetcher_.start();
  alive_.store(true, std::memory_order_release);
  transport_.registerEndpoint(id_, this);
  return Status::ok();
}

void Broker::kill() {
  {
    MutexLock lock(lifecycleMu_);
    if (alive()) stopLocked(/*clean=*/false);
  }
  releaseHeld();
}

Status Broker::shutdown() {
  {
    MutexLock lock(lifecycleMu_);
    if (alive()) stopLocked(/*clean=*/true);
  }
  releaseHeld();
  return Status::ok();
}

void Broker::pause() {
  MutexLock lock(pauseMu_);
  paused_.store(true, std::memory_order_release);
  fetcher_.setPaused(true);
}

void Broker::resume() {
  releaseHeld();
}

void Broker::releaseHeld() {
  std::vector<std::function<void()>> held;
  {
    MutexLock lock(pauseMu_);
    paused_.store(false, std::memory_order_release);
    fenced_.store(false, std::memory_order_release);
    held.swap(held_);
  }
  fetcher_.setPaused(false);
  for (auto& work : held)
    work();
}

void Broker::runWhenAnswering(std::function<void()> work) {
  {
    MutexLock lock(pauseMu_);
    if (paused()) {
      held_.push_back(std::move(work));
      return;
    }
  }
  work();
}

void Broker::stopLocked(bool clean) {
  alive_.store(false, std::memory_order_release);
  transport_.unregisterEndpoint(id_);
  fetcher_.stop();
  // Requests already inside finish first; new ones are refused.
  while (activeCalls_.load(std::memory_order_acquire) > 0)
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  Completions out;
  const ApiError reason =
      clean ? ApiError{ErrorCode::kNotLeaderOrFollower,
                       "broker " + std::to_string(id_) + " shut down"}
            : ApiError{ErrorCode::kNotLeaderOrFollower, "broker " + std::to_string(id_) + " died"};
  std::vector<std::shared_ptr<PartitionReplica>> replicas = allReplicas();
  for (const auto& r : replicas)
    r->stop(reason, out);
  liveTimer_.store(nullptr, std::memory_order_release);
  timer_->stop();
  timer_.reset();
  runCompletions(out);
  if (clean) {
    for (const auto& r : replicas) {
      if (Status s = r->log().close(); !s.isOk())
        logger().warn("broker {}: closing {}: {}", id_, r->tp().toString(), s.toString());
    }
  }
  replicas.clear();
  MutexLock mapLock(mapMu_);
  replicas_.clear();  // the logs close here, abruptly unless flushed above
}

// ---- controller pushes ----------------------------------------------------------------------

void Broker::applyAssignments(const std::vector<ReplicaAssignment>& assignments, Completions& out) {
  MutexLock lock(lifecycleMu_);
  if (!alive()) return;
  for (const auto& a : assignments) {
    const TopicPartition tp{a.state.topic, a.state.partition};
    std::shared_ptr<PartitionReplica> r = replica(tp);
    if (!r) {
      auto opened = openReplica(a);
      if (!opened.isOk()) {
        logger().error("broker {}: cannot open {}: {}", id_, tp.toString(),
                       opened.status().toString());
        continue;
      }
      r = std::move(opened).value();
      MutexLock mapLock(mapMu_);
      replicas_[tp] = r;
    }
    switch (r->applyState(a.state, out)) {
      case FetchAction::kFollow:
        fetcher_.follow(r, a.state.leader);
        break;
      case FetchAction::kStopFollowing:
        fetcher_.unfollow(tp);
        break;
      case FetchAction::kNothing:
        break;
    }
  }
}

void Broker::applySettings(const std::string& topic, const TopicSettings& settings) {
  for (const auto& r : allReplicas()) {
    if (r->tp().topic == topic) r->applySettings(settings);
  }
}

void Broker::removeReplica(const TopicPartition& tp, bool deleteData, Completions& out,
                           bool reassigned) {
  MutexLock lock(lifecycleMu_);
  std::shared_ptr<PartitionReplica> r;
  {
    MutexLock mapLock(mapMu_);
    auto it = replicas_.find(tp);
    if (it == replicas_.end()) return;
    r = std::move(it->second);
    replicas_.erase(it);
  }
  fetcher_.unfollow(tp);
  r->stop(reassigned
              ? ApiError{ErrorCode::kNotLeaderOrFollower, "broker " + std::to_string(id_) +
                                                              " no longer hosts " + tp.toString() +
                                                              " (reassigned)"}
              : ApiError{ErrorCode::kUnknownTopicOrPartition, tp.toString() + " was deleted"},
          out);
  if (!deleteData) return;
  const std::string dir = r->log().dir();
  r.reset();  // closes the log unless a request still reads it; file handles survive deletion
  if (Status s = deleteDirRecursively(env_, dir); !s.isOk()) {
    logger().warn("broker {}: deleting {}: {}", id_, dir, s.toString());
  }
}

void Broker::requestIsrChange(std::shared_ptr<PartitionReplica> replica,
                              AlterPartitionRequest request) {
  const std::int32_t epoch = request.partitionEpoch;
  std::weak_ptr<PartitionReplica> weak = replica;
  controller_.submitAlterPartition(
      std::move(request), [weak, epoch](const ApiError&, const std::optional<PartitionRecord>&) {
        if (auto r = weak.lock()) r->onIsrChangeAnswered(epoch);
      });
}

void Broker::onLogTruncated(const TopicPartition& tp, std::int64_t fromOffset,
                            std::int64_t toOffset) {
  events_.publish(
      logTruncatedEvent(clock_.nowMs(), id_, tp.topic, tp.partition, fromOffset, toOffset));
}

// ---- produce --------------------------------------------------------------------------------

void Broker::produce(ProduceRequest request, ProduceCallback done) {
  if (paused()) {
    return runWhenAnswering([this, r = std::move(request), d = std::move(done)]() mutable {
      produce(std::move(r), std::move(d));
    });
  }
  ProduceResponse response;
  response.partitions.resize(request.partitions.size());
  for (std::size_t i = 0; i < request.partitions.size(); ++i) {
    response.partitions[i].topic = request.partitions[i].topic;
    response.partitions[i].partition = request.partitions[i].partition;
  }
  CallGuard guard(*this);
  auto failAll = [&](const ApiError& e) {
    for (auto& p : response.partitions)
      p.error = e;
    done(std::move(response));
  };
  if (!guard) return failAll(downError());
  if (request.acks != 0 && request.acks != 1 && request.acks != -1) {
    return failAll({ErrorCode::kInvalidRequiredAcks,
                    "acks must be 0, 1 or -1, got " + std::to_string(request.acks)});
  }
  Completions out;
  std::vector<std::size_t> waiting;
  std::vector<std::pair<std::shared_ptr<PartitionReplica>, std::int64_t>> waits;
  for (std::size_t i = 0; i < request.partitions.size(); ++i) {
    ProducePartition& p = request.partitions[i];
    ProducePartitionResult& result = response.partitions[i];
    const TopicPartition tp{p.topic, p.partition};
    std::shared_ptr<PartitionReplica> r = replica(tp);
    if (!r) {
      result.error = missingReplicaError(tp);
      continue;
    }
    AppendOutcome o = r->appendAsLeader(p.records, request.acks, out);
    result.error = std::move(o.error);
    result.baseOffset = o.baseOffset;
    result.lastOffset = o.lastOffset;
    result.logAppendTimeMs = o.logAppendTimeMs;
    result.logStartOffset = o.logStartOffset;
    bytesIn_.fetch_add(o.bytes, std::memory_order_relaxed);
    if (result.error.ok() && request.acks == -1) {
      waiting.push_back(i);
      waits.emplace_back(std::move(r), o.lastOffset + 1);
    }
  }
  if (waiting.empty()) {
    runCompletions(out);
    done(std::move(response));
    return;
  }
  auto op = std::make_shared<PendingProduce>(std::move(response), waiting, std::move(done));
  for (std::size_t k = 0; k < waits.size(); ++k) {
    waits[k].first->waitForReplication(waits[k].second, op, waiting[k], out);
  }
  if (!op->done()) {
    std::weak_ptr<PendingProduce> weak = op;
    const std::int32_t timeoutMs = request.timeoutMs;
    liveTimer_.load(std::memory_order_acquire)->schedule(timeoutMs, [weak, timeoutMs] {
      if (auto pending = weak.lock()) {
        if (auto fn = pending->settleAll(
                {ErrorCode::kRequestTimedOut, "the ISR did not replicate the batch within " +
                                                  std::to_string(timeoutMs) + " ms"})) {
          fn();
        }
      }
    });
  }
  runCompletions(out);
}

// ---- housekeeping ---------------------------------------------------------------------------

void Broker::housekeeping() {
  if (paused()) return;
  const std::int64_t now = clock_.nowMs();
  const bool retention = now - lastRetentionMs_ >= config_.logRetentionCheckIntervalMs;
  if (retention) lastRetentionMs_ = now;
  Completions out;
  for (const auto& r : allReplicas())
    r->housekeeping(now, retention, out);
  runCompletions(out);
  const std::int64_t nowNs = clock_.monotonicNs();
  const double seconds = static_cast<double>(nowNs - lastRateNs_) / 1e9;
  if (seconds >= 1.0) {
    const std::uint64_t in = bytesIn_.load(), outBytes = bytesOut_.load();
    bytesInRate_.store(static_cast<double>(in - lastBytesIn_) / seconds);
    bytesOutRate_.store(static_cast<double>(outBytes - lastBytesOut_) / seconds);
    lastBytesIn_ = in;
    lastBytesOut_ = outBytes;
    lastRateNs_ = nowNs;
  }
}

std::vector<ReplicaInfo> Broker::replicaInfos() const {
  std::vector<ReplicaInfo> out;
  for (const auto& r : allReplicas())
    out.push_back(r->info());
  return out;
}

BrokerStats Broker::stats() const {
  BrokerStats s;
  s.bytesIn = bytesIn_.load();
  s.bytesOut = bytesOut_.load();
  s.replicationBytes = fetcher_.bytesFetched();
  s.bytesInPerSec = bytesInRate_.load();
  s.bytesOutPerSec = bytesOutRate_.load();
  return s;
}

}  // namespace runnel::cluster
