// Transport: delivery between registered brokers, delay, drop rate, cuts (one-way and
// symmetric), isolation, healing and the list of active faults.
#include <QtTest>

#include <atomic>
#include <chrono>
#include <future>

#include "engine/cluster/transport.h"

using namespace runnel;
using namespace runnel::cluster;

namespace {

// Answers every fetch with the replica id it came from, in the high watermark field.
class EchoEndpoint : public TransportEndpoint {
 public:
  void handleReplicaFetch(FetchRequest request, FetchCallback done) override {
    ++calls;
    FetchResponse r;
    r.partitions.push_back({});
    r.partitions.back().highWatermark = request.replicaId;
    done(std::move(r));
  }
  std::atomic<int> calls{0};
};

FetchResponse fetchSync(Transport& t, int from, int to) {
  std::promise<FetchResponse> p;
  auto f = p.get_future();
  FetchRequest req;
  req.replicaId = from;
  t.replicaFetch(from, to, req, [&p](FetchResponse r) { p.set_value(std::move(r)); });
  if (f.wait_for(std::chrono::seconds(5)) != std::future_status::ready)
    qFatal("transport did not answer");
  return f.get();
}

}  // namespace

class TransportTest : public QObject {
  Q_OBJECT
 private slots:
  void deliversBetweenRegisteredBrokers() {
    Transport t(*Clock::system());
    EchoEndpoint b1, b2;
    t.registerEndpoint(1, &b1);
    t.registerEndpoint(2, &b2);
    auto r = fetchSync(t, 1, 2);
    QVERIFY(r.error.ok());
    QCOMPARE(r.partitions.at(0).highWatermark, 1);
    QCOMPARE(b2.calls.load(), 1);
    t.unregisterEndpoint(2);
    QCOMPARE(fetchSync(t, 1, 2).error.code, ErrorCode::kNetworkException);
    QVERIFY(t.activeFaults().empty());
  }

  void oneWayCutLosesOnlyThatDirection() {
    Transport t(*Clock::system());
    EchoEndpoint b1, b2;
    t.registerEndpoint(1, &b1);
    t.registerEndpoint(2, &b2);
    t.cut(2, 1, LinkDirection::kOneWay);
    // Request 1 -> 2 arrives (the leader sees it) but the answer 2 -> 1 is lost.
    auto r = fetchSync(t, 1, 2);
    QCOMPARE(r.error.code, ErrorCode::kNetworkException);
    QCOMPARE(b2.calls.load(), 1);
    // Request 2 -> 1 is lost before it arrives.
    QCOMPARE(fetchSync(t, 2, 1).error.code, ErrorCode::kNetworkException);
    QCOMPARE(b1.calls.load(), 0);
    auto faults = t.activeFaults();
    QCOMPARE(int(faults.size()), 1);
    QVERIFY(!faults[0].bothWays);
    QCOMPARE(QString::fromStdString(faults[0].description), QString::fromUtf8("link 2 → 1 cut"));
    t.heal(2, 1, LinkDirection::kOneWay);
    QVERIFY(fetchSync(t, 1, 2).error.ok());
    QVERIFY(t.activeFaults().empty());
  }

  void symmetricFaultsAreListedOnce() {
    Transport t(*Clock::system());
    t.cut(3, 1);
    t.setDelay(1, 2, 50);
    t.setDropRate(1, 2, 0.1, LinkDirection::kOneWay);
    t.isolate(4);
    auto faults = t.activeFaults();
    QCOMPARE(int(faults.size()), 4);
    QStringList d;
    for (const auto& f : faults)
      d << QString::fromStdString(f.description);
    QVERIFY2(d.contains(QString::fromUtf8("link 1 ↔ 3 cut")), qPrintable(d.join("; ")));
    QVERIFY2(d.contains(QString::fromUtf8("link 1 → 2: 50 ms delay, 10% dropped")),
             qPrintable(d.join("; ")));
    QVERIFY2(d.contains(QString::fromUtf8("link 2 → 1: 50 ms delay")), qPrintable(d.join("; ")));
    QVERIFY(d.contains("broker 4 isolated from every other broker"));
    t.healAll();
    QVERIFY(t.activeFaults().empty());
  }

  void isolationCutsEveryLink() {
    Transport t(*Clock::system());
    EchoEndpoint b1, b2, b3;
    t.registerEndpoint(1, &b1);
    t.registerEndpoint(2, &b2);
    t.registerEndpoint(3, &b3);
    t.isolate(2);
    QCOMPARE(fetchSync(t, 1, 2).error.code, ErrorCode::kNetworkException);
    QCOMPARE(fetchSync(t, 2, 3).error.code, ErrorCode::kNetworkException);
    QVERIFY(fetchSync(t, 1, 3).error.ok());
  }

  void delayHoldsBothDirections() {
    Transport t(*Clock::system());
    EchoEndpoint b1, b2;
    t.registerEndpoint(1, &b1);
    t.registerEndpoint(2, &b2);
    t.setDelay(1, 2, 30);
    const auto start = std::chrono::steady_clock::now();
    QVERIFY(fetchSync(t, 1, 2).error.ok());
    const auto elapsed = std::chrono::steady_clock::now() - start;
    QVERIFY(elapsed >= std::chrono::milliseconds(60));  // 30 ms there, 30 ms back
  }

  void dropRateIsSeededAndRoughlyRight() {
    auto lostOf = [](std::uint64_t seed) {
      Transport t(*Clock::system(), seed);
      EchoEndpoint b1, b2;
      t.registerEndpoint(1, &b1);
      t.registerEndpoint(2, &b2);
      t.setDropRate(1, 2, 0.3, LinkDirection::kOneWay);
      std::vector<bool> lost;
      lost.reserve(400);
      for (int i = 0; i < 400; ++i)
        lost.push_back(!fetchSync(t, 1, 2).error.ok());
      return lost;
    };
    auto a = lostOf(42), b = lostOf(42);
    QCOMPARE(a, b);  // same seed, same losses
    const auto n = std::count(a.begin(), a.end(), true);
    QVERIFY2(n > 80 && n < 160, qPrintable(QString::number(n)));
  }
};

QTEST_APPLESS_MAIN(TransportTest)
#include "transport_test.moc"
