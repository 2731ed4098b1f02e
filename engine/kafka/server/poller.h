// Poller: waits for readiness on many sockets at once — epoll on Linux, poll() elsewhere — so
// one I/O thread serves thousands of connections. Not thread-safe: owned and used by one I/O
// thread (wake() aside, which is done with a separate descriptor by the listener).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "engine/common/status.h"

namespace runnel::kafka {

struct PollEvent {
  int fd = -1;
  bool readable = false;
  bool writable = false;
  bool hangup = false;  // error or peer closed
};

class Poller {
 public:
  static std::unique_ptr<Poller> create();
  virtual ~Poller() = default;

  virtual Status add(int fd, bool wantRead, bool wantWrite) = 0;
  virtual Status modify(int fd, bool wantRead, bool wantWrite) = 0;
  virtual void remove(int fd) = 0;
  // Waits up to timeoutMs (-1: forever) and fills `out` with ready descriptors.
  virtual Status wait(int timeoutMs, std::vector<PollEvent>& out) = 0;
};

}  // namespace runnel::kafka
