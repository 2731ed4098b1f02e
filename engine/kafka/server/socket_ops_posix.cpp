// Socket operations over POSIX descriptors (Linux, macOS).
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "engine/kafka/server/socket_ops.h"

namespace runnel::kafka {
namespace {

#if defined(MSG_NOSIGNAL)
constexpr int kSendFlags = MSG_NOSIGNAL;  // a vanished client must not kill the process
#else
constexpr int kSendFlags = 0;  // macOS: SO_NOSIGPIPE on the socket does it (acceptConnection)
#endif

bool setNonBlocking(int fd) {
  const int flags = fcntl(fd, F_GETFL, 0);
  return flags >= 0 && fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0;
}

std::string errorText(int err) {
  return std::strerror(err);
}

// Not inherited by child processes. macOS has no SOCK_CLOEXEC: the flag is set right after.
int newTcpSocket() {
#if defined(SOCK_CLOEXEC)
  return ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
#else
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd >= 0) fcntl(fd, F_SETFD, FD_CLOEXEC);
  return fd;
#endif
}

void setSocketOptions(int fd) {
  const int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
#if defined(SO_NOSIGPIPE)
  setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#endif
}

// Listeners and clients take numeric IPv4 addresses (brokers bind 127.0.0.1 or an interface's
// address); `action` words the error ("listen on", "connect to").
Result<sockaddr_in> ipv4Address(const std::string& address, int port, const char* action) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  if (inet_pton(AF_INET, address.c_str(), &addr.sin_addr) != 1) {
    return Status::invalidArgument(std::string("cannot ") + action + " '" + address +
                                   "': not an IPv4 address");
  }
  return addr;
}

}  // namespace

Result<ListeningSocket> listenTcp(const std::string& address, int port, std::int32_t brokerId) {
  const std::string where = address + ":" + std::to_string(port);
  RUNNEL_ASSIGN_OR_RETURN(sockaddr_in addr, ipv4Address(address, port, "listen on"));
  const int fd = newTcpSocket();
  if (fd < 0) return Status::ioError("socket: " + errorText(errno));
  const int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);  // a restarted broker rebinds at once
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    const int err = errno;
    ::close(fd);
    if (err == EADDRINUSE) {
      return Status::unavailable(
          "broker " + std::to_string(brokerId) + " cannot listen on " + where +
          ": the port is in use (is another Kafka or Runnel running? try --port)");
    }
    return Status::ioError("cannot listen on " + where + ": " + errorText(err));
  }
  if (::listen(fd, 1024) != 0 || !setNonBlocking(fd)) {
    const int err = errno;
    ::close(fd);
    return Status::ioError("cannot listen on " + where + ": " + errorText(err));
  }
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  return ListeningSocket{fd, ntohs(addr.sin_port)};
}

Result<AcceptedSocket> acceptConnection(SocketHandle listener) {
  for (;;) {
    sockaddr_in peer{};
    socklen_t len = sizeof peer;
    const int fd = ::accept(listener, reinterpret_cast<sockaddr*>(&peer), &len);
    if (fd < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) return AcceptedSocket{};
      return Status::ioError(errorText(errno));
    }
    setNonBlocking(fd);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    setSocketOptions(fd);
    char host[INET_ADDRSTRLEN] = {};
    inet_ntop(AF_INET, &peer.sin_addr, host, sizeof host);
    return AcceptedSocket{fd, std::string(host) + ":" + std::to_string(ntohs(peer.sin_port))};
  }
}

Result<SocketHandle> connectTcp(const std::string& address, int port) {
  const std::string where = address + ":" + std::to_string(port);
  RUNNEL_ASSIGN_OR_RETURN(sockaddr_in addr, ipv4Address(address, port, "connect to"));
  const int fd = newTcpSocket();
  if (fd < 0) return Status::ioError("socket: " + errorText(errno));
  int rc;
  do {
    rc = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  } while (rc != 0 && errno == EINTR);
  if (rc != 0) {
    const int err = errno;
    ::close(fd);
    const std::string message = "cannot connect to " + where + ": " + errorText(err);
    return err == ECONNREFUSED ? Status::unavailable(message) : Status::ioError(message);
  }
  setSocketOptions(fd);
  return fd;
}

Result<WakeChannel> openWakeChannel() {
  int fds[2];
  if (::pipe(fds) != 0) return Status::ioError("pipe: " + errorText(errno));
  setNonBlocking(fds[0]);
  setNonBlocking(fds[1]);
  return WakeChannel{fds[0], fds[1]};
}

void signalWake(SocketHandle signal) {
  const std::uint8_t byte = 1;
  [[maybe_unused]] auto n = ::write(signal, &byte, 1);
}

void drainWake(SocketHandle drain) {
  std::uint8_t bytes[256];
  while (::read(drain, bytes, sizeof bytes) > 0) {
  }
}

Result<std::size_t> receiveSome(SocketHandle s, std::uint8_t* buffer, std::size_t size,
                                bool* wouldBlock) {
  *wouldBlock = false;
  for (;;) {
    const ssize_t n = ::recv(s, buffer, size, 0);
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      *wouldBlock = true;
      return std::size_t{0};
    }
    return Status::ioError("read failed: " + errorText(errno));
  }
}

Result<std::size_t> sendSome(SocketHandle s, std::span<const SendBuffer> buffers) {
  iovec iov[64];
  const std::size_t count = std::min<std::size_t>(buffers.size(), 64);
  for (std::size_t i = 0; i < count; ++i) {
    iov[i].iov_base = const_cast<std::uint8_t*>(buffers[i].data);
    iov[i].iov_len = buffers[i].size;
  }
  msghdr msg{};
  msg.msg_iov = iov;
  msg.msg_iovlen = static_cast<decltype(msg.msg_iovlen)>(count);
  for (;;) {
    const ssize_t n = ::sendmsg(s, &msg, kSendFlags);
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return std::size_t{0};
    return Status::ioError("write failed: " + errorText(errno));
  }
}

Status pollSockets(std::span<SocketPollEntry> entries, int timeoutMs) {
  std::vector<pollfd> fds;
  fds.reserve(entries.size());
  for (const SocketPollEntry& e : entries) {
    fds.push_back(
        {e.handle, static_cast<short>((e.wantRead ? POLLIN : 0) | (e.wantWrite ? POLLOUT : 0)), 0});
  }
  const int n = ::poll(fds.data(), static_cast<nfds_t>(fds.size()), timeoutMs);
  if (n < 0) return errno == EINTR ? Status::ok() : Status::ioError("poll: " + errorText(errno));
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const short r = fds[i].revents;
    entries[i].readable = (r & POLLIN) != 0;
    entries[i].writable = (r & POLLOUT) != 0;
    entries[i].hangup = (r & (POLLERR | POLLHUP | POLLNVAL)) != 0;
  }
  return Status::ok();
}

void closeSocket(SocketHandle s) {
  if (s >= 0) ::close(s);
}

void raiseOpenFileLimit(std::size_t wanted) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= wanted) return;
  limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, static_cast<rlim_t>(wanted));
  setrlimit(RLIMIT_NOFILE, &limit);
}

}  // namespace runnel::kafka
