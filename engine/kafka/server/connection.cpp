#include "engine/kafka/server/connection.h"

#include <cstring>

namespace runnel::kafka {

Connection::Connection(SocketHandle fd, std::uint64_t id, std::string peer,
                       std::size_t maxFrameBytes)
    : fd_(fd), id_(id), splitter_(maxFrameBytes) {
  info.connectionId = id;
  info.peerAddress = std::move(peer);
}

Connection::~Connection() {
  closeSocket(fd_);
}

Status Connection::readAvailable(std::size_t budgetBytes, std::uint64_t* bytesRead) {
  std::uint8_t buffer[64 * 1024];
  *bytesRead = 0;
  while (*bytesRead < budgetBytes) {
    bool wouldBlock = false;
    RUNNEL_ASSIGN_OR_RETURN(const std::size_t n,
                            receiveSome(fd_, buffer, sizeof buffer, &wouldBlock));
    if (wouldBlock) break;
    if (n == 0) return Status::unavailable("the client closed the connection");
    *bytesRead += n;
    RUNNEL_RETURN_IF_ERROR(splitter_.feed(ByteView(buffer, n)));
    if (n < sizeof buffer) break;  // drained for now
  }
  return Status::ok();
}

void Connection::complete(std::uint64_t slot, std::optional<Bytes> response) {
  if (slot != nextToSend_) {
    finished_.emplace(slot, std::move(response));
    return;
  }
  release(std::move(response));
  // Later responses that were waiting for this one can go now.
  for (auto it = finished_.begin(); it != finished_.end() && it->first == nextToSend_;
       it = finished_.erase(it)) {
    release(std::move(it->second));
  }
}

void Connection::release(std::optional<Bytes> response) {
  ++nextToSend_;
  --inFlight_;
  if (!response) return;
  Bytes framed(4 + response->size());
  storeBigEndian32(framed.data(), static_cast<std::uint32_t>(response->size()));
  std::memcpy(framed.data() + 4, response->data(), response->size());
  queuedBytes_ += framed.size();
  output_.push_back(std::move(framed));
}

Status Connection::flush(std::uint64_t* bytesWritten) {
  *bytesWritten = 0;
  while (!output_.empty()) {
    SendBuffer pieces[64];
    std::size_t count = 0;
    std::size_t offset = frontOffset_;
    for (auto it = output_.begin(); it != output_.end() && count < 64; ++it, ++count) {
      pieces[count] = {it->data() + offset, it->size() - offset};
      offset = 0;
    }
    RUNNEL_ASSIGN_OR_RETURN(std::size_t written, sendSome(fd_, std::span(pieces, count)));
    if (written == 0) return Status::ok();  // the socket is full; the poller says when to go on
    *bytesWritten += written;
    queuedBytes_ -= written;
    while (written > 0) {
      const std::size_t left = output_.front().size() - frontOffset_;
      if (written >= left) {
        written -= left;
        output_.pop_front();
        frontOffset_ = 0;
      } else {
        frontOffset_ += written;
        written = 0;
      }
    }
  }
  return Status::ok();
}

}  // namespace runnel::kafka
