#include <QtTest>

#include <atomic>
#include <thread>

#include "engine/common/clock.h"

using namespace runnel;
using namespace std::chrono_literals;

class ClockTest : public QObject {
  Q_OBJECT
 private slots:
  void systemClockMoves() {
    Clock* clock = Clock::system();
    const auto ms = clock->nowMs();
    QVERIFY(ms > 1'600'000'000'000);  // after 2020
    const auto t0 = clock->monotonicNs();
    clock->sleepFor(2ms);
    QVERIFY(clock->monotonicNs() - t0 >= 2'000'000);
  }

  void manualClockAdvance() {
    ManualClock clock(1000);
    QCOMPARE(clock.nowMs(), 1000);
    QCOMPARE(clock.monotonicNs(), 0);
    clock.advanceMs(250);
    QCOMPARE(clock.nowMs(), 1250);
    QCOMPARE(clock.monotonicNs(), 250'000'000);
    clock.advance(500us);
    QCOMPARE(clock.nowMs(), 1250);  // 1250.5 ms floors to 1250
    QCOMPARE(clock.monotonicNs(), 250'500'000);
  }

  void manualClockSetBackwardsKeepsMonotonic() {
    ManualClock clock(5000);
    clock.setMs(7000);
    QCOMPARE(clock.monotonicNs(), 2'000'000'000);
    clock.setMs(1000);
    QCOMPARE(clock.nowMs(), 1000);
    QCOMPARE(clock.monotonicNs(), 2'000'000'000);
  }

  void sleepAdvancesInAdvanceMode() {
    ManualClock clock(0);
    clock.sleepFor(3s);
    QCOMPARE(clock.nowMs(), 3000);
  }

  void sleepBlocksUntilAdvancedInBlockMode() {
    ManualClock clock(0, ManualClock::SleepMode::kBlock);
    std::atomic<bool> woke{false};
    std::thread sleeper([&] {
      clock.sleepFor(100ms);
      woke = true;
    });
    while (clock.sleepingThreads() == 0)
      std::this_thread::yield();
    clock.advanceMs(50);
    std::this_thread::sleep_for(20ms);
    QVERIFY(!woke.load());
    clock.advanceMs(50);
    sleeper.join();
    QVERIFY(woke.load());
  }
};

QTEST_APPLESS_MAIN(ClockTest)
#include "clock_test.moc"
