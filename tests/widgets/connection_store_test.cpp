// Saved remote connections: secrets go to the key store and never into the workspace file when
// one is available (a fake store stands in for QtKeychain), are stored and flagged as plain
// text when none is, follow renames and deletes; bad connections are refused with a reason and
// change nothing. The dialog masks secret values, says where secrets are kept, and its Test
// connection reports an unreachable cluster without blocking the GUI thread.
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <map>

#include "widgets/dialogs/connection_dialog.h"
#include "widgets/models/connection_store.h"
#include "widgets/models/connection_tester.h"
#include "widgets/models/secret_store.h"

using namespace runnel::widgets;

namespace {

class FakeSecretStore : public SecretStore {
 public:
  explicit FakeSecretStore(bool available) : available_(available) {}
  bool available() override { return available_; }
  QString unavailableReason() const override { return QStringLiteral("no daemon"); }
  bool write(const QString& key, const QString& value, QString* error) override {
    if (!available_ || failWrites) {
      *error = QStringLiteral("refused");
      return false;
    }
    secrets[key] = value;
    return true;
  }
  std::optional<QString> read(const QString& key, QString* error) override {
    auto it = secrets.find(key);
    if (it == secrets.end()) {
      *error = QStringLiteral("not found");
      return std::nullopt;
    }
    return it->second;
  }
  bool remove(const QString& key, QString*) override { return secrets.erase(key) > 0; }

  std::map<QString, QString> secrets;
  bool failWrites = false;

 private:
  bool available_;
};

SavedConnection prod() {
  SavedConnection c;
  c.name = "prod";
  c.bootstrapServers = "kafka1.example.com:9093, kafka2.example.com:9093";
  c.properties = {{"security.protocol", "SASL_SSL"},
                  {"sasl.mechanism", "PLAIN"},
                  {"sasl.username", "alice"},
                  {"sasl.password", "hunter2-secret-value"},
                  {"ssl.key.password", "k3y-pass-value"}};
  return c;
}

QByteArray fileBytes(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return f.readAll();
}

}  // namespace

class ConnectionStoreTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void secretsGoToTheKeyStoreNeverTheWorkspace() {
    QTemporaryDir dir;
    const QString path = dir.filePath("workspace.sqlite");
    FakeSecretStore keys(true);
    {
      ConnectionStore store(path, &keys);
      QVERIFY2(store.isOpen(), qPrintable(store.lastError()));
      QVERIFY(store.secretsProtected());
      QVERIFY2(store.save(prod()), qPrintable(store.lastError()));
      QCOMPARE(store.names(), QStringList{"prod"});
    }
    const QByteArray bytes = fileBytes(path) + fileBytes(path + "-wal");
    QVERIFY(!bytes.isEmpty());
    QVERIFY(!bytes.contains("hunter2-secret-value"));
    QVERIFY(!bytes.contains("k3y-pass-value"));
    QVERIFY(bytes.contains("alice"));  // not a secret: stays in the workspace
    QCOMPARE(keys.secrets.size(), std::size_t(2));
    QCOMPARE(keys.secrets.at("connection/prod/sasl.password"), QString("hunter2-secret-value"));

    ConnectionStore reopened(path, &keys);
    const auto loaded = reopened.load("prod");
    QVERIFY(loaded);
    SavedConnection expected = prod();
    expected.bootstrapServers = expected.bootstrapServers.trimmed();
    QCOMPARE(*loaded, expected);
    QVERIFY(!loaded->secretsInPlainText);
  }

  void withoutAKeyStoreSecretsAreMarkedPlainText() {
    QTemporaryDir dir;
    const QString path = dir.filePath("workspace.sqlite");
    FakeSecretStore absent(false);
    for (SecretStore* secrets : {static_cast<SecretStore*>(&absent), (SecretStore*)nullptr}) {
      ConnectionStore store(path, secrets);
      QVERIFY(!store.secretsProtected());
      QVERIFY(store.secretStorageNote().contains("plain text"));
      QVERIFY2(store.save(prod()), qPrintable(store.lastError()));
      const auto loaded = store.load("prod");
      QVERIFY(loaded);
      QVERIFY(loaded->secretsInPlainText);
      QCOMPARE(loaded->properties, prod().properties);  // nothing lost
    }
    QVERIFY(absent.secrets.empty());
    SavedConnection noSecrets = prod();
    noSecrets.name = "public";
    noSecrets.properties = {{"client.id", "studio"}};
    ConnectionStore store(path, nullptr);
    QVERIFY(store.save(noSecrets));
    QVERIFY(!store.load("public")->secretsInPlainText);
  }

  void renameAndDeleteMoveTheSecrets() {
    QTemporaryDir dir;
    FakeSecretStore keys(true);
    ConnectionStore store(dir.filePath("workspace.sqlite"), &keys);
    QVERIFY(store.save(prod()));
    SavedConnection renamed = prod();
    renamed.name = "production";
    renamed.properties.removeLast();  // ssl.key.password no longer set
    QVERIFY2(store.save(renamed, "prod"), qPrintable(store.lastError()));
    QCOMPARE(store.names(), QStringList{"production"});
    QCOMPARE(keys.secrets.size(), std::size_t(1));
    QCOMPARE(keys.secrets.count("connection/production/sasl.password"), std::size_t(1));
    QCOMPARE(store.load("production")->properties, renamed.properties);
    QVERIFY(store.remove("production"));
    QVERIFY(store.names().isEmpty());
    QVERIFY(keys.secrets.empty());
  }

  void badConnectionsAreRefusedAndChangeNothing_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("bootstrap");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("reason");
    QTest::newRow("no name") << ""
                             << "a:9092"
                             << "x"
                             << "name";
    QTest::newRow("no servers") << "n"
                                << " "
                                << "x"
                                << "bootstrap";
    QTest::newRow("no port") << "n"
                             << "localhost"
                             << "x"
                             << "host:port";
    QTest::newRow("port range") << "n"
                                << "h:70000"
                                << "x"
                                << "host:port";
    QTest::newRow("bootstrap prop") << "n"
                                    << "h:1"
                                    << "bootstrap.servers"
                                    << "own field";
    QTest::newRow("space in key") << "n"
                                  << "h:1"
                                  << "sasl username"
                                  << "no spaces";
  }
  void badConnectionsAreRefusedAndChangeNothing() {
    QFETCH(QString, name);
    QFETCH(QString, bootstrap);
    QFETCH(QString, key);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    FakeSecretStore keys(true);
    ConnectionStore store(dir.filePath("workspace.sqlite"), &keys);
    SavedConnection c{name, bootstrap, {{key, "v"}, {"sasl.password", "p"}}, false};
    QVERIFY(!store.save(c));
    QVERIFY2(store.lastError().contains(reason), qPrintable(store.lastError()));
    QVERIFY(store.names().isEmpty());
    QVERIFY(keys.secrets.empty());
  }

  void duplicatePropertyAndKeyStoreFailureAreRefused() {
    QTemporaryDir dir;
    FakeSecretStore keys(true);
    ConnectionStore store(dir.filePath("workspace.sqlite"), &keys);
    SavedConnection twice = prod();
    twice.properties.append(qMakePair(QString("sasl.username"), QString("bob")));
    QVERIFY(!store.save(twice));
    QVERIFY(store.lastError().contains("twice"));
    keys.failWrites = true;
    QVERIFY(!store.save(prod()));
    QVERIFY(store.lastError().contains("key store"));
    QVERIFY(store.names().isEmpty());  // not written in plain text instead
  }

  void dialogMasksSecretsAndSaysWhereTheyGo() {
    QTemporaryDir dir;
    FakeSecretStore absent(false);
    ConnectionStore store(dir.filePath("workspace.sqlite"), &absent);
    QVERIFY(store.save(prod()));
    ConnectionTester tester;
    ConnectionDialog dialog(&store, &tester);
    QCOMPARE(dialog.savedList()->count(), 1);
    QCOMPARE(dialog.nameEdit()->text(), QString("prod"));
    QTableWidget* table = dialog.propertiesTable();
    QCOMPARE(table->rowCount(), 5);
    QCOMPARE(dialog.displayedValue(2), QString("alice"));
    QVERIFY(!dialog.displayedValue(3).contains("hunter2"));
    QVERIFY(!dialog.displayedValue(3).isEmpty());
    QVERIFY(dialog.storageNote()->text().contains("plain text"));
    QCOMPARE(dialog.connection().properties, prod().properties);

    // Edit, save under a new name, delete: the list follows.
    dialog.nameEdit()->setText("staging");
    QVERIFY(dialog.save());
    QCOMPARE(store.names(), QStringList{"staging"});
    dialog.deleteSelected();
    QVERIFY(store.names().isEmpty());
    QCOMPARE(dialog.savedList()->count(), 0);
  }

  void testConnectionReportsAnUnreachableCluster() {
    QTemporaryDir dir;
    ConnectionStore store(dir.filePath("workspace.sqlite"), nullptr);
    ConnectionTester tester;
    tester.setTimeout(std::chrono::milliseconds(3000));
    ConnectionDialog dialog(&store, &tester);
    dialog.nameEdit()->setText("nowhere");
    dialog.bootstrapEdit()->setText("127.0.0.1:1");
    QSignalSpy spy(&tester, &ConnectionTester::finished);
    QElapsedTimer clock;
    clock.start();
    dialog.testConnection();
    QVERIFY(clock.elapsed() < 500);  // the GUI thread did not wait for librdkafka
    QVERIFY(!dialog.testButton()->isEnabled());
    QVERIFY(spy.wait(15000));
    QCOMPARE(spy.first().at(0).toBool(), false);
    const QString message = spy.first().at(1).toString();
    QVERIFY2(message.contains("127.0.0.1:1"), qPrintable(message));
    QVERIFY(dialog.outcomeLabel()->text().contains("127.0.0.1:1"));
    QVERIFY(dialog.testButton()->isEnabled());

    dialog.bootstrapEdit()->setText("no-port-here");
    dialog.testConnection();
    QVERIFY(dialog.outcomeLabel()->text().contains("host:port"));
  }
};

QTEST_MAIN(ConnectionStoreTest)
#include "connection_store_test.moc"
