// A minimal blocking Kafka wire client for the handler suites: connect to 127.0.0.1:port, send
// one request frame, read one response frame, decode it. Test-only; one thread per client.
#pragma once

#include <optional>

#include "engine/common/byte_writer.h"
#include "engine/common/bytes.h"
#include "engine/kafka/protocol/message.h"
#include "engine/kafka/protocol/message_frames.h"
#include "tests/support/loopback_socket.h"

namespace runnel::kafka::testing {

class WireClient {
 public:
  explicit WireClient(int port) : socket_(port) {}
  bool connected() const { return socket_.isOpen(); }
  // True when a response starts arriving within `timeoutMs`.
  bool answersWithin(int timeoutMs) { return socket_.readableWithin(timeoutMs); }

  bool send(const Message& request, std::int16_t version, std::int32_t correlationId = 1) {
    Bytes frame;
    if (!appendRequestFrame(frame, version, correlationId, "wire-test", request).isOk())
      return false;
    return sendRaw(frame);
  }
  bool sendRaw(const Bytes& frame) { return socket_.sendAll(frame); }
  // The next response frame without its size prefix, or nullopt on timeout/close.
  std::optional<Bytes> receiveFrame() {
    std::uint8_t size[4];
    if (!socket_.receiveExactly(size, 4)) return std::nullopt;
    Bytes body(loadBigEndian32(size));
    if (!socket_.receiveExactly(body.data(), body.size())) return std::nullopt;
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
  LoopbackSocket socket_;
  Bytes lastFrame_;  // what the last decoded response's records views point into
};

}  // namespace runnel::kafka::testing
