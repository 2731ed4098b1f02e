// The listener with a scripted dispatcher and raw TCP clients: responses come back in request
// order even when handlers finish out of order; acks=0-style "no response" requests keep the
// order; a bad frame closes only its own connection; many connections share one thread; stop()
// drops everyone and start() serves again.
#include <QtTest>
#include <atomic>
#include <chrono>
#include <random>
#include <thread>

#include "engine/common/byte_writer.h"
#include "engine/kafka/server/broker_listener.h"
#include "tests/support/loopback_socket.h"

using namespace runnel;
using namespace runnel::kafka;
using runnel::kafka::testing::LoopbackSocket;

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

Bytes request(std::int32_t id, std::int8_t mode) {
  Bytes out;
  ByteWriter w(out);
  w.putInt32(5);
  w.putInt32(id);
  w.putInt8(mode);
  return out;
}

// Reads one response frame's id; -1 on EOF/reset/timeout.
std::int32_t readResponse(LoopbackSocket& socket) {
  std::uint8_t buf[8];
  if (!socket.receiveExactly(buf, 8)) return -1;
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
    raiseOpenFileLimit(4096);
  }

  void responsesKeepRequestOrder() {
    ScriptedDispatcher dispatcher;
    BrokerListener listener(options(), &dispatcher);
    QVERIFY(listener.start().isOk());
    QVERIFY(listener.port() > 0);
    LoopbackSocket fd(listener.port());
    QVERIFY(fd.isOpen());
    Bytes pipeline;
    std::vector<std::int32_t> expected;
    for (std::int32_t id = 0; id < 200; ++id) {
      const std::int8_t mode =
          static_cast<std::int8_t>(id % 3 == 2 ? 2 : id % 3);  // mix of now, later, none
      const Bytes r = request(id, mode);
      pipeline.insert(pipeline.end(), r.begin(), r.end());
      if (mode != 2) expected.push_back(id);
    }
    QVERIFY(fd.sendAll(pipeline));
    for (std::int32_t id : expected)
      QCOMPARE(readResponse(fd), id);
    fd.close();
    dispatcher.drain();
  }

  void badFrameClosesOnlyThatConnection() {
    ScriptedDispatcher dispatcher;
    BrokerListener listener(options(), &dispatcher);
    QVERIFY(listener.start().isOk());
    LoopbackSocket good(listener.port());
    LoopbackSocket oversized(listener.port());
    LoopbackSocket malformed(listener.port());
    LoopbackSocket negative(listener.port());
    QVERIFY(good.isOpen() && oversized.isOpen() && malformed.isOpen() && negative.isOpen());

    Bytes huge;
    ByteWriter(huge).putInt32(1 << 30);  // far above maxRequestBytes
    QVERIFY(oversized.sendAll(huge));
    QVERIFY(malformed.sendAll(request(1, 3)));
    Bytes minus;
    ByteWriter(minus).putInt32(-5);
    QVERIFY(negative.sendAll(minus));
    QCOMPARE(readResponse(oversized), -1);
    QCOMPARE(readResponse(malformed), -1);
    QCOMPARE(readResponse(negative), -1);

    QVERIFY(good.sendAll(request(42, 0)));
    QCOMPARE(readResponse(good), 42);
    QTRY_COMPARE(listener.stats().closedForProtocolErrors, std::uint64_t{3});
    QTRY_COMPARE(listener.clients().size(), std::size_t{1});
    QCOMPARE(listener.clients().front().identity.clientId, std::string("scripted"));
    for (LoopbackSocket* socket : {&good, &oversized, &malformed, &negative})
      socket->close();
  }

  void truncatedFrameThenCloseIsHarmless() {
    ScriptedDispatcher dispatcher;
    BrokerListener listener(options(), &dispatcher);
    QVERIFY(listener.start().isOk());
    LoopbackSocket fd(listener.port());
    Bytes partial = request(9, 0);
    partial.resize(6);
    QVERIFY(fd.sendAll(partial));
    fd.close();
    QTRY_COMPARE(listener.clients().size(), std::size_t{0});
    LoopbackSocket again(listener.port());
    QVERIFY(again.sendAll(request(10, 0)));
    QCOMPARE(readResponse(again), 10);
    again.close();
  }

  void manyConnectionsOneThread() {
    ScriptedDispatcher dispatcher;
    ListenerOptions o = options();
    BrokerListener listener(o, &dispatcher);
    QVERIFY(listener.start().isOk());
    constexpr int kConnections = 1000;
    std::vector<LoopbackSocket> fds;
    for (int i = 0; i < kConnections; ++i) {
      LoopbackSocket fd(listener.port());
      QVERIFY2(fd.isOpen(), "connect failed (raise ulimit -n?)");
      fds.push_back(std::move(fd));
    }
    for (int i = 0; i < kConnections; ++i)
      QVERIFY(fds[static_cast<std::size_t>(i)].sendAll(request(i, 0)));
    for (int i = 0; i < kConnections; ++i)
      QCOMPARE(readResponse(fds[static_cast<std::size_t>(i)]), i);
    QTRY_COMPARE(listener.clients().size(), std::size_t{kConnections});
    for (LoopbackSocket& fd : fds)
      fd.close();
    QTRY_COMPARE(listener.clients().size(), std::size_t{0});
  }

  void stopDropsEveryoneAndStartServesAgain() {
    ScriptedDispatcher dispatcher;
    BrokerListener listener(options(), &dispatcher);
    QVERIFY(listener.start().isOk());
    const int port = listener.port();
    LoopbackSocket fd(port);
    QVERIFY(fd.sendAll(request(1, 0)));
    QCOMPARE(readResponse(fd), 1);
    QVERIFY(fd.sendAll(request(2, 1)));  // answered later, after the listener is gone
    listener.stop();
    QCOMPARE(readResponse(fd), -1);
    fd.close();
    QVERIFY(!LoopbackSocket(port).isOpen());
    dispatcher.drain();  // late responses are dropped, not crashed on

    ListenerOptions same = options();
    same.port = port;
    BrokerListener again(same, &dispatcher);
    QVERIFY(again.start().isOk());
    LoopbackSocket fd2(port);
    QVERIFY(fd2.sendAll(request(3, 0)));
    QCOMPARE(readResponse(fd2), 3);
    fd2.close();
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
