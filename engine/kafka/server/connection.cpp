#include "engine/kafka/server/connection.h"

#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace runnel::kafka {
namespace {
#if defined(MSG_NOSIGNAL)
constexpr int kSendFlags = MSG_NOSIGNAL;  // a vanished client must not kill the process
#else
constexpr int kSendFlags = 0;
#endif
}  // namespace

Connection::Connection(int fd, std::uint64_t id, std::string peer, std::size_t maxFrameBytes)
    : fd_(fd), id_(id), splitter_(maxFrameBytes) {
  info.connectionId = id;
  info.peerAddress = std::move(peer);
}

Connection::~Connection() {
  if (fd_ >= 0) ::close(fd_);
}

Status Connection::readAvailable(std::size_t budgetBytes, std::uint64_t* bytesRead) {
  std::uint8_t buffer[64 * 1024];
  *bytesRead = 0;
  while (*bytesRead < budgetBytes) {
    const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n > 0) {
      *bytesRead += static_cast<std::uint64_t>(n);
      RUNNEL_RETURN_IF_ERROR(splitter_.feed(ByteView(buffer, static_cast<std::size_t>(n))));
      if (static_cast<std::size_t>(n) < sizeof buffer) break;  // drained for now
      continue;
    }
    if (n == 0) return Status::unavailable("the client closed the connection");
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) break;
    return Status::ioError(std::string("read failed: ") + std::strerror(errno));
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
    iovec iov[64];
    int count = 0;
    std::size_t offset = frontOffset_;
    for (auto it = output_.begin(); it != output_.end() && count < 64; ++it, ++count) {
      iov[count].iov_base = it->data() + offset;
      iov[count].iov_len = it->size() - offset;
      offset = 0;
    }
    msghdr msg{};
    msg.msg_iov = iov;
    msg.msg_iovlen = static_cast<decltype(msg.msg_iovlen)>(count);
    const ssize_t n = ::sendmsg(fd_, &msg, kSendFlags);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) return Status::ok();
      return Status::ioError(std::string("write failed: ") + std::strerror(errno));
    }
    std::size_t written = static_cast<std::size_t>(n);
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
