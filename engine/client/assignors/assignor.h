// Assignor: the leader-side strategy that splits the partitions of the topics a consumer group
// subscribes to among its members (Kafka's ConsumerPartitionAssignor). Implementations here
// (range, roundrobin, cooperative-sticky) reproduce the Java client's results for the same input.
// Assignors are stateless and const: one instance may serve many groups from any thread.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/client/assignors/consumer_protocol.h"
#include "engine/client/assignors/topic_partition.h"
#include "engine/common/result.h"

namespace runnel::assignors {

// EAGER: members give up everything before a rebalance. COOPERATIVE: members keep what they
// own; partitions that move are revoked first and handed out in a follow-up rebalance.
enum class RebalanceProtocol { kEager, kCooperative };

struct MemberSubscription {
  std::string memberId;
  std::optional<std::string> groupInstanceId;  // static members
  Subscription subscription;
};

// Partition count per topic, as the leader's metadata knows it. Topics missing here (or with no
// partitions) are skipped, as the Java client skips topics without metadata.
using PartitionCounts = std::map<std::string, std::int32_t>;
// Member id -> its partitions, sorted by (topic, partition). Every member has an entry.
using GroupAssignment = std::map<std::string, TopicPartitions>;

class Assignor {
 public:
  virtual ~Assignor() = default;

  // The protocol name members list in JoinGroup ("range", "roundrobin", "cooperative-sticky").
  virtual std::string_view name() const = 0;
  virtual std::vector<RebalanceProtocol> supportedProtocols() const {
    return {RebalanceProtocol::kEager};
  }

  // `members` in the order of the JoinGroup response (the Java client iterates a HashMap
  // filled in that order, which the sticky assignor's tie-breaks depend on). Member ids must be
  // unique. InvalidArgument otherwise.
  virtual Result<GroupAssignment> assign(const PartitionCounts& partitionCounts,
                                         const std::vector<MemberSubscription>& members) const = 0;
};

// The subscribed topics that exist: what AbstractPartitionAssignor hands the algorithms.
PartitionCounts subscribedPartitionCounts(const PartitionCounts& cluster,
                                          const std::vector<MemberSubscription>& members);
// Checks member ids are non-empty and unique.
Status validateMembers(const std::vector<MemberSubscription>& members);
// Sorts each member's list by (topic, partition).
void sortAssignment(GroupAssignment& assignment);
// Java's MemberInfo order: static members first by instance id, then dynamic ones by member id.
bool memberInfoLess(const MemberSubscription& a, const MemberSubscription& b);

}  // namespace runnel::assignors
