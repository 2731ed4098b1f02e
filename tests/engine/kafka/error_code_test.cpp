// The error-code table against the protocol guide's: codes, names and retriability of a sample
// (including the newest codes), no gaps, and unknown wire values mapping to UNKNOWN_SERVER_ERROR.
#include <QtTest>

#include <set>
#include <string>

#include "engine/common/error_code.h"

using namespace runnel::kafka;

class ErrorCodeTest : public QObject {
  Q_OBJECT
 private slots:
  void knownCodes_data() {
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("retriable");
    QTest::newRow("-1") << -1 << "UNKNOWN_SERVER_ERROR" << false;
    QTest::newRow("0") << 0 << "NONE" << false;
    QTest::newRow("1") << 1 << "OFFSET_OUT_OF_RANGE" << false;
    QTest::newRow("2") << 2 << "CORRUPT_MESSAGE" << true;
    QTest::newRow("3") << 3 << "UNKNOWN_TOPIC_OR_PARTITION" << true;
    QTest::newRow("6") << 6 << "NOT_LEADER_OR_FOLLOWER" << true;
    QTest::newRow("16") << 16 << "NOT_COORDINATOR" << true;
    QTest::newRow("27") << 27 << "REBALANCE_IN_PROGRESS" << false;
    QTest::newRow("35") << 35 << "UNSUPPORTED_VERSION" << false;
    QTest::newRow("42") << 42 << "INVALID_REQUEST" << false;
    QTest::newRow("74") << 74 << "FENCED_LEADER_EPOCH" << true;
    QTest::newRow("100") << 100 << "UNKNOWN_TOPIC_ID" << true;
    QTest::newRow("110") << 110 << "FENCED_MEMBER_EPOCH" << false;
    QTest::newRow("133") << 133 << "SHARE_SESSION_LIMIT_REACHED" << true;
  }
  void knownCodes() {
    QFETCH(int, code);
    QFETCH(QString, name);
    QFETCH(bool, retriable);
    const ErrorCode error = errorCodeFromWire(static_cast<std::int16_t>(code));
    QCOMPARE(int(toWire(error)), code);
    QCOMPARE(QString::fromStdString(std::string(errorCodeName(error))), name);
    QCOMPARE(isRetriable(error), retriable);
    QCOMPARE(errorCodeDescription(error).empty(), code == 0);
  }

  void enumMatchesWire() {
    QCOMPARE(toWire(ErrorCode::kNone), std::int16_t{0});
    QCOMPARE(toWire(ErrorCode::kUnsupportedVersion), std::int16_t{35});
    QCOMPARE(toWire(ErrorCode::kNotLeaderOrFollower), std::int16_t{6});
    QCOMPARE(toWire(ErrorCode::kShareSessionLimitReached), kHighestKnownErrorCode);
  }

  void everyCodeHasAUniqueName() {
    std::set<std::string> names;
    for (int code = -1; code <= kHighestKnownErrorCode; ++code) {
      QVERIFY(isKnownErrorCode(static_cast<std::int16_t>(code)));
      const std::string name(errorCodeName(static_cast<ErrorCode>(code)));
      QVERIFY2(!name.empty() && names.insert(name).second, name.c_str());
    }
    QCOMPARE(names.size(), std::size_t(kHighestKnownErrorCode + 2));
  }

  void unknownWireValues() {
    for (std::int16_t value : {std::int16_t{-2}, std::int16_t{134}, std::int16_t{32767}}) {
      QVERIFY(!isKnownErrorCode(value));
      QCOMPARE(errorCodeFromWire(value), ErrorCode::kUnknownServerError);
    }
  }
};

QTEST_APPLESS_MAIN(ErrorCodeTest)
#include "error_code_test.moc"
