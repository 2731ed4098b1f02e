// GroupMember: one consumer's membership of its group, driven from the consumer's poll() — the
// client half of the classic protocol (Kafka's ConsumerCoordinator): JoinGroup and SyncGroup
// without blocking the poller (their futures are checked on every step), the leader's
// assignment with the configured assignors (and, for cooperative rebalancing, holding back
// partitions that still have another owner so they are revoked first), heartbeats, and what
// changed in the assignment for the rebalance listener.
// Not thread-safe: used only by its consumer's polling thread. Borrows the coordinator and the
// cluster, which must outlive it.
#pragma once

#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/client/assignors/assignor.h"
#include "engine/client/client_config.h"
#include "engine/client/topic_partition.h"
#include "engine/cluster/cluster.h"
#include "engine/cluster/group/group_coordinator.h"

namespace runnel::client::embedded {

// What one step of the membership did to the assignment.
struct AssignmentChange {
  std::vector<TopicPartition> revoked;   // give up after committing
  std::vector<TopicPartition> lost;      // already gone (expelled)
  std::vector<TopicPartition> assigned;  // newly owned
  bool changed() const { return !revoked.empty() || !lost.empty() || !assigned.empty(); }
};

class GroupMember {
 public:
  GroupMember(cluster::Cluster& cluster, group::GroupCoordinator& coordinator,
              const ConsumerConfig& config);

  Status setSubscription(std::vector<std::string> topics);
  const std::vector<std::string>& subscription() const { return topics_; }
  const std::set<TopicPartition>& owned() const { return owned_; }
  bool stable() const { return phase_ == Phase::kStable; }
  bool cooperative() const { return protocol_ == assignors::RebalanceProtocol::kCooperative; }
  std::int32_t generation() const { return generation_; }
  const std::string& memberId() const { return memberId_; }

  // Advances the protocol: starts or completes a join or sync, heartbeats when due. Eager
  // revocation happens before a join is sent (returned in `change.revoked`).
  Status step(AssignmentChange& change);
  // Leaves the group (LeaveGroup) and forgets the assignment.
  void leave();

 private:
  enum class Phase { kUnjoined, kJoining, kSyncing, kStable };

  Status startJoin(AssignmentChange& change);
  Status onJoined(group::JoinResult result, AssignmentChange& change);
  Status onSynced(group::SyncResult result, AssignmentChange& change);
  Result<std::vector<std::pair<std::string, Bytes>>> computeAssignment(
      const group::JoinResult& result);
  void resetMembership(AssignmentChange& change, bool lost);

  cluster::Cluster& cluster_;
  group::GroupCoordinator& coordinator_;
  const ConsumerConfig& config_;
  std::vector<std::unique_ptr<assignors::Assignor>> assignors_;
  assignors::RebalanceProtocol protocol_ = assignors::RebalanceProtocol::kEager;

  std::vector<std::string> topics_;
  Phase phase_ = Phase::kUnjoined;
  std::string memberId_;
  std::int32_t generation_ = -1;
  std::set<TopicPartition> owned_;
  std::future<group::JoinResult> joining_;
  std::future<group::SyncResult> syncing_;
  std::chrono::steady_clock::time_point nextHeartbeat_;
};

}  // namespace runnel::client::embedded
