// Membership test for the lists of broker ids a partition keeps (replicas, ISR, adding, removing).
// These lists hold a handful of ids in a meaningful order, so they stay vectors and are searched
// linearly. Header-only and stateless.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace runnel::cluster {

inline bool containsBroker(const std::vector<std::int32_t>& ids, std::int32_t id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace runnel::cluster
