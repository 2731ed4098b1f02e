// Socket operations over Winsock 2 (Windows: MSVC and MinGW). Differences from POSIX handled here:
// Winsock must be started once per process (WSAStartup); errors come from WSAGetLastError(), not
// errno; non-blocking mode is set with ioctlsocket(FIONBIO); WSAPoll takes only sockets, so the
// wake-up channel is a loopback TCP pair instead of a pipe; and there is no SIGPIPE to suppress.
#include <winsock2.h>
#include <ws2tcpip.h>

#include <algorithm>
#include <mutex>
#include <vector>

#include "engine/common/windows_text.h"
#include "engine/kafka/server/socket_ops.h"

#if !defined(WSA_FLAG_NO_HANDLE_INHERIT)
#define WSA_FLAG_NO_HANDLE_INHERIT 0x80  // missing from older MinGW headers
#endif

namespace runnel::kafka {
namespace {

static_assert(sizeof(SocketHandle) == sizeof(SOCKET), "SocketHandle must hold a SOCKET");

std::string errorText(int err) {
  return windowsErrorText(static_cast<unsigned long>(err));
}

// Winsock stays started for the life of the process: listeners come and go (killed and restarted
// brokers), and WSACleanup at exit would race sockets still closing on other threads.
Status startWinsock() {
  static std::once_flag once;
  static int startupError = 0;
  std::call_once(once, [] {
    WSADATA data;
    startupError = WSAStartup(MAKEWORD(2, 2), &data);
  });
  if (startupError != 0) return Status::ioError("cannot start Winsock: " + errorText(startupError));
  return Status::ok();
}

Result<SOCKET> newTcpSocket() {
  RUNNEL_RETURN_IF_ERROR(startWinsock());
  // Not inherited: a child process must not keep a broker's port open after the broker closes it.
  const SOCKET s = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, nullptr, 0,
                              WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT);
  if (s == INVALID_SOCKET) return Status::ioError("socket: " + errorText(WSAGetLastError()));
  return s;
}

bool setNonBlocking(SOCKET s) {
  u_long on = 1;
  return ioctlsocket(s, FIONBIO, &on) == 0;
}

void setNoDelay(SOCKET s) {
  const BOOL one = TRUE;
  setsockopt(s, IPPROTO_TCP, TCP_NODELAY, reinterpret_cast<const char*>(&one), sizeof one);
}

std::string peerName(const sockaddr_in& addr) {
  char host[INET_ADDRSTRLEN] = {};
  inet_ntop(AF_INET, &addr.sin_addr, host, sizeof host);
  return std::string(host) + ":" + std::to_string(ntohs(addr.sin_port));
}

// Listeners and clients take numeric IPv4 addresses (brokers bind 127.0.0.1 or an interface's
// address); `action` words the error ("listen on", "connect to").
Result<sockaddr_in> ipv4Address(const std::string& address, int port, const char* action) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<u_short>(port));
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
  RUNNEL_ASSIGN_OR_RETURN(const SOCKET s, newTcpSocket());
  // Windows' SO_REUSEADDR would let a second process steal a bound port; exclusive use makes a
  // taken port fail to bind, as on POSIX. A restarted broker still rebinds at once, since Windows
  // does not hold a closed listener's port in TIME_WAIT.
  const BOOL one = TRUE;
  setsockopt(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, reinterpret_cast<const char*>(&one), sizeof one);
  if (bind(s, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    const int err = WSAGetLastError();
    closesocket(s);
    // WSAEACCES: the port is held exclusively by another process or reserved by the system.
    if (err == WSAEADDRINUSE || err == WSAEACCES) {
      return Status::unavailable(
          "broker " + std::to_string(brokerId) + " cannot listen on " + where +
          ": the port is in use (is another Kafka or Runnel running? try --port)");
    }
    return Status::ioError("cannot listen on " + where + ": " + errorText(err));
  }
  if (listen(s, 1024) != 0 || !setNonBlocking(s)) {
    const int err = WSAGetLastError();
    closesocket(s);
    return Status::ioError("cannot listen on " + where + ": " + errorText(err));
  }
  int len = sizeof addr;
  getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len);
  return ListeningSocket{static_cast<SocketHandle>(s), ntohs(addr.sin_port)};
}

Result<AcceptedSocket> acceptConnection(SocketHandle listener) {
  for (;;) {
    sockaddr_in peer{};
    int len = sizeof peer;
    const SOCKET s =
        accept(static_cast<SOCKET>(listener), reinterpret_cast<sockaddr*>(&peer), &len);
    if (s == INVALID_SOCKET) {
      const int err = WSAGetLastError();
      if (err == WSAEINTR || err == WSAECONNRESET) continue;  // the peer gave up while queued
      if (err == WSAEWOULDBLOCK) return AcceptedSocket{};
      return Status::ioError(errorText(err));
    }
    setNonBlocking(s);  // accepted sockets inherit it from the listener; set it to be sure
    setNoDelay(s);
    return AcceptedSocket{static_cast<SocketHandle>(s), peerName(peer)};
  }
}

Result<SocketHandle> connectTcp(const std::string& address, int port) {
  const std::string where = address + ":" + std::to_string(port);
  RUNNEL_ASSIGN_OR_RETURN(sockaddr_in addr, ipv4Address(address, port, "connect to"));
  RUNNEL_ASSIGN_OR_RETURN(const SOCKET s, newTcpSocket());
  if (connect(s, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    const int err = WSAGetLastError();
    closesocket(s);
    const std::string message = "cannot connect to " + where + ": " + errorText(err);
    return err == WSAECONNREFUSED ? Status::unavailable(message) : Status::ioError(message);
  }
  setNoDelay(s);
  return static_cast<SocketHandle>(s);
}

Result<WakeChannel> openWakeChannel() {
  RUNNEL_ASSIGN_OR_RETURN(const SOCKET acceptor, newTcpSocket());
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  int len = sizeof addr;
  auto fail = [&](const char* what, SOCKET a, SOCKET b) -> Status {
    const int err = WSAGetLastError();
    closesocket(acceptor);
    if (a != INVALID_SOCKET) closesocket(a);
    if (b != INVALID_SOCKET) closesocket(b);
    return Status::ioError(std::string("wake-up channel: ") + what + ": " + errorText(err));
  };
  if (bind(acceptor, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0 ||
      listen(acceptor, 1) != 0 ||
      getsockname(acceptor, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    return fail("listen", INVALID_SOCKET, INVALID_SOCKET);
  }
  auto signal = newTcpSocket();
  if (!signal.isOk()) {
    closesocket(acceptor);
    return signal.status();
  }
  if (connect(*signal, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0)
    return fail("connect", *signal, INVALID_SOCKET);
  const SOCKET drain = accept(acceptor, nullptr, nullptr);
  if (drain == INVALID_SOCKET) return fail("accept", *signal, INVALID_SOCKET);
  closesocket(acceptor);
  setNonBlocking(drain);
  setNonBlocking(*signal);
  setNoDelay(*signal);
  return WakeChannel{static_cast<SocketHandle>(drain), static_cast<SocketHandle>(*signal)};
}

void signalWake(SocketHandle signal) {
  const char byte = 1;
  send(static_cast<SOCKET>(signal), &byte, 1, 0);  // a full channel already means "wake up"
}

void drainWake(SocketHandle drain) {
  char bytes[256];
  while (recv(static_cast<SOCKET>(drain), bytes, sizeof bytes, 0) > 0) {
  }
}

Result<std::size_t> receiveSome(SocketHandle s, std::uint8_t* buffer, std::size_t size,
                                bool* wouldBlock) {
  *wouldBlock = false;
  const int want = static_cast<int>(std::min<std::size_t>(size, 1u << 30));
  for (;;) {
    const int n = recv(static_cast<SOCKET>(s), reinterpret_cast<char*>(buffer), want, 0);
    if (n >= 0) return static_cast<std::size_t>(n);
    const int err = WSAGetLastError();
    if (err == WSAEINTR) continue;
    if (err == WSAEWOULDBLOCK) {
      *wouldBlock = true;
      return std::size_t{0};
    }
    return Status::ioError("read failed: " + errorText(err));
  }
}

Result<std::size_t> sendSome(SocketHandle s, std::span<const SendBuffer> buffers) {
  WSABUF bufs[64];
  const std::size_t count = std::min<std::size_t>(buffers.size(), 64);
  for (std::size_t i = 0; i < count; ++i) {
    bufs[i].buf = reinterpret_cast<CHAR*>(const_cast<std::uint8_t*>(buffers[i].data));
    bufs[i].len = static_cast<ULONG>(std::min<std::size_t>(buffers[i].size, 1u << 30));
  }
  for (;;) {
    DWORD sent = 0;
    if (WSASend(static_cast<SOCKET>(s), bufs, static_cast<DWORD>(count), &sent, 0, nullptr,
                nullptr) == 0) {
      return static_cast<std::size_t>(sent);
    }
    const int err = WSAGetLastError();
    if (err == WSAEINTR) continue;
    if (err == WSAEWOULDBLOCK) return std::size_t{0};
    return Status::ioError("write failed: " + errorText(err));
  }
}

Status pollSockets(std::span<SocketPollEntry> entries, int timeoutMs) {
  std::vector<WSAPOLLFD> fds;
  fds.reserve(entries.size());
  for (const SocketPollEntry& e : entries) {
    WSAPOLLFD p{};
    p.fd = static_cast<SOCKET>(e.handle);
    p.events = static_cast<SHORT>((e.wantRead ? POLLRDNORM : 0) | (e.wantWrite ? POLLWRNORM : 0));
    fds.push_back(p);
  }
  const int n = WSAPoll(fds.data(), static_cast<ULONG>(fds.size()), timeoutMs);
  if (n == SOCKET_ERROR) {
    const int err = WSAGetLastError();
    return err == WSAEINTR ? Status::ok() : Status::ioError("poll: " + errorText(err));
  }
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const SHORT r = fds[i].revents;
    entries[i].readable = (r & POLLRDNORM) != 0;
    entries[i].writable = (r & POLLWRNORM) != 0;
    entries[i].hangup = (r & (POLLERR | POLLHUP | POLLNVAL)) != 0;
  }
  return Status::ok();
}

void closeSocket(SocketHandle s) {
  if (s != kInvalidSocket) closesocket(static_cast<SOCKET>(s));
}

void raiseOpenFileLimit(std::size_t) {}

}  // namespace runnel::kafka
