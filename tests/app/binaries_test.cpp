// Runs the three built binaries as a user would: --help, --version, a bad option, the
// studio's refusal without a display, and runnel-sql running a script and reading stdin.
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
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

// runnel-sql on a fresh embedded cluster in `dataDir`, with `input` on stdin.
Run runSql(const QString& dataDir, const QStringList& args, const QByteArray& input = {}) {
  QProcess p;
  // The shell's log file goes under XDG_DATA_HOME: keep it out of the user's data.
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("XDG_DATA_HOME", dataDir + "/xdg");
  p.setProcessEnvironment(env);
  p.start(QStringLiteral(RUNNEL_BIN_DIR) + "/runnel-sql",
          QStringList{"--data-dir", dataDir} + args);
  if (!p.waitForStarted(10000)) return {-1, {}, QStringLiteral("did not start")};
  p.write(input);
  p.closeWriteChannel();
  if (!p.waitForFinished(60000)) {
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
  void sqlShellRunsAScriptAndPointsAtErrors() {
    QTemporaryDir dir;
    QFile script(dir.filePath("clicks.sql"));
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write(
        "CREATE STREAM clicks (user STRING KEY, page STRING)\n"
        "  WITH (KAFKA_TOPIC='clicks', VALUE_FORMAT='JSON', PARTITIONS=1);\n"
        "INSERT INTO clicks (user, page) VALUES ('ann', 'home');\n"
        "INSERT INTO clicks (user, page) VALUES ('bob', 'cart');\n"
        "SET 'auto.offset.reset' = 'earliest';\n"
        "SELECT user, page FROM clicks EMIT CHANGES LIMIT 2;\n"
        "SHOW STREAMS;\n"
        "SELECT user\n"
        "  FROM clicks WHERE;\n");
    script.close();
    const Run r = runSql(dir.filePath("data"), {"-f", script.fileName()});
    QCOMPARE(r.exitCode, 1);  // one statement failed
    // The push query's two rows, in order, then SHOW's table naming the stream.
    const QStringList out = r.out.split('\n');
    const int ann = int(out.indexOf(QRegularExpression("^\\| *ann *\\| *home *\\|$")));
    const int bob = int(out.indexOf(QRegularExpression("^\\| *bob *\\| *cart *\\|$")));
    QVERIFY2(ann >= 0 && bob > ann, qPrintable(r.out));
    QVERIFY2(r.out.indexOf("CLICKS", out.mid(0, bob + 1).join('\n').size()) > 0, qPrintable(r.out));
    // The error names line 9 and puts a caret under the offending ';'.
    const QStringList err = r.err.split('\n');
    QVERIFY2(err.value(0).startsWith("line 9:"), qPrintable(r.err));
    const int source = int(err.indexOf("  FROM clicks WHERE;"));
    QVERIFY2(source > 0, qPrintable(r.err));
    QCOMPARE(err.value(source + 1).indexOf('^'), err.value(source).indexOf(';'));
  }
  void sqlShellReadsMultiLineStatementsFromStdin() {
    QTemporaryDir dir;
    const Run r = runSql(dir.filePath("data"), {"--output", "json"},
                         "CREATE STREAM s (id INT KEY, n INT)\n"
                         "  WITH (KAFKA_TOPIC='s', VALUE_FORMAT='JSON', PARTITIONS=1);\n"
                         "INSERT INTO s (id, n) VALUES (1, 42);\n"
                         "SET 'auto.offset.reset' = 'earliest';\n"
                         "SELECT id, n * 2 AS twice\n"
                         "FROM s\n"
                         "EMIT CHANGES LIMIT 1;\n");
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    QVERIFY2(r.out.contains(QRegularExpression("\\{\"ID\":1,\"TWICE\":84\\}")), qPrintable(r.out));
    QVERIFY(!r.out.contains("runnel>"));  // no prompt when stdin is not a terminal
  }
};

QTEST_GUILESS_MAIN(BinariesTest)
#include "binaries_test.moc"
