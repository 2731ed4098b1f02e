// Cluster: removing brokers (drain, then unregister) and the persisted broker registry — which
// ids exist and which were removed, so neither a restart nor addBroker() brings a removed id back.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <thread>

#include "engine/cluster/broker_drain_plan.h"
#include "engine/cluster/cluster.h"
#include "engine/common/logging.h"

namespace runnel::cluster {
namespace {

constexpr const char* kRegisteredKey = "cluster.broker_ids";
constexpr const char* kRemovedKey = "cluster.removed_broker_ids";

std::string joinIds(const std::vector<std::int32_t>& ids) {
  std::string out;
  for (std::int32_t id : ids) {
    if (!out.empty()) out += ",";
    out += std::to_string(id);
  }
  return out;
}

Result<std::vector<std::int32_t>> parseIds(const std::string& key, const std::string& text) {
  std::vector<std::int32_t> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find(',', pos);
    if (end == std::string::npos) end = text.size();
    std::int32_t id = 0;
    auto [ptr, ec] = std::from_chars(text.data() + pos, text.data() + end, id);
    if (ec != std::errc() || ptr != text.data() + end || id < 1 || id > kMaxBrokerId) {
      return Status::corruption("metadata: " + key + " holds a bad broker id list '" + text + "'");
    }
    out.push_back(id);
    pos = end + 1;
  }
  return out;
}

// The broker shown as hosting the controller: the lowest live id (as snapshot() says).
std::int32_t lowestAlive(const std::set<std::int32_t>& alive) {
  return alive.empty() ? -1 : *alive.begin();
}

}  // namespace

Status Cluster::loadRegistry(std::vector<std::int32_t>& registered,
                             std::set<std::int32_t>& removed) {
  RUNNEL_ASSIGN_OR_RETURN(auto reg, store_->value(kRegisteredKey));
  RUNNEL_ASSIGN_OR_RETURN(auto rem, store_->value(kRemovedKey));
  if (reg) {
    RUNNEL_ASSIGN_OR_RETURN(registered, parseIds(kRegisteredKey, *reg));
  }
  if (rem) {
    RUNNEL_ASSIGN_OR_RETURN(auto ids, parseIds(kRemovedKey, *rem));
    removed.insert(ids.begin(), ids.end());
  }
  return Status::ok();
}

Status Cluster::persistRegistryLocked() {
  RUNNEL_RETURN_IF_ERROR(store_->setValue(kRegisteredKey, joinIds(brokerIds())));
  return store_->setValue(kRemovedKey, joinIds({removedIds_.begin(), removedIds_.end()}));
}

std::vector<std::int32_t> Cluster::removedBrokerIds() const {
  MutexLock lock(lifecycleMu_);
  return {removedIds_.begin(), removedIds_.end()};
}

std::optional<Cluster::Removal> Cluster::removal() const {
  MutexLock lock(removalMu_);
  return removal_;
}

Result<BrokerDrainPlan> Cluster::planRemovalLocked(std::int32_t id) const {
  const std::string who = "broker " + std::to_string(id);
  if (closed_) return Status::aborted("the cluster is closed");
  if (removedIds_.count(id)) return Status::notFound(who + " was already removed");
  Broker* b = broker(id);
  if (!b) return Status::notFound("no " + who);
  if (removing_) {
    const auto r = removal();
    return Status::unavailable("cannot remove " + who + ": broker " +
                               std::to_string(r ? r->brokerId : -1) +
                               " is being removed; one removal at a time");
  }
  if (brokerCount() <= 1)
    return Status::invalidArgument("cannot remove " + who + ": it is the last broker");
  if (b->alive() && b->paused())
    return Status::unavailable("cannot remove " + who + ": it is paused; resume or kill it first");
  std::set<std::int32_t> live = controller_->aliveBrokers();
  live.erase(id);
  if (live.empty()) {
    return Status::invalidArgument("cannot remove " + who +
                                   ": no other broker is alive to take its replicas");
  }
  return planBrokerDrain(id, b->alive(), controller_->partitions(), live);
}

Result<BrokerDrainPlan> Cluster::planRemoval(std::int32_t id) const {
  MutexLock lock(lifecycleMu_);
  return planRemovalLocked(id);
}

Status Cluster::removeBroker(std::int32_t id, std::int64_t timeoutMs) {
  const std::string who = "broker " + std::to_string(id);
  BrokerDrainPlan plan;
  {
    MutexLock lock(lifecycleMu_);
    RUNNEL_ASSIGN_OR_RETURN(plan, planRemovalLocked(id));
    removing_ = true;
    controller_->setDraining(id, true);
    MutexLock rl(removalMu_);
    removal_ = Removal{id, static_cast<int>(plan.moves.size()), 0};
  }
  const int toMove = static_cast<int>(plan.moves.size());
  logger().info("{} draining: {} replicas to move", who, toMove);
  events_->publish(
      brokerDrainingEvent(clock_->nowMs(), id, toMove, describeDrainTargets(plan.movesPerBroker)));
  Status status;
  for (const DrainMove& m : plan.moves) {
    ApiError e = controller_->alterReassignment(m.tp, m.target);
    if (!e.ok()) {
      status = Status::internal("moving " + m.tp.toString() + " off " + who + ": " + e.message);
      break;
    }
  }
  if (status.isOk()) status = waitDrained(id, toMove, timeoutMs);
  if (status.isOk()) status = finishRemoval(id, toMove);
  if (!status.isOk()) {
    events_->publish(brokerRemovalFailedEvent(clock_->nowMs(), id, status.message()));
    endRemoval(id);
    return status;
  }
  return Status::ok();
}

Status Cluster::waitDrained(std::int32_t id, int toMove, std::int64_t timeoutMs) {
  // Real time, not the cluster's clock: the moves are replication work, which a paused demo
  // clock does not hold back, and the caller's patience is in wall time.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
  for (;;) {
    std::vector<std::string> left;
    for (const PartitionRecord& p : controller_->partitions()) {
      if (partitionReferences(p, id)) left.push_back(p.topic + "-" + std::to_string(p.partition));
    }
    {
      MutexLock lock(removalMu_);
      if (removal_) removal_->replicasMoved = std::max(0, toMove - static_cast<int>(left.size()));
    }
    if (left.empty()) return Status::ok();
    {
      MutexLock lock(lifecycleMu_);
      if (closed_) return Status::aborted("the cluster closed while broker draining");
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      std::string names;
      for (std::size_t i = 0; i < left.size() && i < 3; ++i)
        names += (i ? ", " : "") + left[i];
      if (left.size() > 3) names += ", ...";
      return Status::timedOut("still a replica of " + std::to_string(left.size()) +
                              (left.size() == 1 ? " partition" : " partitions") + " (" + names +
                              ") after " + std::to_string(timeoutMs) +
                              " ms; the moves carry on, try again once they finish");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

Status Cluster::finishRemoval(std::int32_t id, int moved) {
  std::int32_t controllerBefore = -1;
  std::int32_t controllerAfter = -1;
  std::string dir;
  {
    MutexLock lock(lifecycleMu_);
    if (closed_) return Status::aborted("the cluster is closed");
    Broker* b = broker(id);
    if (!b) return Status::notFound("no broker " + std::to_string(id));
    controllerBefore = lowestAlive(controller_->aliveBrokers());
    // A clean stop: its logs were deleted as each move finished, and nothing leads here now.
    if (b->alive()) RUNNEL_RETURN_IF_ERROR(b->shutdown());
    dir = b->dir();
    controller_->unregisterBroker(id);
    slots_[static_cast<std::size_t>(id - 1)].store(nullptr, std::memory_order_release);
    brokerCount_.fetch_sub(1, std::memory_order_acq_rel);
    removedIds_.insert(id);
    removing_ = false;
    // Faults on its links would otherwise be listed forever.
    for (std::int32_t other : brokerIds())
      transport_->heal(id, other);
    if (Status s = persistRegistryLocked(); !s.isOk())
      logger().error("recording the removal of broker {}: {}", id, s.toString());
    controllerAfter = lowestAlive(controller_->aliveBrokers());
  }
  {
    MutexLock lock(removalMu_);
    removal_.reset();
  }
  // Deleted rather than kept: the id is never reused, so a kept directory would only be a
  // stray copy of data every remaining replica already holds (a dead broker's partitions were
  // rebuilt from the leaders, not from it).
  if (Status s = deleteDirRecursively(*env_, dir); !s.isOk())
    logger().warn("deleting removed broker {}'s directory {}: {}", id, dir, s.toString());
  logger().info("broker {} removed", id);
  events_->publish(brokerRemovedEvent(clock_->nowMs(), id, moved,
                                      controllerBefore == id ? controllerAfter : -1));
  notifyServices(id, false);
  return Status::ok();
}

void Cluster::endRemoval(std::int32_t id) {
  {
    MutexLock lock(lifecycleMu_);
    removing_ = false;
    if (!removedIds_.count(id)) controller_->setDraining(id, false);
  }
  MutexLock lock(removalMu_);
  removal_.reset();
}

}  // namespace runnel::cluster
