// GroupState: where a classic consumer group is in its membership cycle (see README.md in this
// folder for the transitions). Names are the ones DescribeGroups/ListGroups put on the wire.
#pragma once

#include <optional>
#include <string_view>

namespace runnel::group {

enum class GroupState { kEmpty, kPreparingRebalance, kCompletingRebalance, kStable, kDead };

// "Empty", "PreparingRebalance", "CompletingRebalance", "Stable", "Dead".
std::string_view groupStateName(GroupState s);
// Case-insensitive inverse of groupStateName (ListGroups state filters).
std::optional<GroupState> parseGroupState(std::string_view name);
// Whether `to` may follow `from` (Kafka's validPreviousStates).
bool isValidTransition(GroupState from, GroupState to);

}  // namespace runnel::group
