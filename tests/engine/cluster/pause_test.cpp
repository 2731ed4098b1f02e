// Pausing a broker: it stays alive but answers nothing — requests wait and are answered on
// resume, a paused follower drops out of the ISR after the lag time, a paused leader is fenced
// after the session timeout (its partitions move) and rejoins as follower when resumed; a kill
// fails whatever it held.
#include <QTemporaryDir>
#include <QtTest>

#include "cluster_test_util.h"

using namespace runnel;
using namespace runnel::cluster;
using namespace runnel::cluster::testing;

namespace {

using namespace std::chrono_literals;

// Sends a produce and returns the pending answer, without waiting for it.
std::future<ProduceResponse> produceAsync(Broker& broker, const std::string& topic,
                                          const std::vector<std::string>& values,
                                          std::int16_t acks = 1) {
  auto promise = std::make_shared<std::promise<ProduceResponse>>();
  auto future = promise->get_future();
  ProduceRequest req;
  req.acks = acks;
  req.timeoutMs = 5000;
  req.partitions.push_back({topic, 0, makeBatch(values)});
  broker.produce(std::move(req),
                 [promise](ProduceResponse r) { promise->set_value(std::move(r)); });
  return future;
}

ClusterConfig pauseConfig(const QTemporaryDir& dir) {
  ClusterConfig config = fastConfig(dir.path().toStdString());
  config.replicaLagTimeMaxMs = 600;
  config.brokerSessionTimeoutMs = 0;  // tests that want a fence set it
  config.autoLeaderRebalanceEnable = false;
  return config;
}

}  // namespace

class PauseTest : public QObject {
  Q_OBJECT
 private slots:
  void pausedBrokerHoldsRequestsUntilResumed() {
    QTemporaryDir dir;
    auto c = openOrDie(pauseConfig(dir));
    QVERIFY(c->controller().createTopic(placedTopic("p", {{1, 2, 3}})).ok());
    QVERIFY(c->pauseBroker(1).isOk());
    QVERIFY(c->broker(1)->alive());
    QVERIFY(c->broker(1)->paused());
    auto answer = produceAsync(*c->broker(1), "p", valuesOf("a", 0, 3));
    QCOMPARE(answer.wait_for(400ms), std::future_status::timeout);
    const ClusterSnapshot snap = c->snapshot();
    QVERIFY(snap.brokers[0].alive && snap.brokers[0].paused);
    QVERIFY(!snap.brokers[1].paused);
    QVERIFY(c->resumeBroker(1).isOk());
    QCOMPARE(answer.wait_for(kWait), std::future_status::ready);
    const ProduceResponse r = answer.get();
    QVERIFY2(r.partitions.at(0).error.ok(), r.partitions.at(0).error.message.c_str());
    QCOMPARE(r.partitions.at(0).baseOffset, 0);
    QVERIFY(!c->snapshot().brokers[0].paused);
  }

  void pausedFollowerLeavesTheIsrAndRejoins() {
    QTemporaryDir dir;
    auto c = openOrDie(pauseConfig(dir));
    QVERIFY(c->controller().createTopic(placedTopic("p", {{1, 2, 3}})).ok());
    QVERIFY(waitUntil([&] { return settled(*c, "p", 0); }));
    QVERIFY(c->pauseBroker(3).isOk());
    QVERIFY(produce(*c->broker(1), "p", 0, makeBatch(valuesOf("a", 0, 5)), 1).error.ok());
    QVERIFY(waitUntil([&] { return state(*c, "p", 0).isr == std::vector<std::int32_t>{1, 2}; }));
    QCOMPARE(state(*c, "p", 0).leader, 1);
    // acks=all needs only the ISR that is left.
    QVERIFY(produce(*c->broker(1), "p", 0, makeBatch(valuesOf("b", 0, 5)), -1).error.ok());
    QCOMPARE(c->broker(3)->replica({"p", 0})->logEndOffset(), 0);
    QVERIFY(c->resumeBroker(3).isOk());
    QVERIFY(waitUntil([&] { return state(*c, "p", 0).isr.size() == 3; }));
    QVERIFY(waitUntil([&] { return c->broker(3)->replica({"p", 0})->logEndOffset() == 10; }));
  }

  void pausedLeaderIsFencedAndRejoinsAsFollower() {
    QTemporaryDir dir;
    ClusterConfig config = pauseConfig(dir);
    config.brokerSessionTimeoutMs = 500;
    auto c = openOrDie(config);
    QVERIFY(c->controller().createTopic(placedTopic("p", {{1, 2, 3}})).ok());
    QVERIFY(waitUntil([&] { return settled(*c, "p", 0); }));
    QVERIFY(c->pauseBroker(1).isOk());
    auto held = produceAsync(*c->broker(1), "p", valuesOf("held", 0, 2));
    QVERIFY(waitUntil([&] { return state(*c, "p", 0).leader != 1; }));
    const PartitionRecord moved = state(*c, "p", 0);
    QVERIFY(moved.leader == 2 || moved.leader == 3);
    QCOMPARE(moved.isr, (std::vector<std::int32_t>{2, 3}));
    QVERIFY(c->broker(1)->alive());
    QVERIFY(c->broker(1)->fenced());
    QVERIFY(c->snapshot().brokers[0].fenced);
    QCOMPARE(held.wait_for(0ms), std::future_status::timeout);
    QVERIFY(produce(*c->broker(moved.leader), "p", 0, makeBatch(valuesOf("a", 0, 4))).error.ok());

    QVERIFY(c->resumeBroker(1).isOk());
    QVERIFY(!c->broker(1)->fenced());
    // What the fenced leader held is refused: it no longer leads.
    QCOMPARE(held.wait_for(kWait), std::future_status::ready);
    QCOMPARE(held.get().partitions.at(0).error.code, ErrorCode::kNotLeaderOrFollower);
    QVERIFY(waitUntil([&] { return state(*c, "p", 0).isr.size() == 3; }));
    QVERIFY(waitUntil([&] { return c->broker(1)->replica({"p", 0})->logEndOffset() == 4; }));
  }

  void killingAPausedBrokerFailsWhatItHeld() {
    QTemporaryDir dir;
    auto c = openOrDie(pauseConfig(dir));
    QVERIFY(c->controller().createTopic(placedTopic("p", {{1, 2, 3}})).ok());
    QVERIFY(c->pauseBroker(1).isOk());
    auto held = produceAsync(*c->broker(1), "p", valuesOf("held", 0, 2));
    QVERIFY(c->killBroker(1).isOk());
    QCOMPARE(held.wait_for(kWait), std::future_status::ready);
    QCOMPARE(held.get().partitions.at(0).error.code, ErrorCode::kNotLeaderOrFollower);
    QVERIFY(!c->broker(1)->paused());
    QVERIFY(c->restartBroker(1).isOk());
    QVERIFY(!c->pauseBroker(99).isOk());
  }
};

QTEST_GUILESS_MAIN(PauseTest)
#include "pause_test.moc"
