// ConnectedClient: what the studio's Clients panel shows about one TCP connection to a broker —
// who it is (client id, software and version from ApiVersions), where from, and how busy.
// A plain value copied out of the listener's snapshot.
#pragma once

#include <cstdint>
#include <string>

#include "engine/kafka/server/request_dispatcher.h"

namespace runnel::kafka {

struct ConnectedClient {
  std::uint64_t connectionId = 0;
  std::int32_t brokerId = 0;
  std::string peerAddress;
  ClientIdentity identity;
  std::int64_t connectedAtMs = 0;
  std::int64_t lastRequestAtMs = 0;
  std::uint64_t requests = 0;
  std::uint64_t bytesIn = 0;
  std::uint64_t bytesOut = 0;
};

}  // namespace runnel::kafka
