// CooperativeStickyAssignor ("cooperative-sticky"): the sticky assignment (balanced, keeps what
// members own) for the COOPERATIVE rebalance protocol. A partition moving from one member to
// another is left out of the new owner's assignment, so its old owner revokes it first; the
// revocation makes that member rejoin, and the follow-up rebalance hands the partition over.
// Members report what they own in the subscription (v1+) and their generation in the
// subscription (v2+) or, for older clients, as a 4-byte user data. Stateless; thread-safe.
#pragma once

#include "engine/client/assignors/assignor.h"

namespace runnel::assignors {

class CooperativeStickyAssignor final : public Assignor {
 public:
  static constexpr std::string_view kName = "cooperative-sticky";
  std::string_view name() const override { return kName; }
  std::vector<RebalanceProtocol> supportedProtocols() const override {
    return {RebalanceProtocol::kCooperative, RebalanceProtocol::kEager};
  }
  Result<GroupAssignment> assign(const PartitionCounts& partitionCounts,
                                 const std::vector<MemberSubscription>& members) const override;

  // The user data the Java assignor puts in subscriptions: the member's generation, int32.
  static Bytes encodeUserData(std::int32_t generation);
};

}  // namespace runnel::assignors
