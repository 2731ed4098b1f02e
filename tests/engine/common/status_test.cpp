#include <QtTest>

#include "engine/common/result.h"
#include "engine/common/status.h"

using runnel::Result;
using runnel::Status;

namespace {
Result<int> parsePositive(int v) {
  if (v <= 0) return Status::invalidArgument("not positive: " + std::to_string(v));
  return v;
}
Status doubled(int v, int* out) {
  RUNNEL_ASSIGN_OR_RETURN(int checked, parsePositive(v));
  *out = checked * 2;
  return Status::ok();
}
}  // namespace

class StatusTest : public QObject {
  Q_OBJECT
 private slots:
  void okHasNoMessage() {
    Status s;
    QVERIFY(s.isOk());
    QCOMPARE(s.toString(), std::string("OK"));
    QVERIFY(s.message().empty());
  }
  void errorsCarryCodeAndMessage() {
    Status s = Status::corruption("bad CRC at byte 12");
    QVERIFY(!s.isOk());
    QVERIFY(s.isCorruption());
    QVERIFY(!s.isIoError());
    QCOMPARE(s.toString(), std::string("Corruption: bad CRC at byte 12"));
  }
  void contextIsPrefixed() {
    Status s = Status::ioError("disk full").withContext("appending to orders-0");
    QVERIFY(s.isIoError());
    QCOMPARE(s.message(), std::string("appending to orders-0: disk full"));
    QVERIFY(Status::ok().withContext("x").isOk());
  }
  void resultCarriesValueOrStatus() {
    int out = 0;
    QVERIFY(doubled(21, &out).isOk());
    QCOMPARE(out, 42);
    Status s = doubled(-1, &out);
    QVERIFY(s.isInvalidArgument());
    QCOMPARE(s.message(), std::string("not positive: -1"));
    QCOMPARE(parsePositive(-5).valueOr(7), 7);
  }
};

QTEST_APPLESS_MAIN(StatusTest)
#include "status_test.moc"
