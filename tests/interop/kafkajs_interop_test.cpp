// kafkajs 2.2 (pinned by tests/interop/kafkajs/package-lock.json) under Debian's node against
// runnel-server: admin create topic and metadata, an idempotent producer with acks=all, a
// consumer group of two members that rebalances when one leaves, and a new member resuming at
// the committed offsets; every message consumed exactly once (kafkajs/kafkajs_client.js checks).
// kafkajs is installed by `npm ci` into the build directory, once, and again when the lock file
// changes. Skips when node/npm or the registry are missing, except under CI=true, where it fails.
#include <QtTest>

#include "tests/interop/server_process.h"

class KafkajsInteropTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    const bool ci = qEnvironmentVariable("CI") == QLatin1String("true");
    QString why;
    if (installKafkajs(&why)) return;
    if (ci) QFAIL(qPrintable("kafkajs is needed in CI: " + why));
    QSKIP(qPrintable("kafkajs unavailable: " + why));
  }

  void producerAndConsumerGroup() {
    ServerProcess server(3);
    QVERIFY2(!server.bootstrap().empty(), server.stderrText().c_str());
    QString errors;
    auto out = runTool(node_,
                       {QStringLiteral(RUNNEL_INTEROP_DIR "/kafkajs/kafkajs_client.js"),
                        QString::fromStdString(server.bootstrap()), installDir() + "/node_modules"},
                       {}, 60000, &errors);
    QVERIFY2(out, qPrintable(errors));
    QVERIFY2(out->rfind("OK", 0) == 0, out->c_str());
    qInfo("%s", out->c_str());
    QCOMPARE(server.shutdown(), 0);
  }

 private:
  static QString installDir() { return QStringLiteral(RUNNEL_KAFKAJS_INSTALL_DIR); }

  // `npm ci` into the build directory when kafkajs is missing or the lock file changed; a
  // re-run with everything in place only compares two files.
  bool installKafkajs(QString* why) {
    node_ = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (node_.isEmpty()) node_ = QStandardPaths::findExecutable(QStringLiteral("nodejs"));
    const QString npm = QStandardPaths::findExecutable(QStringLiteral("npm"));
    if (node_.isEmpty() || npm.isEmpty()) {
      *why = QStringLiteral("node or npm not on PATH (packaging/install-deps.sh installs them)");
      return false;
    }
    const QDir source(QStringLiteral(RUNNEL_INTEROP_DIR "/kafkajs"));
    const QDir target(installDir());
    const QString lock = QStringLiteral("package-lock.json");
    const QString installed = target.filePath(QStringLiteral("node_modules/kafkajs/package.json"));
    if (QFile::exists(installed) &&
        readAll(target.filePath(lock)) == readAll(source.filePath(lock)))
      return true;
    if (!QDir().mkpath(target.path())) {
      *why = "cannot create " + target.path();
      return false;
    }
    for (const QString& name : {QStringLiteral("package.json"), lock}) {
      QFile::remove(target.filePath(name));
      if (!QFile::copy(source.filePath(name), target.filePath(name))) {
        *why = "cannot copy " + name + " to " + target.path();
        return false;
      }
    }
    QProcess p;
    p.setWorkingDirectory(target.path());
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(npm, {"ci", "--no-audit", "--no-fund", "--loglevel=error"});
    if (!p.waitForStarted(10000) || !p.waitForFinished(120000) ||
        p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
      p.kill();
      *why = "npm ci failed: " + QString::fromUtf8(p.readAll());
      QFile::remove(target.filePath(lock));  // so the next run tries again
      return false;
    }
    if (!QFile::exists(installed)) {
      *why = "npm ci did not install kafkajs";
      return false;
    }
    return true;
  }

  static QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
  }

  QString node_;
};

QTEST_GUILESS_MAIN(KafkajsInteropTest)
#include "kafkajs_interop_test.moc"
