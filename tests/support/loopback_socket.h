// A blocking TCP client socket to 127.0.0.1 for the suites and benchmarks that talk to a broker
// listener over real sockets. It sits on the engine's socket layer (socket_ops.h: POSIX or
// Winsock), so the suites carry no platform code. Owns its socket; one thread at a time.
#pragma once

#include <cstdint>
#include <utility>

#include "engine/common/bytes.h"
#include "engine/kafka/server/socket_ops.h"

namespace runnel::kafka::testing {

class LoopbackSocket {
 public:
  LoopbackSocket() = default;
  // Not open (isOpen() false) when nobody listens on `port`.
  explicit LoopbackSocket(int port) {
    if (auto s = connectTcp("127.0.0.1", port); s.isOk()) handle_ = *s;
  }
  LoopbackSocket(LoopbackSocket&& other) noexcept
      : handle_(std::exchange(other.handle_, kInvalidSocket)) {}
  LoopbackSocket& operator=(LoopbackSocket&& other) noexcept {
    if (this != &other) {
      close();
      handle_ = std::exchange(other.handle_, kInvalidSocket);
    }
    return *this;
  }
  LoopbackSocket(const LoopbackSocket&) = delete;
  LoopbackSocket& operator=(const LoopbackSocket&) = delete;
  ~LoopbackSocket() { close(); }

  bool isOpen() const { return handle_ != kInvalidSocket; }

  bool sendAll(ByteView bytes) {
    if (!isOpen()) return false;
    while (!bytes.empty()) {
      const SendBuffer buffer{bytes.data(), bytes.size()};
      auto sent = sendSome(handle_, std::span<const SendBuffer>(&buffer, 1));
      if (!sent.isOk()) return false;
      if (*sent == 0 && !waitFor(false, kTimeoutMs)) return false;
      bytes = bytes.subspan(*sent);
    }
    return true;
  }

  // Reads exactly `n` bytes; false when the peer closes or resets, or nothing comes for 10 s.
  bool receiveExactly(std::uint8_t* p, std::size_t n) {
    std::size_t have = 0;
    while (have < n) {
      if (!readableWithin(kTimeoutMs)) return false;
      bool wouldBlock = false;
      auto got = receiveSome(handle_, p + have, n - have, &wouldBlock);
      if (!got.isOk() || (*got == 0 && !wouldBlock)) return false;
      have += *got;
    }
    return true;
  }

  // True when bytes, the end of the stream or an error arrive within `timeoutMs`.
  bool readableWithin(int timeoutMs) { return waitFor(true, timeoutMs); }

  void close() {
    if (isOpen()) closeSocket(std::exchange(handle_, kInvalidSocket));
  }

 private:
  static constexpr int kTimeoutMs = 10'000;

  bool waitFor(bool read, int timeoutMs) {
    if (!isOpen()) return false;
    SocketPollEntry entry;
    entry.handle = handle_;
    entry.wantRead = read;
    entry.wantWrite = !read;
    if (!pollSockets(std::span<SocketPollEntry>(&entry, 1), timeoutMs).isOk()) return false;
    return entry.readable || entry.writable || entry.hangup;
  }

  SocketHandle handle_ = kInvalidSocket;
};

}  // namespace runnel::kafka::testing
