// Socket operations: the few socket calls the broker listener makes, behind one face over POSIX
// descriptors (socket_ops_posix.cpp) and Winsock SOCKETs (socket_ops_windows.cpp), so the
// listener, its connections and the poller carry no #ifdef. Free functions, safe from any thread;
// each socket is used by one thread at a time (the listener's I/O thread, or a wake-up signaller).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "engine/common/result.h"
#include "engine/common/status.h"

namespace runnel::kafka {

#if defined(_WIN32)
// Winsock's SOCKET (a UINT_PTR), spelt without pulling <winsock2.h> into every includer.
using SocketHandle = std::uintptr_t;
inline constexpr SocketHandle kInvalidSocket = ~SocketHandle{0};
#else
using SocketHandle = int;
inline constexpr SocketHandle kInvalidSocket = -1;
#endif

// A listening TCP socket, non-blocking, and the port it got (useful when asked for port 0).
struct ListeningSocket {
  SocketHandle handle = kInvalidSocket;
  int port = 0;
};

// An accepted connection, already non-blocking with Nagle off; `peer` is "address:port".
struct AcceptedSocket {
  SocketHandle handle = kInvalidSocket;
  std::string peer;
};

// The two ends of a wake-up channel: a byte written to `signal` makes `drain` readable, which
// lets another thread interrupt the I/O thread's poll (a pipe on POSIX; a loopback TCP pair on
// Windows, whose poll only accepts sockets).
struct WakeChannel {
  SocketHandle drain = kInvalidSocket;
  SocketHandle signal = kInvalidSocket;
};

struct SocketPollEntry {
  SocketHandle handle = kInvalidSocket;
  bool wantRead = false;
  bool wantWrite = false;
  bool readable = false;  // results, set by pollSockets()
  bool writable = false;
  bool hangup = false;  // error or peer closed
};

// One piece of a gathered send.
struct SendBuffer {
  const std::uint8_t* data = nullptr;
  std::size_t size = 0;
};

// Binds `address` (dotted IPv4) : `port` and listens. A port in use is Unavailable with a message
// naming `brokerId` and how to choose another port; a bad address is InvalidArgument.
Result<ListeningSocket> listenTcp(const std::string& address, int port, std::int32_t brokerId);
// Accepts one pending connection. An empty handle (kInvalidSocket) with OK means none is pending.
Result<AcceptedSocket> acceptConnection(SocketHandle listener);
// Connects to `address` (dotted IPv4) : `port`: a blocking socket with Nagle off, for programs and
// test suites that play a Kafka client. Nobody listening is Unavailable; a bad address is
// InvalidArgument.
Result<SocketHandle> connectTcp(const std::string& address, int port);

Result<WakeChannel> openWakeChannel();
// Never blocks: a full channel already means "wake up".
void signalWake(SocketHandle signal);
void drainWake(SocketHandle drain);

// Reads up to `size` bytes. >0: bytes read; 0: the peer closed; "would block" is OK with
// *wouldBlock set. Interrupted calls are retried.
Result<std::size_t> receiveSome(SocketHandle s, std::uint8_t* buffer, std::size_t size,
                                bool* wouldBlock);
// Sends as much of `buffers` as the socket takes without blocking (0 when it is full); never
// raises SIGPIPE on a vanished peer.
Result<std::size_t> sendSome(SocketHandle s, std::span<const SendBuffer> buffers);

// Waits up to timeoutMs (-1: forever) for readiness; an interrupted wait reports nothing ready.
Status pollSockets(std::span<SocketPollEntry> entries, int timeoutMs);

void closeSocket(SocketHandle s);

// Lets the process hold at least `wanted` sockets and files when the system allows it: POSIX
// raises the soft RLIMIT_NOFILE (often 1,024) towards the hard limit; Windows has no such limit
// for sockets. Best effort: a program that cannot raise it still runs, with fewer connections.
void raiseOpenFileLimit(std::size_t wanted);

}  // namespace runnel::kafka
