// Connection: one client socket as the listener's I/O thread sees it — frames coming in,
// requests in flight, and responses going out strictly in request order even when handlers
// finish out of order. Internal to BrokerListener; owned by it and touched only by its I/O
// thread (the snapshot counters are copied out under the listener's clients mutex).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>

#include "engine/common/bytes.h"
#include "engine/common/status.h"
#include "engine/kafka/protocol/frame_splitter.h"
#include "engine/kafka/server/connected_client.h"
#include "engine/kafka/server/socket_ops.h"

namespace runnel::kafka {

class Connection {
 public:
  Connection(SocketHandle fd, std::uint64_t id, std::string peer, std::size_t maxFrameBytes);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  SocketHandle fd() const { return fd_; }
  std::uint64_t id() const { return id_; }

  // Reads what the socket has (up to a budget). Error or peer close -> non-OK.
  Status readAvailable(std::size_t budgetBytes, std::uint64_t* bytesRead);
  // Complete frames not yet dispatched.
  std::optional<Bytes> nextFrame() { return splitter_.nextFrame(); }
  bool hasFrames() const { return splitter_.readyFrames() > 0; }

  // Reserves the response slot for the next dispatched request.
  std::uint64_t reserveSlot() {
    ++inFlight_;
    return nextSlot_++;
  }
  // A handler finished: queue its response (nullopt = none); sends whatever is now in order.
  void complete(std::uint64_t slot, std::optional<Bytes> response);
  int inFlight() const { return inFlight_; }

  // Writes queued response bytes; non-OK when the socket failed.
  Status flush(std::uint64_t* bytesWritten);
  bool hasOutput() const { return !output_.empty(); }
  std::size_t queuedBytes() const { return queuedBytes_; }

  ConnectedClient info;  // the snapshot view, kept current by the listener

 private:
  void release(std::optional<Bytes> response);

  SocketHandle fd_;
  std::uint64_t id_;
  FrameSplitter splitter_;
  std::uint64_t nextSlot_ = 0;
  std::uint64_t nextToSend_ = 0;
  int inFlight_ = 0;
  std::map<std::uint64_t, std::optional<Bytes>> finished_;  // completed but not yet in order
  std::deque<Bytes> output_;
  std::size_t frontOffset_ = 0;  // bytes of output_.front() already written
  std::size_t queuedBytes_ = 0;
};

}  // namespace runnel::kafka
