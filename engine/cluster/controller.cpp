// Controller: state, the AlterPartition queue, committing and pushing changes, reads. Broker
// lifecycle and elections are in controller_elections.cpp, topic administration in
// controller_topics.cpp.
#include "engine/cluster/controller.h"

#include <algorithm>

#include "engine/cluster/broker.h"
#include "engine/cluster/broker_id_list.h"
#include "engine/common/logging.h"

namespace runnel::cluster {
Controller::Controller(const ClusterConfig& config, MetadataStore& store, EventBus& events,
                       Clock& clock, BrokerLookup brokers)
    : config_(config),
      store_(store),
      events_(events),
      clock_(clock),
      brokers_(std::move(brokers)),
      rng_(config.placementSeed ? *config.placementSeed : std::random_device{}()) {}

Controller::~Controller() {
  stop();
}

Status Controller::load() {
  RUNNEL_ASSIGN_OR_RETURN(auto topics, store_.topics());
  RUNNEL_ASSIGN_OR_RETURN(auto partitions, store_.partitions());
  MutexLock lock(mu_);
  topics_.clear();
  settings_.clear();
  partitions_.clear();
  for (auto& t : topics) {
    auto s = resolveTopicSettings(config_, t.configs);
    if (!s.isOk()) {
      logger().warn("topic {}: stored configs are invalid ({}); using the defaults", t.name,
                    s.status().toString());
      s = resolveTopicSettings(config_, {});
    }
    settings_[t.name] = std::move(s).value();
    topics_[t.name] = std::move(t);
  }
  for (auto& p : partitions)
    partitions_[TopicPartition{p.topic, p.partition}] = std::move(p);
  refreshExists();
  return Status::ok();
}

void Controller::start() {
  {
    MutexLock lock(queueMu_);
    stopping_ = false;
  }
  if (!thread_.joinable()) thread_ = std::thread([this] { runQueue(); });
}

void Controller::stop() {
  {
    MutexLock lock(queueMu_);
    stopping_ = true;
    queued_.signalAll();
  }
  if (thread_.joinable()) thread_.join();
  std::deque<std::pair<AlterPartitionRequest, AlterPartitionCallback>> left;
  {
    MutexLock lock(queueMu_);
    left.swap(queue_);
  }
  for (auto& [request, done] : left)
    done({ErrorCode::kNotController, "the controller stopped"}, std::nullopt);
}

void Controller::submitAlterPartition(AlterPartitionRequest request, AlterPartitionCallback done) {
  MutexLock lock(queueMu_);
  if (stopping_) return;
  queue_.emplace_back(std::move(request), std::move(done));
  queued_.signal();
}

void Controller::runQueue() {
  for (;;) {
    std::pair<AlterPartitionRequest, AlterPartitionCallback> item;
    {
      MutexLock lock(queueMu_);
      while (queue_.empty() && !stopping_)
        queued_.wait(queueMu_);
      if (stopping_) return;
      item = std::move(queue_.front());
      queue_.pop_front();
    }
    auto result = alterPartition(item.first);
    if (result.ok()) {
      item.second({}, result.value());
    } else {
      item.second(result.error(), std::nullopt);
    }
  }
}

bool Controller::partitionExists(const TopicPartition& tp) const {
  MutexLock lock(existsMu_);
  auto it = partitionCounts_.find(tp.topic);
  return it != partitionCounts_.end() && tp.partition >= 0 && tp.partition < it->second;
}

void Controller::refreshExists() {
  std::map<std::string, std::int32_t> counts;
  for (const auto& [name, t] : topics_)
    counts[name] = t.partitionCount;
  MutexLock lock(existsMu_);
  partitionCounts_ = std::move(counts);
}

// ---- effects --------------------------------------------------------------------------------

ReplicaAssignment Controller::assignmentLocked(const PartitionRecord& p) const {
  ReplicaAssignment a;
  a.state = p;
  if (auto t = topics_.find(p.topic); t != topics_.end()) a.topicId = t->second.id;
  if (auto s = settings_.find(p.topic); s != settings_.end()) a.settings = s->second;
  return a;
}

Status Controller::commitLocked(const std::vector<PartitionRecord>& changed, Effects& fx) {
  if (changed.empty()) return Status::ok();
  RUNNEL_RETURN_IF_ERROR(store_.updatePartitions(changed));
  const std::int64_t now = clock_.nowMs();
  for (const PartitionRecord& p : changed) {
    const TopicPartition tp{p.topic, p.partition};
    auto it = partitions_.find(tp);
    if (it != partitions_.end()) {
      const PartitionRecord& old = it->second;
      if (old.leader != p.leader) {
        fx.events.push_back(leaderChangedEvent(now, p.topic, p.partition, old.leader, p.leader,
                                               p.leaderEpoch, old.isr, p.isr));
      } else if (old.isr != p.isr) {
        fx.events.push_back(isrChangedEvent(now, p.topic, p.partition, p.leader, old.isr, p.isr));
      }
    }
    partitions_[tp] = p;
    for (std::int32_t r : p.replicas) {
      if (alive_.count(r)) fx.pushes[r].push_back(assignmentLocked(p));
    }
  }
  return Status::ok();
}

void Controller::pushLocked(Effects& fx) {
  // Leaders first: a follower told about its new leader starts fetching at once, and a leader
  // that has not heard yet would answer NOT_LEADER_OR_FOLLOWER and cost it a fetch backoff.
  for (bool leaders : {true, false}) {
    for (auto& [id, list] : fx.pushes) {
      std::vector<ReplicaAssignment> part;
      for (const auto& a : list) {
        if ((a.state.leader == id) == leaders) part.push_back(a);
      }
      if (part.empty()) continue;
      if (Broker* b = brokers_(id)) b->applyAssignments(part, fx.completions);
    }
  }
  fx.pushes.clear();
  // A dead broker drops its copy when it restarts (a stray directory by then).
  for (const auto& [id, tp] : fx.removals) {
    if (Broker* b = alive_.count(id) ? brokers_(id) : nullptr)
      b->removeReplica(tp, /*deleteData=*/true, fx.completions, /*reassigned=*/true);
  }
  fx.removals.clear();
}

void Controller::finish(Effects& fx) {
  for (auto& e : fx.events)
    events_.publish(std::move(e));
  fx.events.clear();
  runCompletions(fx.completions);
}

// ---- AlterPartition -----------------------------------------------------------

ApiResult<PartitionRecord> Controller::alterPartition(const AlterPartitionRequest& request) {
  Effects fx;
  ApiResult<PartitionRecord> result = ApiError{ErrorCode::kUnknownServerError, "not handled"};
  {
    MutexLock lock(mu_);
    auto it = partitions_.find(request.tp);
    if (it == partitions_.end())
      return ApiError{ErrorCode::kUnknownTopicOrPartition,
                      request.tp.toString() + " does not exist"};
    const PartitionRecord& p = it->second;
    const std::string name = request.tp.toString();
    if (request.leaderEpoch < p.leaderEpoch) {
      return ApiError{ErrorCode::kFencedLeaderEpoch,
                      name + ": leader epoch " + std::to_string(request.leaderEpoch) +
                          " is stale (current " + std::to_string(p.leaderEpoch) + ")"};
    }
    if (request.leaderId != p.leader || request.leaderEpoch != p.leaderEpoch) {
      return ApiError{ErrorCode::kNotLeaderOrFollower,
                      name + ": broker " + std::to_string(request.leaderId) +
                          " is not its leader in epoch " + std::to_string(request.leaderEpoch)};
    }
    if (request.partitionEpoch != p.partitionEpoch) {
      return ApiError{ErrorCode::kInvalidUpdateVersion,
                      name + ": partition epoch " + std::to_string(request.partitionEpoch) +
                          " is not the current " + std::to_string(p.partitionEpoch)};
    }
    if (!containsBroker(request.newIsr, p.leader)) {
      return ApiError{ErrorCode::kInvalidRequest, name + ": the ISR must contain the leader"};
    }
    for (std::int32_t r : request.newIsr) {
      if (!containsBroker(p.replicas, r))
        return ApiError{ErrorCode::kInvalidRequest,
                        name + ": broker " + std::to_string(r) + " is not a replica"};
      if (!alive_.count(r) && !containsBroker(p.isr, r)) {
        return ApiError{ErrorCode::kIneligibleReplica,
                        name + ": broker " + std::to_string(r) + " is not alive"};
      }
    }
    PartitionRecord q = p;
    q.isr = request.newIsr;
    std::sort(q.isr.begin(), q.isr.end());
    if (q.isr == p.isr) return p;
    ++q.partitionEpoch;
    const bool preferredRejoined =
        config_.autoLeaderRebalanceEnable && !q.replicas.empty() && q.leader != q.replicas[0] &&
        !containsBroker(p.isr, q.replicas[0]) && containsBroker(q.isr, q.replicas[0]);
    if (Status s = commitLocked({q}, fx); !s.isOk()) {
      return ApiError{ErrorCode::kKafkaStorageError,
                      "persisting the ISR change failed: " + s.toString()};
    }
    PartitionRecord completed = q;
    if (auto removed = completeReassignmentLocked(completed)) {
      commitCompletedLocked(q, completed, *removed, fx);
    } else if (preferredRejoined) {
      ApiError ignored;
      if (auto moved = preferredLocked(q, ignored)) {
        if (Status s = commitLocked({*moved}, fx); !s.isOk())
          logger().error("controller: {}", s.toString());
      }
    }
    pushLocked(fx);
    result = q;
  }
  finish(fx);
  return result;
}

// ---- reads ----------------------------------------------------------------------------------

std::vector<TopicRecord> Controller::topics() const {
  MutexLock lock(mu_);
  std::vector<TopicRecord> out;
  for (const auto& [name, t] : topics_)
    out.push_back(t);
  return out;
}

std::optional<TopicRecord> Controller::topic(const std::string& name) const {
  MutexLock lock(mu_);
  auto it = topics_.find(name);
  if (it == topics_.end()) return std::nullopt;
  return it->second;
}

std::vector<PartitionRecord> Controller::partitions(const std::string& topic) const {
  MutexLock lock(mu_);
  std::vector<PartitionRecord> out;
  for (const auto& [tp, p] : partitions_) {
    if (topic.empty() || tp.topic == topic) out.push_back(p);
  }
  return out;
}

std::optional<PartitionRecord> Controller::partition(const TopicPartition& tp) const {
  MutexLock lock(mu_);
  auto it = partitions_.find(tp);
  if (it == partitions_.end()) return std::nullopt;
  return it->second;
}

std::optional<TopicSettings> Controller::settings(const std::string& topic) const {
  MutexLock lock(mu_);
  auto it = settings_.find(topic);
  if (it == settings_.end()) return std::nullopt;
  return it->second;
}

}  // namespace runnel::cluster
