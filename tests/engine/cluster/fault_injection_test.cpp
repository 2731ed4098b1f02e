// The randomized fault test: idempotent acks=all producers (min.insync.replicas=2) keep writing
// while brokers are killed and restarted and links cut, delayed and healed at random. Afterwards
// every acknowledged record must be in the log exactly once, in order per producer, with no gap
// below the high watermark, on every replica.
// RUNNEL_FAULT_SEED fixes the seed (else the time is used; it is printed on failure);
// RUNNEL_FAULT_SECONDS sets how long the faults go on (default 6, to stay well inside CTest).
#include <QTemporaryDir>
#include <QtTest>

#include <cstdlib>
#include <random>

#include "cluster_test_util.h"
#include "engine/common/environment.h"
#include "test_producer.h"

using namespace runnel;
using namespace runnel::cluster;
using namespace runnel::cluster::testing;

namespace {

std::uint64_t envNumber(const char* name, std::uint64_t fallback) {
  const std::string v = environmentVariable(name);
  return v.empty() ? fallback : std::strtoull(v.c_str(), nullptr, 10);
}

constexpr int kPartitions = 3;
constexpr int kProducers = 3;

}  // namespace

class FaultInjectionTest : public QObject {
  Q_OBJECT
 private slots:
  void acknowledgedRecordsSurviveRandomFaults() {
    const std::uint64_t seed = envNumber(
        "RUNNEL_FAULT_SEED",
        static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count()));
    const std::uint64_t seconds = envNumber("RUNNEL_FAULT_SECONDS", 6);
    const QByteArray tag =
        "seed " + QByteArray::number(qulonglong(seed)) +
        " (rerun with RUNNEL_FAULT_SEED=" + QByteArray::number(qulonglong(seed)) + ")";
    qInfo("fault test: %s, %llu s of faults", tag.constData(),
          static_cast<unsigned long long>(seconds));

    QTemporaryDir dir;
    auto config = fastConfig(dir.path().toStdString());
    config.minInsyncReplicas = 2;
    config.replicaLagTimeMaxMs = 400;
    config.placementSeed = static_cast<std::uint32_t>(seed);
    auto c = openOrDie(config);
    c->transport().setSeed(seed);
    QVERIFY(c->controller().createTopic(newTopic("chaos", kPartitions, 3)).ok());

    std::atomic<bool> stop{false};
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds + 8);
    std::vector<std::unique_ptr<TestProducer>> producers;
    producers.reserve(kProducers);
    std::vector<std::thread> threads;
    threads.reserve(kProducers);
    for (int i = 0; i < kProducers; ++i) {
      producers.push_back(
          std::make_unique<TestProducer>(*c, "chaos", 500 + i, "p" + std::to_string(i)));
    }
    for (int i = 0; i < kProducers; ++i) {
      threads.emplace_back([&, i] {
        std::mt19937 rng(static_cast<std::uint32_t>(seed + static_cast<std::uint64_t>(i)));
        while (!stop) {
          const int partition = static_cast<int>(rng() % kPartitions);
          const int count = 1 + static_cast<int>(rng() % 20);
          if (!producers[static_cast<std::size_t>(i)]->send(partition, count, stop, deadline))
            return;
        }
      });
    }

    // Chaos: one random action every 30-150 ms.
    std::mt19937_64 rng(seed);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
    const auto chaosEnd = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    int kills = 0, cuts = 0;
    while (std::chrono::steady_clock::now() < chaosEnd) {
      std::this_thread::sleep_for(std::chrono::milliseconds(30 + pick(120)));
      const int broker = 1 + pick(3);
      const int other = 1 + (broker + pick(2)) % 3;
      switch (pick(6)) {
        case 0: {
          int alive = 0;
          for (int id = 1; id <= 3; ++id)
            alive += c->broker(id)->alive() ? 1 : 0;
          if (alive > 1 && c->broker(broker)->alive()) {
            QVERIFY(c->killBroker(broker).isOk());
            ++kills;
          }
          break;
        }
        case 1:
        case 2:
          QVERIFY(c->restartBroker(broker).isOk());
          break;
        case 3:
          c->transport().cut(broker, other,
                             pick(2) ? LinkDirection::kBoth : LinkDirection::kOneWay);
          ++cuts;
          break;
        case 4:
          c->transport().setDelay(broker, other, pick(20));
          c->transport().setDropRate(broker, other, pick(3) * 0.1);
          break;
        default:
          c->transport().heal(broker, other);
          break;
      }
    }
    // Calm: everything back, producers get a few seconds to finish their last batch.
    c->transport().healAll();
    for (int id = 1; id <= 3; ++id)
      QVERIFY(c->restartBroker(id).isOk());
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    stop = true;
    for (auto& t : threads)
      t.join();
    std::vector<const TestProducer*> all;
    std::size_t acked = 0;
    for (const auto& p : producers) {
      QVERIFY2(p->fatal().empty(), qPrintable(QString::fromStdString(p->fatal()) + " — " + tag));
      all.push_back(p.get());
      for (const auto& [partition, records] : p->acked())
        acked += records.size();
    }
    qInfo("fault test: %zu records acknowledged, %d kills, %d cuts", acked, kills, cuts);
    QVERIFY2(acked > 0, tag.constData());

    for (int partition = 0; partition < kPartitions; ++partition) {
      QVERIFY2(waitUntil(
                   [&] {
                     return settled(*c, "chaos", partition) &&
                            state(*c, "chaos", partition).isr.size() == 3;
                   },
                   std::chrono::seconds(10)),
               qPrintable("partition " + QString::number(partition) + " did not settle — " + tag));
      auto log = readAll(*c->leaderOf({"chaos", partition}), "chaos", partition);
      const QString problem = QString::fromStdString(checkPartition(log, all, partition));
      QVERIFY2(problem.isEmpty(), qPrintable(problem + " — " + tag));
      // Every replica holds the same records.
      auto leaderBytes =
          c->leaderOf({"chaos", partition})->replica({"chaos", partition})->log().read(0, 64 << 20);
      QVERIFY(leaderBytes.isOk());
      for (int id = 1; id <= 3; ++id) {
        auto copy = c->broker(id)->replica({"chaos", partition})->log().read(0, 64 << 20);
        QVERIFY(copy.isOk());
        QVERIFY2(decode(copy->records).size() == decode(leaderBytes->records).size(),
                 qPrintable("replica on broker " + QString::number(id) + " differs — " + tag));
      }
    }
  }
};

QTEST_APPLESS_MAIN(FaultInjectionTest)
#include "fault_injection_test.moc"
