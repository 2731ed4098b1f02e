// kafka-python 2.0.2 (under /usr/bin/python3, Debian's) against runnel-server: producer with
// acks=all and headers, a consumer group that commits, and a new member resuming after it.
#include <QtTest>

#include "tests/interop/server_process.h"

class KafkaPythonInteropTest : public QObject {
  Q_OBJECT

 private slots:
  void producerAndConsumerGroup() {
    ServerProcess server(3);
    QVERIFY2(!server.bootstrap().empty(), server.stderrText().c_str());
    QString errors;
    auto out = runTool("/usr/bin/python3",
                       {QStringLiteral(RUNNEL_INTEROP_DIR "/kafka_python_client.py"),
                        QString::fromStdString(server.bootstrap())},
                       {}, 80000, &errors);
    QVERIFY2(out, qPrintable(errors));
    QVERIFY2(out->find("OK") != std::string::npos, out->c_str());
    QCOMPARE(server.shutdown(), 0);
  }
};

QTEST_GUILESS_MAIN(KafkaPythonInteropTest)
#include "kafka_python_interop_test.moc"
