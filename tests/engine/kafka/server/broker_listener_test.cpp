// The listener with a scripted dispatcher and raw TCP clients: responses come back in request
// order even when handlers finish out of order; acks=0-style "no response" requests keep the
// order; a bad frame closes only its own connection; many connections share one thread; stop()
// drops everyone and start() serves again.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QtTest>
#include <atomic>
#include <chrono>
#include <random>
#include <thread>

#include "engine/common/byte_writer.h"
#include "engine/kafka/server/broker_listener.h"

using namespace runnel;
using namespace runnel::kafka;

namespace {

// Requests here are: int32 id, int8 mode (0 answer now, 1 answer later from another thread,
// 2 no response, 3 malformed -> close). Responses echo the id.
class ScriptedDispatcher : public RequestDispatcher {
 public:
  ~ScriptedDispatcher() override { drain(); }
  DispatchOutcome dispatch(const RequestContext& context, Bytes frame,
                           ResponseCallback respond) override {
    if (frame.size() < 5) return DispatchOutcome::kCloseConnection;
    ByteReader r(frame);
    const std::int32_t id = r.getInt32();
    const std::int8_t mode = r.getInt8();
    context.identity->clientId = "scripted";
    Bytes body;
    ByteWriter(body).putInt32(id);
    switch (mode) {
      case 0:
        respond(std::move(body));
        break;
      case 1: {
        std::lock_guard lock(mutex_);
        // Later requests may well finish first: the delay shrinks as ids grow.
        const int delayMs = std::max(0, 30 - (id % 10) * 3);
        workers_.emplace_back([respond, body, delayMs]() mutable {
          std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
          respond(std::move(body));
        });
        break;
      }
      case 2:
        respond(std::nullopt);
        break;
      default:
        return DispatchOutcome::kCloseConnection;
    }
    return DispatchOutcome::kAccepted;
  }
  void drain() {
    std::vector<std::thread> workers;
    {
      std::lock_guard lock(mutex_);
      workers.swap(workers_);
    }
    for (auto& t : workers)
      t.join();
  }

 private:
  std::mutex mutex_;
  std::vector<std::thread> workers_;
};

int connectTo(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  timeval tv{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

bool sendAll(int fd, const Bytes& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

Bytes request(std::int32_t id, std::int8_t mode) {
  Bytes out;
  ByteWriter w(out);
  w.putInt32(5);
  w.putInt32(id);
  w.putInt8(mode);
  return out;
}

// Reads one response frame's id; -1 on EOF/reset/timeout.
std::int32_t readResponse(int fd) {
  std::uint8_t buf[8];
  std::size_t have = 0;
  while (have < 8) {
    const ssize_t n = ::recv(fd, buf + have, 8 - have, 0);
    if (n <= 0) return -1;
    have += static_cast<std::size_t>(n);
  }
  if (loadBigEndian32(buf) != 4) return -2;
  return static_cast<std::int32_t>(loadBigEndian32(buf + 4));
}

ListenerOptions options() {
  ListenerOptions o;
  o.brokerId = 7;
  o.port = 0;
  o.maxRequestBytes = 1024;
  return o;
}

}  // namespace

class BrokerListenerTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    // 1,000 client sockets plus 1,000 server sockets need more than the usual 1,024 descriptors.
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    if (limit.rlim_cur < 4096 && limit.rlim_max > limit.rlim_cur) {
      limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, 4096);
      setrlimit(RLIMIT_NOFILE, &limit);
    }
  }

  void responsesKeepRequestOrder() {
    ScriptedDispatcher dispatcher;
    BrokerListener listener(options(), &dispatcher);
    QVERIFY(listener.start().isOk());
    QVERIFY(listener.port() > 0);
    const int fd = connectTo(listener.port());
    QVERIFY(fd >= 0);
    Bytes pipeline;
    std::vector<std::int32_t> expected;
    for (std::int32_t id = 0; id < 200; ++id) {
      const std::int8_t mode =
          static_cast<std::int8_t>(id % 3 == 2 ? 2 : id % 3);  // mix of now, later, none
      const Bytes r = request(id, mode);
      pipeline.insert(pipeline.end(), r.begin(), r.end());
      if (mode != 2) expected.push_back(id);
    }
    QVERIFY(sendAll(fd, pipeline));
    for (std::int32_t id : expected)
      QCOMPARE(readResponse(fd), id);
    ::close(fd);
    dispatcher.drain();
  }

  void badFrameClosesOnlyThatConnection() {
    ScriptedDispatcher dispatcher;
    BrokerListener listener(options(), &dispatcher);
    QVERIFY(listener.start().isOk());
    const int good = connectTo(listener.port());
    const int oversized = connectTo(listener.port());
    const int malformed = connectTo(listener.port());
    const int negative = connectTo(listener.port());
    QVERIFY(good >= 0 && oversized >= 0 && malformed >= 0 && negative >= 0);

    Bytes huge;
    ByteWriter(huge).putInt32(1 << 30);  // far above maxRequestBytes
    QVERIFY(sendAll(oversized, huge));
    QVERIFY(sendAll(malformed, request(1, 3)));
    Bytes minus;
    ByteWriter(minus).putInt32(-5);
    QVERIFY(sendAll(negative, minus));
    QCOMPARE(readResponse(oversized), -1);
    QCOMPARE(readResponse(malformed), -1);
    QCOMPARE(readResponse(negative), -1);

    QVERIFY(sendAll(good, request(42, 0)));
    QCOMPARE(readResponse(good), 42);
    QTRY_COMPARE(listener.stats().closedForProtocolErrors, std::uint64_t{3});
    QTRY_COMPARE(listener.clients().size(), std::size_t{1});
    QCOMPARE(listener.clients().front().identity.clientId, std::string("scripted"));
    for (int fd : {good, oversized, malformed, negative})
      ::close(fd);
  }

  void truncatedFrameThenCloseIsHarmless() {
    ScriptedDispatcher dispatcher;
    BrokerListener listener(options(), &dispatcher);
    QVERIFY(listener.start().isOk());
    const int fd = connectTo(listener.port());
    Bytes partial = request(9, 0);
    partial.resize(6);
    QVERIFY(sendAll(fd, partial));
    ::close(fd);
    QTRY_COMPARE(listener.clients().size(), std::size_t{0});
    const int again = connectTo(listener.port());
    QVERIFY(sendAll(again, request(10, 0)));
    QCOMPARE(readResponse(again), 10);
    ::close(again);
  }

  void manyConnectionsOneThread() {
    ScriptedDispatcher dispatcher;
    ListenerOptions o = options();
    BrokerListener listener(o, &dispatcher);
    QVERIFY(listener.start().isOk());
    constexpr int kConnections = 1000;
    std::vector<int> fds;
    for (int i = 0; i < kConnections; ++i) {
      const int fd = connectTo(listener.port());
      QVERIFY2(fd >= 0, "connect failed (raise ulimit -n?)");
      fds.push_back(fd);
    }
    for (int i = 0; i < kConnections; ++i)
      QVERIFY(sendAll(fds[static_cast<std::size_t>(i)], request(i, 0)));
    for (int i = 0; i < kConnections; ++i)
      QCOMPARE(readResponse(fds[static_cast<std::size_t>(i)]), i);
    QTRY_COMPARE(listener.clients().size(), std::size_t{kConnections});
    for (int fd : fds)
      ::close(fd);
    QTRY_COMPARE(listener.clients().size(), std::size_t{0});
  }

  void stopDropsEveryoneAndStartServesAgain() {
    ScriptedDispatcher dispatcher;
    BrokerListener listener(options(), &dispatcher);
    QVERIFY(listener.start().isOk());
    const int port = listener.port();
    const int fd = connectTo(port);
    QVERIFY(sendAll(fd, request(1, 0)));
    QCOMPARE(readResponse(fd), 1);
    QVERIFY(sendAll(fd, request(2, 1)));  // answered later, after the listener is gone
    listener.stop();
    QCOMPARE(readResponse(fd), -1);
    ::close(fd);
    QVERIFY(connectTo(port) < 0);
    dispatcher.drain();  // late responses are dropped, not crashed on

    ListenerOptions same = options();
    same.port = port;
    BrokerListener again(same, &dispatcher);
    QVERIFY(again.start().isOk());
    const int fd2 = connectTo(port);
    QVERIFY(sendAll(fd2, request(3, 0)));
    QCOMPARE(readResponse(fd2), 3);
    ::close(fd2);
  }

  void portInUseIsAClearError() {
    ScriptedDispatcher dispatcher;
    BrokerListener first(options(), &dispatcher);
    QVERIFY(first.start().isOk());
    ListenerOptions o = options();
    o.port = first.port();
    BrokerListener second(o, &dispatcher);
    const Status s = second.start();
    QVERIFY(s.isUnavailable());
    QVERIFY2(s.message().find("in use") != std::string::npos, s.toString().c_str());
  }
};

QTEST_APPLESS_MAIN(BrokerListenerTest)
#include "broker_listener_test.moc"
