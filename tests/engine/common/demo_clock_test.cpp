#include <QtTest>

#include "engine/common/demo_clock.h"

using namespace runnel;

class DemoClockTest : public QObject {
  Q_OBJECT
 private slots:
  void runsAtItsSpeed() {
    ManualClock real(1'000'000);
    DemoClock demo(&real, 5'000, 60.0);  // a minute per second
    QCOMPARE(demo.nowMs(), std::int64_t{5'000});
    real.advanceMs(1'000);
    QCOMPARE(demo.nowMs(), std::int64_t{65'000});
    demo.setSpeed(1.0);
    real.advanceMs(500);
    QCOMPARE(demo.nowMs(), std::int64_t{65'500});
  }
  void pauseFreezesAndStepMoves() {
    ManualClock real(0);
    DemoClock demo(&real, 0, 10.0);
    real.advanceMs(100);
    demo.pause();
    QVERIFY(demo.isPaused());
    real.advanceMs(10'000);
    QCOMPARE(demo.nowMs(), std::int64_t{1'000});
    demo.stepMs(300'000);  // step five minutes while paused
    QCOMPARE(demo.nowMs(), std::int64_t{301'000});
    demo.resume();
    real.advanceMs(1);
    QCOMPARE(demo.nowMs(), std::int64_t{301'010});
  }
  void monotonicTimeStaysReal() {
    ManualClock real(0);
    DemoClock demo(&real, 0, 1000.0);
    const auto before = demo.monotonicNs();
    real.advanceMs(2);
    QCOMPARE(demo.monotonicNs() - before, std::int64_t{2'000'000});
  }
  void setMsRestarts() {
    ManualClock real(0);
    DemoClock demo(&real, 0, 2.0);
    real.advanceMs(100);
    demo.setMs(42);
    QCOMPARE(demo.nowMs(), std::int64_t{42});
    demo.setSpeed(-3);  // ignored: speed must be positive
    QCOMPARE(demo.speed(), 2.0);
  }
};

QTEST_APPLESS_MAIN(DemoClockTest)
#include "demo_clock_test.moc"
