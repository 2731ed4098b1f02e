#include "widgets/models/connection_store.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include "engine/remote/remote_config.h"
#include "widgets/models/secret_store.h"

namespace runnel::widgets {
namespace {

// Where a property's value lives, as the workspace records it.
const QString kInWorkspace = QStringLiteral("workspace");
const QString kInKeyStore = QStringLiteral("keystore");
const QString kPlainText = QStringLiteral("plaintext");

// The stored properties of one row, values of key-store secrets left empty.
struct StoredProperty {
  QString key;
  QString value;
  QString where;
};

QList<StoredProperty> parseProperties(const QString& json) {
  QList<StoredProperty> out;
  for (const QJsonValue v : QJsonDocument::fromJson(json.toUtf8()).array()) {
    const QJsonObject o = v.toObject();
    out.append({o.value("key").toString(), o.value("value").toString(),
                o.value("where").toString(kInWorkspace)});
  }
  return out;
}

}  // namespace

ConnectionStore::ConnectionStore(const QString& path, SecretStore* secrets)
    : db_(path,
          {"CREATE TABLE IF NOT EXISTS remote_connections (name TEXT PRIMARY KEY, "
           "bootstrap TEXT NOT NULL, properties TEXT NOT NULL, updated_ms INTEGER NOT NULL)"}),
      secrets_(secrets),
      lastError_(db_.lastError()) {}

ConnectionStore::~ConnectionStore() = default;

bool ConnectionStore::failed(const QString& error) const {
  lastError_ = error;
  return false;
}

bool ConnectionStore::isSecretKey(const QString& key) {
  return remote::RemoteConfig::isSecret(key.trimmed().toLower().toStdString());
}

bool ConnectionStore::secretsProtected() const {
  return secrets_ && secrets_->available();
}

QString ConnectionStore::secretStorageNote() const {
  if (secretsProtected())
    return QObject::tr("Passwords and keys are kept in the system key store.");
  const QString why = secrets_ ? secrets_->unavailableReason() : QString();
  return QObject::tr(
             "Passwords and keys are stored in plain text in the workspace: no key store "
             "on this system%1.")
      .arg(why.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(why));
}

QString ConnectionStore::secretKey(const QString& connection, const QString& property) const {
  return QStringLiteral("connection/%1/%2").arg(connection, property);
}

QString ConnectionStore::validate(const SavedConnection& c) {
  if (c.name.trimmed().isEmpty()) return QObject::tr("Give the connection a name.");
  if (c.name.trimmed().size() > 100) return QObject::tr("The name is longer than 100 characters.");
  const QStringList servers = c.bootstrapServers.trimmed().split(',', Qt::SkipEmptyParts);
  if (servers.isEmpty())
    return QObject::tr("Enter the bootstrap servers, as host:port (comma-separated).");
  for (const QString& raw : servers) {
    const QString server = raw.trimmed();
    const qsizetype colon = server.lastIndexOf(':');
    bool portOk = false;
    const int port = colon > 0 ? server.mid(colon + 1).toInt(&portOk) : 0;
    if (colon <= 0 || !portOk || port < 1 || port > 65535)
      return QObject::tr("'%1' is not host:port (for example kafka1.example.com:9092).")
          .arg(server);
  }
  QSet<QString> seen;
  for (const auto& [key, value] : c.properties) {
    const QString k = key.trimmed();
    if (k.isEmpty())
      return QObject::tr("A property has a value (%1) but no name.")
          .arg(isSecretKey(k) ? QStringLiteral("…") : value);
    if (k.contains(' ')) return QObject::tr("Property names have no spaces: '%1'.").arg(k);
    if (k == QLatin1String("bootstrap.servers"))
      return QObject::tr("Put the bootstrap servers in their own field, not as a property.");
    if (seen.contains(k)) return QObject::tr("The property %1 is set twice.").arg(k);
    seen.insert(k);
  }
  return {};
}

QStringList ConnectionStore::names() const {
  QStringList out;
  if (!db_.isOpen()) return out;
  auto rows = db_.prepare("SELECT name FROM remote_connections ORDER BY name COLLATE NOCASE");
  while (rows.next())
    out << rows.text(0);
  return out;
}

std::optional<SavedConnection> ConnectionStore::load(const QString& name) const {
  if (!db_.isOpen()) return std::nullopt;
  auto row = db_.prepare("SELECT bootstrap, properties FROM remote_connections WHERE name = ?1");
  row.bind(1, name);
  if (!row.next()) {
    lastError_ = QObject::tr("no saved connection called %1").arg(name);
    return std::nullopt;
  }
  SavedConnection c;
  c.name = name;
  c.bootstrapServers = row.text(0);
  for (const StoredProperty& p : parseProperties(row.text(1))) {
    QString value = p.value;
    if (p.where == kInKeyStore) {
      QString error;
      std::optional<QString> secret =
          secrets_ ? secrets_->read(secretKey(name, p.key), &error) : std::nullopt;
      // The row stays usable: the user sees an empty secret and the reason, and can retype it.
      if (!secret)
        lastError_ = QObject::tr("the key store did not return %1: %2")
                         .arg(p.key, secrets_ ? error : QObject::tr("no key store"));
      value = secret.value_or(QString());
    } else if (p.where == kPlainText) {
      c.secretsInPlainText = true;
    }
    c.properties.append({p.key, value});
  }
  return c;
}

bool ConnectionStore::save(const SavedConnection& input, const QString& previousName) {
  if (!db_.isOpen()) return false;
  if (const QString problem = validate(input); !problem.isEmpty()) {
    lastError_ = problem;
    return false;
  }
  SavedConnection c = input;
  c.name = c.name.trimmed();
  c.bootstrapServers = c.bootstrapServers.trimmed();
  const QString oldName = previousName.isEmpty() ? c.name : previousName;
  const std::optional<SavedConnection> old = load(oldName);
  const bool toKeyStore = secretsProtected();

  QJsonArray properties;
  QSet<QString> inKeyStore;
  for (auto [key, value] : c.properties) {
    key = key.trimmed();
    QString where = kInWorkspace;
    if (isSecretKey(key)) {
      if (toKeyStore) {
        QString error;
        if (!secrets_->write(secretKey(c.name, key), value, &error)) {
          lastError_ = QObject::tr("the key store refused %1: %2").arg(key, error);
          return false;
        }
        inKeyStore.insert(key);
        value.clear();
        where = kInKeyStore;
      } else {
        where = kPlainText;
      }
    }
    properties.append(QJsonObject{{"key", key}, {"value", value}, {"where", where}});
  }

  if (!db_.exec("BEGIN")) return failed(db_.lastError());
  bool written = true;
  if (oldName != c.name) {
    auto rename = db_.prepare("DELETE FROM remote_connections WHERE name = ?1");
    written = rename.bind(1, oldName).run();
  }
  if (written) {
    auto upsert = db_.prepare(
        "INSERT INTO remote_connections (name, bootstrap, properties, updated_ms) "
        "VALUES (?1, ?2, ?3, ?4) ON CONFLICT(name) DO UPDATE SET bootstrap = ?2, "
        "properties = ?3, updated_ms = ?4");
    upsert.bind(1, c.name)
        .bind(2, c.bootstrapServers)
        .bind(3, QString::fromUtf8(QJsonDocument(properties).toJson(QJsonDocument::Compact)))
        .bind(4, QDateTime::currentMSecsSinceEpoch());
    written = upsert.run();
  }
  if (!written) {
    const QString error = db_.lastError();
    db_.exec("ROLLBACK");
    return failed(error);
  }
  if (!db_.exec("COMMIT")) return failed(db_.lastError());

  // Secrets the saved version no longer keeps (renamed, removed, or now in plain text).
  if (old && secrets_) {
    for (const auto& [key, value] : old->properties) {
      if (!isSecretKey(key) || (oldName == c.name && inKeyStore.contains(key))) continue;
      QString ignored;
      secrets_->remove(secretKey(oldName, key), &ignored);
    }
  }
  return true;
}

void ConnectionStore::forgetSecrets(const SavedConnection& c) {
  if (!secrets_) return;
  for (const auto& [key, value] : c.properties) {
    if (!isSecretKey(key)) continue;
    QString ignored;
    secrets_->remove(secretKey(c.name, key), &ignored);
  }
}

bool ConnectionStore::remove(const QString& name) {
  if (!db_.isOpen()) return false;
  const std::optional<SavedConnection> old = load(name);
  auto remove = db_.prepare("DELETE FROM remote_connections WHERE name = ?1");
  if (!remove.bind(1, name).run()) return failed(db_.lastError());
  if (old) forgetSecrets(*old);
  return true;
}

}  // namespace runnel::widgets
