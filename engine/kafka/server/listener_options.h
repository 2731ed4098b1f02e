// Settings of one broker's Kafka listener. Defaults follow Kafka's broker settings where one
// exists (socket.request.max.bytes, max.connections). A plain value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace runnel::kafka {

struct ListenerOptions {
  std::int32_t brokerId = 0;
  std::string bindAddress = "127.0.0.1";    // other addresses only when the user asks
  int port = 9092;                          // 0: any free port (tests)
  std::size_t maxRequestBytes = 104857600;  // socket.request.max.bytes
  int maxConnections = 10000;               // max.connections
  // Requests read from one connection before its earlier responses are sent; beyond it the
  // listener stops reading that socket (clients pipeline up to their max.in.flight).
  int maxInFlightPerConnection = 32;
  // Response bytes queued for a slow reader before the listener stops reading its requests.
  std::size_t maxQueuedResponseBytes = std::size_t{64} * 1024 * 1024;
};

}  // namespace runnel::kafka
