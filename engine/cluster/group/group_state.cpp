#include "engine/cluster/group/group_state.h"

#include <cctype>

namespace runnel::group {

std::string_view groupStateName(GroupState s) {
  switch (s) {
    case GroupState::kEmpty:
      return "Empty";
    case GroupState::kPreparingRebalance:
      return "PreparingRebalance";
    case GroupState::kCompletingRebalance:
      return "CompletingRebalance";
    case GroupState::kStable:
      return "Stable";
    case GroupState::kDead:
      return "Dead";
  }
  return "Unknown";
}

std::optional<GroupState> parseGroupState(std::string_view name) {
  for (GroupState s : {GroupState::kEmpty, GroupState::kPreparingRebalance,
                       GroupState::kCompletingRebalance, GroupState::kStable, GroupState::kDead}) {
    const std::string_view n = groupStateName(s);
    if (n.size() != name.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < n.size() && same; ++i) {
      same = std::tolower(static_cast<unsigned char>(n[i])) ==
             std::tolower(static_cast<unsigned char>(name[i]));
    }
    if (same) return s;
  }
  return std::nullopt;
}

bool isValidTransition(GroupState from, GroupState to) {
  switch (to) {
    case GroupState::kEmpty:
      return from == GroupState::kPreparingRebalance;
    case GroupState::kPreparingRebalance:
      return from == GroupState::kStable || from == GroupState::kCompletingRebalance ||
             from == GroupState::kEmpty;
    case GroupState::kCompletingRebalance:
      return from == GroupState::kPreparingRebalance;
    case GroupState::kStable:
      return from == GroupState::kCompletingRebalance;
    case GroupState::kDead:
      return true;
  }
  return false;
}

}  // namespace runnel::group
