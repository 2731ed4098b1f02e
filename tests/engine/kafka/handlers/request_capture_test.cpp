// RequestCapture through a real front end: the first frame of each API version per client id is
// saved framed as sent (size prefix included), repeats are not, requests are still answered, an
// oversized frame is skipped, and a directory that cannot be created is a clear start-up error.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "engine/common/byte_writer.h"
#include "engine/kafka/front_end/kafka_front_end.h"
#include "engine/kafka/front_end/request_capture.h"
#include "engine/kafka/messages/api_versions.h"
#include "engine/kafka/messages/metadata.h"
#include "engine/kafka/protocol/message_frames.h"
#include "tests/engine/kafka/handlers/kafka_wire_client.h"

using namespace runnel;
using namespace runnel::kafka;
using runnel::kafka::testing::WireClient;

class RequestCaptureTest : public QObject {
  Q_OBJECT

 private slots:
  void savesFirstFrameOfEachApiVersion() {
    QTemporaryDir dataDir;
    QTemporaryDir captureDir;
    cluster::ClusterConfig config;
    config.brokers = 1;
    config.dataDir = dataDir.path().toStdString();
    config.basePort = 0;
    auto cluster = cluster::Cluster::open(config);
    QVERIFY2(cluster.isOk(), cluster.status().toString().c_str());
    FrontEndOptions options;
    options.basePort = 0;
    options.captureDirectory = (captureDir.path() + "/seeds").toStdString();
    auto fe = KafkaFrontEnd::start(**cluster, options);
    QVERIFY2(fe.isOk(), fe.status().toString().c_str());

    WireClient client((*fe)->port(1));
    QVERIFY(client.connected());
    ApiVersionsRequest versions;
    versions.clientSoftwareName = "capture-test";
    versions.clientSoftwareVersion = "1";
    for (int i = 0; i < 3; ++i) {  // repeats of one API version are captured once
      QVERIFY(client.send(versions, 3, 10 + i));
      QVERIFY(client.receive<ApiVersionsResponse>(3, false).has_value());
    }
    MetadataRequest metadata;
    QVERIFY(client.send(metadata, 12, 20));
    auto answer = client.receive<MetadataResponse>(12, true);
    QVERIFY(answer.has_value());
    QCOMPARE(answer->brokers.size(), std::size_t{1});
    QVERIFY(client.send(metadata, 1, 21));
    QVERIFY(client.receive<MetadataResponse>(1, false).has_value());
    // A frame over the cap (a 20 KiB client id) is answered but not kept.
    Bytes big;
    QVERIFY(
        appendRequestFrame(big, 0, 22, std::string(std::size_t{20} * 1024, 'x'), metadata).isOk());
    QVERIFY(client.sendRaw(big));
    QVERIFY(client.receive<MetadataResponse>(0, false).has_value());

    (*fe)->stop();
    QDir seeds(captureDir.path() + "/seeds");
    QStringList files = seeds.entryList(QDir::Files, QDir::Name);
    QCOMPARE(files.size(), 3);
    QVERIFY2(files[0].startsWith("ApiVersions-v3-") && files[0].endsWith(".bin"),
             qPrintable(files.join(' ')));
    QVERIFY(files[1].startsWith("Metadata-v1-"));
    QVERIFY(files[2].startsWith("Metadata-v12-"));

    // Each file is the frame as the client framed it.
    Bytes expected;
    QVERIFY(appendRequestFrame(expected, 12, 20, "wire-test", metadata).isOk());
    QFile saved(seeds.filePath(files[2]));
    QVERIFY(saved.open(QIODevice::ReadOnly));
    const QByteArray bytes = saved.readAll();
    QCOMPARE(bytes, QByteArray(reinterpret_cast<const char*>(expected.data()),
                               static_cast<qsizetype>(expected.size())));
    QVERIFY((*cluster)->close().isOk());
  }

  void unusableDirectoryIsAnError() {
    QTemporaryDir dir;
    QFile blocker(dir.path() + "/file");
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    auto capture = RequestCapture::open((dir.path() + "/file/seeds").toStdString());
    QVERIFY(!capture.isOk());
    QVERIFY2(capture.status().toString().find("capture directory") != std::string::npos,
             capture.status().toString().c_str());
  }
};

QTEST_GUILESS_MAIN(RequestCaptureTest)
#include "request_capture_test.moc"
