// Runs the three built binaries as a user would: --help, --version, a bad option, and the
// studio's refusal without a display.
#include <QProcess>
#include <QtTest>

#include "engine/common/version.h"

namespace {
struct Run {
  int exitCode;
  QString out;
  QString err;
};

Run run(const QString& binary, const QStringList& args,
        const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
  QProcess p;
  p.setProcessEnvironment(env);
  p.start(QStringLiteral(RUNNEL_BIN_DIR) + "/" + binary, args);
  if (!p.waitForFinished(30000)) {
    p.kill();
    return {-1, {}, QStringLiteral("timed out")};
  }
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
          QString::fromUtf8(p.readAllStandardOutput()),
          QString::fromUtf8(p.readAllStandardError())};
}

QStringList binaries() {
  QStringList list{"runnel-server", "runnel-sql"};
  if (RUNNEL_HAS_STUDIO) list << "runnel";
  return list;
}
}  // namespace

class BinariesTest : public QObject {
  Q_OBJECT
 private slots:
  void versionPrintsTheProjectVersion() {
    for (const QString& b : binaries()) {
      const Run r = run(b, {"--version"});
      QCOMPARE(r.exitCode, 0);
      QCOMPARE(r.out.trimmed(), b + " " + QString::fromLatin1(runnel::kVersion));
    }
  }
  void helpDescribesOptions() {
    for (const QString& b : binaries()) {
      const Run r = run(b, {"--help"});
      QCOMPARE(r.exitCode, 0);
      QVERIFY2(r.out.startsWith("Usage: " + b), qPrintable(r.out));
      QVERIFY(r.out.contains("--version"));
    }
    QVERIFY(run("runnel-server", {"--help"}).out.contains("--brokers N"));
    QVERIFY(run("runnel-sql", {"--help"}).out.contains("--file FILE"));
  }
  void unknownOptionExitsWithTwo() {
    for (const QString& b : binaries()) {
      const Run r = run(b, {"--no-such-option"});
      QCOMPARE(r.exitCode, 2);
      QVERIFY2(r.err.contains("unknown option '--no-such-option'"), qPrintable(r.err));
      QVERIFY(r.out.isEmpty());
    }
  }
  void badValueExitsWithTwo() {
    QCOMPARE(run("runnel-server", {"--brokers", "0"}).exitCode, 2);
    QCOMPARE(run("runnel-sql", {"--output", "xml"}).exitCode, 2);
  }
  void studioWithoutDisplayPointsAtServer() {
    if (!RUNNEL_HAS_STUDIO) QSKIP("built without the studio");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove("DISPLAY");
    env.remove("WAYLAND_DISPLAY");
    env.remove("QT_QPA_PLATFORM");
    const Run r = run("runnel", {}, env);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("no display found"), qPrintable(r.err));
    QVERIFY(r.err.contains("runnel-server"));
  }
};

QTEST_GUILESS_MAIN(BinariesTest)
#include "binaries_test.moc"
