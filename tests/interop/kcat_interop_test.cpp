// kcat (librdkafka 2.0.2) against runnel-server: metadata (-L) lists three brokers on their own
// ports, produce (-P) with keys and headers, consume (-C) from the beginning returns them, and
// the control commands answer one line each.
#include <QtTest>

#include "tests/interop/server_process.h"

class KcatInteropTest : public QObject {
  Q_OBJECT

 private slots:
  void metadataProduceConsume() {
    ServerProcess server(3);
    QVERIFY2(!server.bootstrap().empty(), server.stderrText().c_str());
    const QString bootstrap = QString::fromStdString(server.bootstrap());

    QString errors;
    auto metadata = runTool("kcat", {"-b", bootstrap, "-L", "-m", "10"}, {}, 30000, &errors);
    QVERIFY2(metadata, qPrintable(errors));
    QVERIFY2(metadata->find("3 brokers") != std::string::npos, metadata->c_str());

    // Keys (-K:) and a header on every message; the topic is created on first use.
    QByteArray input;
    for (int i = 0; i < 20; ++i)
      input += QByteArray("key") + QByteArray::number(i) + ":value" + QByteArray::number(i) + "\n";
    auto produced = runTool("kcat",
                            {"-b", bootstrap, "-P", "-t", "kcat-topic", "-K:", "-H", "origin=kcat",
                             "-X", "topic.request.required.acks=-1", "-m", "20"},
                            input, 40000, &errors);
    QVERIFY2(produced, qPrintable(errors));

    auto consumed = runTool("kcat",
                            {"-b", bootstrap, "-C", "-t", "kcat-topic", "-o", "beginning", "-e",
                             "-c", "20", "-f", "%k=%s|%h\\n", "-m", "20"},
                            {}, 40000, &errors);
    QVERIFY2(consumed, qPrintable(errors));
    for (int i = 0; i < 20; ++i) {
      std::string want = "key" + std::to_string(i) + "=value" + std::to_string(i) + "|origin=kcat";
      QVERIFY2(consumed->find(want) != std::string::npos, consumed->c_str());
    }

    std::string status = server.command("status");
    QVERIFY2(status.rfind("ok brokers", 0) == 0, status.c_str());
    QVERIFY2(server.command("bogus").rfind("error", 0) == 0, "unknown command answers error");
    QCOMPARE(server.shutdown(), 0);
  }
};

QTEST_GUILESS_MAIN(KcatInteropTest)
#include "kcat_interop_test.moc"
