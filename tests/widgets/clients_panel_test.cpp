// The Clients panel over a real 3-broker cluster and its Kafka listeners: a wire client that
// announces itself in ApiVersions appears with its client id, software, broker and address;
// its requests are counted and turned into a rate; it disappears when it disconnects. With no
// clients the panel says how to connect, naming the listeners' bootstrap servers.
#include <QLabel>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include "engine/cluster/cluster.h"
#include "engine/kafka/front_end/kafka_front_end.h"
#include "engine/kafka/messages/api_versions.h"
#include "engine/kafka/messages/metadata.h"
#include "tests/engine/kafka/handlers/kafka_wire_client.h"
#include "widgets/models/client_list_model.h"
#include "widgets/panels/clients_panel.h"
#include "widgets/style/theme.h"

using namespace runnel;
using runnel::kafka::testing::WireClient;
using runnel::widgets::ClientListModel;
using runnel::widgets::ClientsPanel;

class ClientsPanelTest : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir dir_;
  std::unique_ptr<cluster::Cluster> cluster_;
  std::unique_ptr<kafka::KafkaFrontEnd> frontEnd_;

  ClientListModel::Source source() {
    return [fe = frontEnd_.get()] { return fe->clients(); };
  }
  static QString cell(const ClientListModel& m, int row, int column) {
    return m.data(m.index(row, column), Qt::DisplayRole).toString();
  }

 private slots:
  void initTestCase() {
    // The panel screenshot must look like the studio: the theme it applies.
    widgets::Theme::instance().apply(widgets::ThemeChoice::Light);
    QVERIFY(dir_.isValid());
    cluster::ClusterConfig config;
    config.brokers = 3;
    config.dataDir = dir_.path().toStdString();
    config.basePort = 0;
    auto c = cluster::Cluster::open(config);
    QVERIFY2(c.isOk(), c.status().toString().c_str());
    cluster_ = std::move(c).value();
    kafka::FrontEndOptions options;
    options.basePort = 0;
    auto fe = kafka::KafkaFrontEnd::start(*cluster_, options);
    QVERIFY2(fe.isOk(), fe.status().toString().c_str());
    frontEnd_ = std::move(fe).value();
  }
  void cleanupTestCase() {
    frontEnd_.reset();
    if (cluster_) QVERIFY(cluster_->close().isOk());
  }

  void emptyPanelExplainsHowToConnect() {
    ClientListModel model(source());
    model.refresh();
    QTRY_VERIFY(model.rowCount() == 0);
    const QString bootstrap = QString::fromStdString(frontEnd_->bootstrapServers());
    ClientsPanel panel(&model, bootstrap);
    auto* empty = panel.findChild<QLabel*>("clientsEmpty");
    QVERIFY(empty);
    QCOMPARE(panel.findChild<QStackedWidget*>()->currentWidget(), empty);
    QVERIFY(empty->text().contains(bootstrap.toHtmlEscaped()));
    QVERIFY(empty->text().contains("kcat -L -b 127.0.0.1:"));
    QVERIFY(panel.summaryText().contains(bootstrap));
  }

  void announcedClientAppearsCountsRequestsAndLeaves() {
    ClientListModel model(source());
    const QString bootstrap = QString::fromStdString(frontEnd_->bootstrapServers());
    ClientsPanel panel(&model, bootstrap);

    auto client = std::make_unique<WireClient>(frontEnd_->port(2));
    QVERIFY(client->connected());
    kafka::ApiVersionsRequest hello;
    hello.clientSoftwareName = "orders-service";
    hello.clientSoftwareVersion = "3.1.4";
    QVERIFY(client->send(hello, 3, 1));
    QVERIFY(client->receive<kafka::ApiVersionsResponse>(3, false));

    QTRY_VERIFY_WITH_TIMEOUT((model.refresh(), model.rowCount() == 1), 5000);
    QCOMPARE(cell(model, 0, ClientListModel::ClientColumn), QString("wire-test"));
    QCOMPARE(cell(model, 0, ClientListModel::SoftwareColumn), QString("orders-service 3.1.4"));
    QCOMPARE(cell(model, 0, ClientListModel::BrokerColumn), QString("broker 2"));
    QVERIFY(cell(model, 0, ClientListModel::AddressColumn).startsWith("127.0.0.1:"));
    QCOMPARE(model.row(0)->client.requests, std::uint64_t(1));
    QCOMPARE(model.applicationCount(), 1);
    QCOMPARE(panel.findChild<QStackedWidget*>()->currentWidget(), panel.view());
    QVERIFY(panel.summaryText().startsWith("1 client over 1 connection"));

    // Ten more requests between two snapshots a known time apart: 10 requests in 2 s = 5/s.
    // (A model without a source: no timer snapshot lands between the two.)
    ClientListModel rates({});
    rates.apply(frontEnd_->clients(), 1'000'000);
    for (int i = 0; i < 10; ++i) {
      kafka::MetadataRequest metadata;
      metadata.topics = std::vector<kafka::MetadataRequest::MetadataRequestTopic>{};
      QVERIFY(client->send(metadata, 12, 10 + i));
      QVERIFY(client->receive<kafka::MetadataResponse>(12, true));
    }
    QTRY_VERIFY(!frontEnd_->clients().empty() && frontEnd_->clients()[0].requests == 11);
    rates.apply(frontEnd_->clients(), 1'002'000);
    QCOMPARE(rates.row(0)->requestsPerSec, 5.0);
    QVERIFY(rates.row(0)->bytesInPerSec > 0);
    QVERIFY(rates.row(0)->bytesOutPerSec > rates.row(0)->bytesInPerSec);  // metadata answers
    QCOMPARE(cell(rates, 0, ClientListModel::RequestRateColumn), QString("5.0/s"));
    // RUNNEL_SCREENSHOT_DIR set (docs screenshots under Xvfb): keep a picture of the panel.
    if (const QString dir = qEnvironmentVariable("RUNNEL_SCREENSHOT_DIR"); !dir.isEmpty()) {
      ClientsPanel shot(&rates, bootstrap);
      shot.resize(1000, 200);
      shot.show();
      QVERIFY(QTest::qWaitForWindowExposed(&shot));
      QVERIFY(shot.grab().save(dir + "/panel-clients.png"));
    }

    client.reset();
    QTRY_VERIFY_WITH_TIMEOUT((model.refresh(), model.rowCount() == 0), 5000);
    QCOMPARE(panel.findChild<QStackedWidget*>()->currentWidget(),
             static_cast<QWidget*>(panel.findChild<QLabel*>("clientsEmpty")));
  }

  void anonymousClientIsShownAsSuch() {
    ClientListModel model(source());
    WireClient client(frontEnd_->port(1));
    kafka::MetadataRequest metadata;
    metadata.topics = std::vector<kafka::MetadataRequest::MetadataRequestTopic>{};
    QVERIFY(client.send(metadata, 12, 1));  // no ApiVersions first: an old client
    QVERIFY(client.receive<kafka::MetadataResponse>(12, true));
    QTRY_VERIFY_WITH_TIMEOUT((model.refresh(), model.rowCount() == 1), 5000);
    QCOMPARE(cell(model, 0, ClientListModel::SoftwareColumn), QString("(not announced)"));
    QCOMPARE(cell(model, 0, ClientListModel::BrokerColumn), QString("broker 1"));
  }
};

QTEST_MAIN(ClientsPanelTest)
#include "clients_panel_test.moc"
