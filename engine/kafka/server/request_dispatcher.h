// RequestDispatcher: what a broker listener hands each complete request frame to. The network
// layer knows framing, ordering and connections; the dispatcher knows the Kafka APIs.
// Thread-safety: dispatch() is called on the listener's I/O thread and must not block; the
// `respond` callback may be called later from any thread, exactly once.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "engine/common/bytes.h"

namespace runnel::kafka {

// Who is on the other end of a connection, as far as the dispatcher has learned it (ApiVersions
// v3+ carries the client's software name and version). The dispatcher fills it in during
// dispatch(); the listener publishes it in its client snapshot.
struct ClientIdentity {
  std::string clientId;
  std::string softwareName;
  std::string softwareVersion;
};

struct RequestContext {
  std::uint64_t connectionId = 0;
  std::int32_t brokerId = 0;
  std::string peerAddress;             // "127.0.0.1:53412"
  ClientIdentity* identity = nullptr;  // valid during dispatch() only
};

// A response frame body (without the 4-byte size prefix), or nullopt for requests that get no
// response (Produce with acks=0) — the connection then moves on to the next request's response.
using ResponseCallback = std::function<void(std::optional<Bytes> response)>;

enum class DispatchOutcome {
  kAccepted,         // respond will be called
  kCloseConnection,  // the frame is malformed beyond answering: close this connection only
};

class RequestDispatcher {
 public:
  virtual ~RequestDispatcher() = default;
  virtual DispatchOutcome dispatch(const RequestContext& context, Bytes frame,
                                   ResponseCallback respond) = 0;
};

}  // namespace runnel::kafka
