// Poller: waits for readiness on many sockets at once — epoll on Linux, poll() elsewhere (WSAPoll
// on Windows) — so one I/O thread serves thousands of connections. Not thread-safe: owned and used
// by one I/O thread (wake() aside, which is done with a separate descriptor by the listener).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "engine/common/status.h"
#include "engine/kafka/server/socket_ops.h"

namespace runnel::kafka {

struct PollEvent {
  SocketHandle fd = kInvalidSocket;
  bool readable = false;
  bool writable = false;
  bool hangup = false;  // error or peer closed
};

class Poller {
 public:
  static std::unique_ptr<Poller> create();
  virtual ~Poller() = default;

  virtual Status add(SocketHandle fd, bool wantRead, bool wantWrite) = 0;
  virtual Status modify(SocketHandle fd, bool wantRead, bool wantWrite) = 0;
  virtual void remove(SocketHandle fd) = 0;
  // Waits up to timeoutMs (-1: forever) and fills `out` with ready descriptors.
  virtual Status wait(int timeoutMs, std::vector<PollEvent>& out) = 0;
};

}  // namespace runnel::kafka
