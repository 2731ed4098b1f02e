// Controller: broker lifecycle (cluster start, death, restart) and leader elections — clean from
// the ISR, unclean only when enabled, preferred-leader.
#include <algorithm>

#include "engine/cluster/broker.h"
#include "engine/cluster/broker_id_list.h"
#include "engine/cluster/controller.h"
#include "engine/common/logging.h"

namespace runnel::cluster {
namespace {

std::vector<std::int32_t> without(std::vector<std::int32_t> ids, std::int32_t id) {
  ids.erase(std::remove(ids.begin(), ids.end(), id), ids.end());
  return ids;
}

}  // namespace

// ---- brokers --------------------------------------------------------------------------------

std::vector<ReplicaAssignment> Controller::assignmentsFor(std::int32_t brokerId) const {
  MutexLock lock(mu_);
  std::vector<ReplicaAssignment> out;
  for (const auto& [tp, p] : partitions_) {
    if (containsBroker(p.replicas, brokerId)) out.push_back(assignmentLocked(p));
  }
  return out;
}

std::set<std::int32_t> Controller::aliveBrokers() const {
  MutexLock lock(mu_);
  return alive_;
}

void Controller::registerBroker(std::int32_t brokerId) {
  MutexLock lock(mu_);
  known_.insert(brokerId);
}

void Controller::setDraining(std::int32_t brokerId, bool draining) {
  MutexLock lock(mu_);
  if (draining)
    draining_.insert(brokerId);
  else
    draining_.erase(brokerId);
}

void Controller::unregisterBroker(std::int32_t brokerId) {
  MutexLock lock(mu_);
  known_.erase(brokerId);
  alive_.erase(brokerId);
  draining_.erase(brokerId);
}

std::vector<std::int32_t> Controller::placementBrokersLocked() const {
  std::vector<std::int32_t> out;
  for (std::int32_t id : alive_) {
    if (!draining_.count(id)) out.push_back(id);
  }
  return out;
}

bool Controller::uncleanAllowedLocked(const std::string& topic) const {
  auto it = settings_.find(topic);
  return it != settings_.end() ? it->second.uncleanLeaderElection
                               : config_.uncleanLeaderElectionEnable;
}

PartitionRecord Controller::electLocked(PartitionRecord p, std::int32_t deadBroker,
                                        Effects& fx) const {
  std::vector<std::int32_t> isr = without(p.isr, deadBroker);
  std::int32_t leader = kNoLeader;
  for (std::int32_t r : p.replicas) {
    if (alive_.count(r) && containsBroker(isr, r)) {
      leader = r;
      break;
    }
  }
  if (leader == kNoLeader && uncleanAllowedLocked(p.topic)) {
    for (std::int32_t r : p.replicas) {
      if (alive_.count(r)) {
        leader = r;
        isr = {r};
        logger().warn("{}-{}: unclean election of broker {}; records it lacks are lost", p.topic,
                      p.partition, r);
        break;
      }
    }
  }
  (void)fx;
  // With no one left, KRaft keeps the last member in the ISR so it can lead again cleanly.
  if (isr.empty()) isr = p.isr;
  p.leader = leader;
  p.isr = isr;
  ++p.leaderEpoch;
  ++p.partitionEpoch;
  return p;
}

void Controller::brokerDied(std::int32_t brokerId, std::string_view how) {
  Effects fx;
  {
    MutexLock lock(mu_);
    if (!alive_.erase(brokerId)) return;
    std::vector<PartitionRecord> changed;
    int led = 0;
    for (const auto& [tp, p] : partitions_) {
      if (!containsBroker(p.replicas, brokerId)) continue;
      if (p.leader == brokerId) {
        ++led;
        changed.push_back(electLocked(p, brokerId, fx));
      } else if (containsBroker(p.isr, brokerId) && p.isr.size() > 1) {
        PartitionRecord q = p;
        q.isr = without(q.isr, brokerId);
        ++q.partitionEpoch;
        changed.push_back(std::move(q));
      }
    }
    fx.events.push_back(brokerDiedEvent(clock_.nowMs(), brokerId, led, how));
    if (Status s = commitLocked(changed, fx); !s.isOk())
      logger().error("controller: {}", s.toString());
    pushLocked(fx);
  }
  finish(fx);
}

void Controller::brokerStarted(std::int32_t brokerId, bool added, std::string_view how) {
  Effects fx;
  {
    MutexLock lock(mu_);
    alive_.insert(brokerId);
    known_.insert(brokerId);
    fx.events.push_back(added ? brokerAddedEvent(clock_.nowMs(), brokerId)
                              : brokerRestartedEvent(clock_.nowMs(), brokerId, how));
    std::vector<PartitionRecord> changed;
    for (const auto& [tp, p] : partitions_) {
      if (!containsBroker(p.replicas, brokerId)) continue;
      if (p.leader >= 0) {
        fx.pushes[brokerId].push_back(assignmentLocked(p));
        continue;
      }
      PartitionRecord q = p;
      if (containsBroker(p.isr, brokerId)) {
        q.isr = {brokerId};
        for (std::int32_t r : p.isr) {
          if (r != brokerId && alive_.count(r)) q.isr.push_back(r);
        }
        std::sort(q.isr.begin(), q.isr.end());
      } else if (uncleanAllowedLocked(p.topic)) {
        logger().warn("{}: unclean election of broker {}", tp.toString(), brokerId);
        q.isr = {brokerId};
      } else {
        fx.pushes[brokerId].push_back(assignmentLocked(p));
        continue;
      }
      q.leader = brokerId;
      ++q.leaderEpoch;
      ++q.partitionEpoch;
      changed.push_back(std::move(q));
    }
    if (Status s = commitLocked(changed, fx); !s.isOk())
      logger().error("controller: {}", s.toString());
    pushLocked(fx);
  }
  finish(fx);
}

void Controller::clusterStarted(const std::vector<std::int32_t>& brokerIds) {
  Effects fx;
  {
    MutexLock lock(mu_);
    alive_ = std::set<std::int32_t>(brokerIds.begin(), brokerIds.end());
    known_.insert(brokerIds.begin(), brokerIds.end());
    std::vector<PartitionRecord> changed;
    for (const auto& [tp, p] : partitions_) {
      PartitionRecord q = p;
      // Members on brokers that no longer exist leave the ISR (never emptying it).
      std::vector<std::int32_t> isr;
      for (std::int32_t r : q.isr) {
        if (alive_.count(r)) isr.push_back(r);
      }
      if (!isr.empty()) q.isr = isr;
      if (q.leader < 0 || !alive_.count(q.leader)) {
        for (std::int32_t r : q.replicas) {
          if (alive_.count(r) && containsBroker(q.isr, r)) {
            q.leader = r;
            break;
          }
        }
        if ((q.leader < 0 || !alive_.count(q.leader)) && uncleanAllowedLocked(q.topic)) {
          for (std::int32_t r : q.replicas) {
            if (alive_.count(r)) {
              q.leader = r;
              q.isr = {r};
              break;
            }
          }
        }
        if (q.leader >= 0 && !alive_.count(q.leader)) q.leader = kNoLeader;
      }
      if (q.leader != p.leader) ++q.leaderEpoch;
      if (q.leader != p.leader || q.isr != p.isr) {
        ++q.partitionEpoch;
        changed.push_back(q);
      } else {
        for (std::int32_t r : p.replicas) {
          if (alive_.count(r)) fx.pushes[r].push_back(assignmentLocked(p));
        }
      }
    }
    if (Status s = commitLocked(changed, fx); !s.isOk())
      logger().error("controller: {}", s.toString());
    pushLocked(fx);
  }
  finish(fx);
}

// ---- preferred leaders ----------------------------------------------------------------------

std::optional<PartitionRecord> Controller::preferredLocked(const PartitionRecord& p,
                                                           ApiError& error) const {
  const std::string name = p.topic + "-" + std::to_string(p.partition);
  if (p.replicas.empty()) {
    error = {ErrorCode::kPreferredLeaderNotAvailable, name + " has no replicas"};
    return std::nullopt;
  }
  const std::int32_t preferred = p.replicas[0];
  if (p.leader == preferred) {
    error = {ErrorCode::kElectionNotNeeded,
             name + ": broker " + std::to_string(preferred) + " already leads it"};
    return std::nullopt;
  }
  if (!alive_.count(preferred) || !containsBroker(p.isr, preferred)) {
    error = {
        ErrorCode::kPreferredLeaderNotAvailable,
        name + ": preferred leader " + std::to_string(preferred) + " is not alive and in sync"};
    return std::nullopt;
  }
  PartitionRecord q = p;
  q.leader = preferred;
  ++q.leaderEpoch;
  ++q.partitionEpoch;
  error = {};
  return q;
}

std::vector<ElectionResult> Controller::electPreferredLeaders(
    const std::vector<TopicPartition>& wanted) {
  Effects fx;
  std::vector<ElectionResult> results;
  {
    MutexLock lock(mu_);
    std::vector<TopicPartition> targets = wanted;
    if (targets.empty()) {
      for (const auto& [tp, p] : partitions_)
        targets.push_back(tp);
    }
    std::vector<PartitionRecord> changed;
    for (const auto& tp : targets) {
      ElectionResult r{tp, {}};
      auto it = partitions_.find(tp);
      if (it == partitions_.end()) {
        r.error = {ErrorCode::kUnknownTopicOrPartition, tp.toString() + " does not exist"};
      } else if (auto moved = preferredLocked(it->second, r.error)) {
        changed.push_back(std::move(*moved));
      }
      results.push_back(std::move(r));
    }
    if (Status s = commitLocked(changed, fx); !s.isOk()) {
      for (auto& r : results) {
        if (r.error.ok()) r.error = {ErrorCode::kKafkaStorageError, s.toString()};
      }
    }
    pushLocked(fx);
  }
  finish(fx);
  return results;
}

}  // namespace runnel::cluster
