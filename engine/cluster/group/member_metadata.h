// MemberMetadata: what the coordinator knows about one member of a group — identity, timeouts,
// supported protocols, its current assignment, the JoinGroup/SyncGroup request it is waiting on
// and its heartbeat deadline. Owned by its GroupMetadata; guarded by the coordinator's mutex.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/cluster/group/group_types.h"

namespace runnel::group {

struct MemberMetadata {
  std::string memberId;
  std::optional<std::string> groupInstanceId;
  std::string clientId;
  std::string clientHost;
  std::int32_t rebalanceTimeoutMs = 0;
  std::int32_t sessionTimeoutMs = 0;
  std::string protocolType;
  std::vector<GroupProtocol> protocols;
  Bytes assignment;

  JoinCallback awaitingJoin;  // set while a JoinGroup waits for the rebalance to complete
  SyncCallback awaitingSync;  // set while a SyncGroup waits for the leader's assignment
  // Joined by this rebalance and not yet through it: expires after the new-member join timeout
  // even while waiting (the client may have given up on its JoinGroup).
  bool isNew = false;
  // When the member is removed unless it heartbeats (monotonic ms); nullopt: no expectation.
  std::optional<std::int64_t> heartbeatDeadlineMs;

  bool isAwaitingJoin() const { return static_cast<bool>(awaitingJoin); }
  bool isAwaitingSync() const { return static_cast<bool>(awaitingSync); }
  bool isStatic() const { return groupInstanceId.has_value(); }

  const Bytes* metadataFor(const std::string& protocol) const {
    for (const GroupProtocol& p : protocols) {
      if (p.name == protocol) return &p.metadata;
    }
    return nullptr;
  }
  bool matches(const std::vector<GroupProtocol>& other) const { return protocols == other; }
  // The first of this member's protocols that is among `candidates`.
  std::string vote(const std::vector<std::string>& candidates) const {
    for (const GroupProtocol& p : protocols) {
      for (const std::string& c : candidates) {
        if (c == p.name) return c;
      }
    }
    return {};
  }
};

}  // namespace runnel::group
