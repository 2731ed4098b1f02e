// A minimal blocking Kafka wire client for the handler suites: connect to 127.0.0.1:port, send
// one request frame, read one response frame, decode it. Test-only; one thread per client.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <optional>

#include "engine/common/byte_writer.h"
#include "engine/common/bytes.h"
#include "engine/kafka/protocol/message.h"
#include "engine/kafka/protocol/message_frames.h"

namespace runnel::kafka::testing {

class WireClient {
 public:
  explicit WireClient(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{10, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~WireClient() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool connected() const { return fd_ >= 0; }
  // True when a response starts arriving within `timeoutMs`.
  bool answersWithin(int timeoutMs) {
    pollfd p{fd_, POLLIN, 0};
    return ::poll(&p, 1, timeoutMs) > 0;
  }

  bool send(const Message& request, std::int16_t version, std::int32_t correlationId = 1) {
    Bytes frame;
    if (!appendRequestFrame(frame, version, correlationId, "wire-test", request).isOk())
      return false;
    return sendRaw(frame);
  }
  bool sendRaw(const Bytes& frame) {
    std::size_t sent = 0;
    while (sent < frame.size()) {
      ssize_t n = ::send(fd_, frame.data() + sent, frame.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }
  // The next response frame without its size prefix, or nullopt on timeout/close.
  std::optional<Bytes> receiveFrame() {
    std::uint8_t size[4];
    if (!readExactly(size, 4)) return std::nullopt;
    Bytes body(loadBigEndian32(size));
    if (!readExactly(body.data(), body.size())) return std::nullopt;
    return body;
  }
  // Reads a response: correlation id, header tagged fields when `flexibleHeader`, then the body.
  // Decoded records fields are views into the frame, which the client keeps until the next
  // receive(): the response is valid that long.
  template <typename Response>
  std::optional<Response> receive(std::int16_t version, bool flexibleHeader,
                                  std::int32_t* correlationId = nullptr) {
    auto frame = receiveFrame();
    if (!frame || frame->size() < 4) return std::nullopt;
    lastFrame_ = std::move(*frame);
    if (correlationId)
      *correlationId = static_cast<std::int32_t>(loadBigEndian32(lastFrame_.data()));
    ByteReader in(ByteView(lastFrame_).subspan(4));
    if (flexibleHeader) {
      if (in.getInt8() != 0 || !in.ok()) return std::nullopt;  // no header tagged fields
    }
    Response r;
    if (!r.decode(in, version).isOk()) return std::nullopt;
    return r;
  }

 private:
  bool readExactly(std::uint8_t* p, std::size_t n) {
    std::size_t have = 0;
    while (have < n) {
      ssize_t got = ::recv(fd_, p + have, n - have, 0);
      if (got <= 0) return false;
      have += static_cast<std::size_t>(got);
    }
    return true;
  }
  int fd_ = -1;
  Bytes lastFrame_;  // what the last decoded response's records views point into
};

}  // namespace runnel::kafka::testing
