// A studio window on a remote cluster, offscreen, against runnel-server's Kafka listener: the
// connection dialog's Connect opens a window titled with the connection's name and "remote";
// the broker cards, topics, partition leadership and consumer groups fill in from the remote
// backend; actions that need the embedded cluster (kill/restart/add broker, faults, demo data,
// lessons) are absent; a second cluster window opens beside the first; closing them is clean.
#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

#include "app/studio/main_window.h"
#include "app/studio/remote_windows.h"
#include "app/studio/studio_session.h"
#include "engine/remote/remote_cluster_client.h"
#include "tests/interop/server_process.h"
#include "widgets/dialogs/connection_dialog.h"
#include "widgets/editor/query_tab.h"
#include "widgets/editor/sql_editor.h"
#include "widgets/models/connection_store.h"
#include "widgets/models/group_list_model.h"
#include "widgets/models/leadership_model.h"
#include "widgets/models/log_buffer.h"
#include "widgets/models/log_model.h"
#include "widgets/models/secret_store.h"
#include "widgets/models/topic_list_model.h"
#include "widgets/panels/broker_card.h"
#include "widgets/panels/demo_controls_panel.h"
#include "widgets/panels/faults_panel.h"
#include "widgets/panels/leadership_panel.h"
#include "widgets/style/theme.h"

using namespace runnel;

namespace {

// CI has no Secret Service: the test must not depend on one.
class NoKeyStore : public widgets::SecretStore {
 public:
  bool available() override { return false; }
  QString unavailableReason() const override { return QStringLiteral("test"); }
  bool write(const QString&, const QString&, QString* e) override { return *e = "none", false; }
  std::optional<QString> read(const QString&, QString*) override { return std::nullopt; }
  bool remove(const QString&, QString*) override { return false; }
};

// What each case opens its windows with: a throwaway data directory, a log, no key store.
struct RemoteStudio {
  static studio::StudioOptions optionsIn(const QTemporaryDir& dir) {
    studio::StudioOptions options;
    options.dataDirectory = dir.path();
    return options;
  }
  QTemporaryDir data;
  widgets::LogModel logModel{std::make_shared<widgets::LogBuffer>()};
  studio::RemoteWindows remotes{optionsIn(data), &logModel, {}, std::make_unique<NoKeyStore>()};
};

QStringList menuTexts(QMenuBar* bar) {
  QStringList out;
  std::function<void(QMenu*)> walk = [&](QMenu* menu) {
    for (QAction* a : menu->actions()) {
      out << a->text().remove('&');
      if (a->menu()) walk(a->menu());
    }
  };
  for (QAction* a : bar->actions())
    if (a->menu()) walk(a->menu());
  return out;
}

}  // namespace

class RemoteWindowInteropTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("RunnelTest");
    QCoreApplication::setApplicationName("RemoteWindowInteropTest");
    widgets::Theme::instance().apply(widgets::ThemeChoice::Light);
    QVERIFY2(!server_.bootstrap().empty(), server_.stderrText().c_str());
    seedTopicAndGroup();
  }

  void opensAWindowWhosePanelsFillFromTheRemoteCluster() {
    RemoteStudio fixture;
    studio::RemoteWindows& remotes = fixture.remotes;
    widgets::SavedConnection connection{"interop",
                                        QString::fromStdString(server_.bootstrap()),
                                        {{"client.id", "studio-test"}},
                                        false};
    QVERIFY2(remotes.store()->save(connection), qPrintable(remotes.store()->lastError()));

    widgets::ConnectionDialog* dialog = remotes.showDialog(nullptr);
    QVERIFY(dialog->selectSaved("interop"));
    QSignalSpy opened(&remotes, &studio::RemoteWindows::windowOpened);
    QElapsedTimer clock;
    clock.start();
    dialog->connectToCluster();
    QVERIFY(clock.elapsed() < 1000);  // connecting happens on a worker thread
    QCOMPARE(opened.count(), 1);
    studio::MainWindow* window = remotes.windows().value(0);
    QVERIFY(window);
    QVERIFY(window->isRemote());
    QVERIFY(window->windowTitle().contains("interop"));
    QVERIFY(window->windowTitle().contains("remote"));
    QTRY_VERIFY_WITH_TIMEOUT(window->session()->isOpen(), 30000);

    // Brokers, topics, leadership and groups, all through the ClusterClient interfaces.
    QTRY_COMPARE_WITH_TIMEOUT(window->findChildren<widgets::BrokerCard*>().size(), qsizetype(3),
                              20000);
    auto* topics = window->findChild<widgets::TopicListModel*>();
    QVERIFY(topics);
    QTRY_VERIFY_WITH_TIMEOUT(topics->topicNames().contains("payments"), 20000);
    auto* leadership =
        qobject_cast<widgets::LeadershipPanel*>(window->dock("leadershipDock")->widget());
    QVERIFY(leadership);
    leadership->model()->setTopic("payments");
    QTRY_COMPARE_WITH_TIMEOUT(leadership->model()->rowCount(), 4, 20000);
    int leaders = 0;
    for (int r = 0; r < leadership->model()->rowCount(); ++r)
      for (int c = 0; c < leadership->model()->columnCount(); ++c)
        leaders += leadership->model()
                       ->index(r, c)
                       .data(widgets::LeadershipModel::ReplicaRoleRole)
                       .toInt() == int(widgets::ReplicaRole::Leader);
    QCOMPARE(leaders, 4);
    auto* groups = window->findChild<widgets::GroupListModel*>();
    QVERIFY(groups);
    QTRY_VERIFY_WITH_TIMEOUT(groups->rowOf("billing") >= 0, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(groups->row(groups->rowOf("billing"))->lag, qint64(5), 20000);
    QTRY_VERIFY(window->clusterStatusLabel()->text().contains("3 of 3 brokers alive"));

    // Nothing that needs the embedded cluster is offered.
    for (auto* card : window->findChildren<widgets::BrokerCard*>()) {
      for (auto* button : card->findChildren<QPushButton*>()) {
        const QString text = button->text().remove('&');
        if (text == "Kill" || text == "Restart") QVERIFY(!button->isVisibleTo(window));
      }
    }
    const QStringList menus = menuTexts(window->menuBar());
    QVERIFY(menus.contains("Connect to Kafka Cluster…"));
    for (const char* absent : {"Kill Broker…", "Restart Broker…", "Start Embedded Cluster",
                               "Break Things", "Demo Data", "Lessons"})
      QVERIFY2(!menus.contains(absent), absent);
    for (const char* dock : {"faultsDock", "demoDock", "lessonsDock", "clientsDock"})
      QVERIFY2(!window->dock(dock)->isVisible(), dock);
    QVERIFY(!window->findChild<widgets::FaultsPanel*>());
    QVERIFY(!window->findChild<widgets::DemoControlsPanel*>());

    // A second cluster window opens beside the first.
    widgets::SavedConnection second = connection;
    second.name = "interop-2";
    studio::MainWindow* other = remotes.open(second);
    QCOMPARE(remotes.windows().size(), qsizetype(2));
    QTRY_VERIFY_WITH_TIMEOUT(other->session()->isOpen(), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(other->findChildren<widgets::BrokerCard*>().size(), qsizetype(3),
                              20000);
    QVERIFY(window->session()->client() != other->session()->client());

    saveScreenshots(remotes, window);

    other->close();
    QTRY_COMPARE(remotes.windows().size(), qsizetype(1));
    window->close();
    QTRY_COMPARE(remotes.windows().size(), qsizetype(0));
  }

  // The only broker of a cluster goes down under an open window: the status bar says the
  // connection is lost, the window stays, and it recovers on its own when the broker is back.
  void aBrokerOutageIsShownAndRecoveredFrom() {
    ServerProcess single{1};
    QVERIFY2(!single.bootstrap().empty(), single.stderrText().c_str());
    RemoteStudio fixture;
    studio::RemoteWindows& remotes = fixture.remotes;
    QPointer<studio::MainWindow> window =
        remotes.open({"single",
                      QString::fromStdString(single.bootstrap()),
                      {{"socket.connection.setup.timeout.ms", "2000"}},
                      false});
    QTRY_VERIFY_WITH_TIMEOUT(window->session()->isOpen(), 30000);
    auto statusText = [&] { return window->clusterStatusLabel()->text(); };
    QTRY_VERIFY_WITH_TIMEOUT(statusText().contains("1 of 1 brokers alive"), 20000);

    // The demo topics are not there, so the first query tab explores the cluster instead.
    auto tabs = window->workspace()->findChildren<widgets::QueryTab*>();
    QVERIFY(!tabs.isEmpty());
    const QString script = tabs.first()->editor()->text();
    QVERIFY(script.contains("SHOW TOPICS;"));
    QVERIFY(!script.contains("authorization_attempts"));

    QCOMPARE(single.command("kill 1"), std::string("ok killed 1"));
    QTRY_VERIFY_WITH_TIMEOUT(statusText().contains("connection lost"), 30000);
    QVERIFY(!window.isNull());
    const std::string restarted = single.command("restart 1");
    QVERIFY2(restarted.rfind("ok restarted", 0) == 0, restarted.c_str());
    QTRY_VERIFY_WITH_TIMEOUT(statusText().contains("1 of 1 brokers alive"), 30000);

    window->close();
    QTRY_VERIFY_WITH_TIMEOUT(remotes.windows().isEmpty(), 20000);
  }

  void anUnreachableClusterSaysWhyInTheWindow() {
    RemoteStudio fixture;
    studio::RemoteWindows& remotes = fixture.remotes;
    studio::MainWindow* window = remotes.open(
        {"gone", "127.0.0.1:1", {{"socket.connection.setup.timeout.ms", "2000"}}, false});
    QTRY_VERIFY_WITH_TIMEOUT(window->clusterStatusLabel()->text().contains("could not connect"),
                             30000);
    QVERIFY(!window->session()->isOpen());
    QVERIFY(window->statusBar()->currentMessage().contains("127.0.0.1:1"));
  }

  // Closing a window whose cluster is still connecting must not wait for the connect timeout on
  // the GUI thread: the window goes at once, its session when the attempt answers.
  void closingAWindowWhileConnectingDoesNotWait() {
    RemoteStudio fixture;
    studio::RemoteWindows& remotes = fixture.remotes;
    QPointer<studio::MainWindow> window = remotes.open(
        {"slow", "127.0.0.1:1", {{"socket.connection.setup.timeout.ms", "2000"}}, false});
    QPointer<studio::StudioSession> session = window->session();
    QVERIFY(session);
    QVERIFY(session->isOpening());
    window->close();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QVERIFY(window.isNull());
    QVERIFY(remotes.windows().isEmpty());
    QVERIFY(session);  // still waiting for its answer, off the GUI thread
    QTRY_VERIFY_WITH_TIMEOUT(session.isNull(), 30000);
  }

 private:
  // With RUNNEL_SCREENSHOT_DIR set (run under Xvfb), saves the dialog and the remote window for
  // docs/screenshots/.
  void saveScreenshots(studio::RemoteWindows& remotes, studio::MainWindow* window) {
    const QString dir = qEnvironmentVariable("RUNNEL_SCREENSHOT_DIR");
    if (dir.isEmpty()) return;
    window->resize(1500, 920);
    QTest::qWait(2500);  // let a few views and chart points arrive
    QVERIFY(window->grab().save(dir + "/panel-remote-window.png"));
    widgets::SavedConnection staging{"kafka-staging",
                                     "kafka-staging.example.com:9093",
                                     {{"security.protocol", "SASL_SSL"},
                                      {"sasl.mechanism", "SCRAM-SHA-512"},
                                      {"sasl.username", "studio"},
                                      {"sasl.password", "not-shown"},
                                      {"ssl.ca.location", "/etc/ssl/certs/ca-certificates.crt"}},
                                     false};
    widgets::ConnectionDialog* dialog = remotes.showDialog(window);
    dialog->newConnection();
    dialog->setConnection(staging);
    QVERIFY(dialog->save());
    QVERIFY(dialog->selectSaved("interop"));
    dialog->testConnection();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->testButton()->isEnabled(), 20000);
    QVERIFY(dialog->grab().save(dir + "/panel-connection-dialog.png"));
    QVERIFY(dialog->selectSaved("kafka-staging"));
    QVERIFY(dialog->grab().save(dir + "/panel-connection-dialog-sasl.png"));
    dialog->close();
  }

  void seedTopicAndGroup() {
    remote::RemoteConfig config;
    config.bootstrapServers = server_.bootstrap();
    auto client = remote::RemoteClusterClient::open(config);
    QVERIFY2(client.isOk(), client.status().toString().c_str());
    QVERIFY((*client)->admin().createTopic({"payments", 4, 3, {}, {}}).isOk());
    auto producer = (*client)->createProducer({});
    QVERIFY(producer.isOk());
    for (int i = 0; i < 20; ++i) {
      client::ProducerRecord r;
      r.topic = "payments";
      r.partition = i % 4;
      r.value = toBytes("payment-" + std::to_string(i));
      (*producer)->send(std::move(r));
    }
    QVERIFY((*producer)->flush(std::chrono::seconds(20)).isOk());
    producer->reset();
    // A group that read 15 of the 20 records and committed: lag 5.
    client::ConsumerConfig cc;
    cc.groupId = "billing";
    cc.autoOffsetReset = client::OffsetReset::kEarliest;
    cc.enableAutoCommit = false;
    auto consumer = (*client)->createConsumer(cc);
    QVERIFY(consumer.isOk());
    std::vector<client::TopicPartition> all;
    all.reserve(4);
    for (int p = 0; p < 4; ++p)
      all.push_back({"payments", p});
    QVERIFY((*consumer)->assign(all).isOk());
    client::OffsetMap offsets;
    for (const auto& tp : all)
      offsets[tp].offset = tp.partition == 0 ? 0 : 5;  // partition 0 (5 records) unread
    QVERIFY2((*consumer)->commitSync(offsets).isOk(), "commit");
    consumer->reset();
  }

  ServerProcess server_{3};
};

QTEST_MAIN(RemoteWindowInteropTest)
#include "remote_window_interop_test.moc"
