#include "widgets/models/connection_store.h"

#include <sqlite3.h>

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

struct Statement {
  sqlite3_stmt* stmt = nullptr;
  ~Statement() { sqlite3_finalize(stmt); }
};

QString columnText(sqlite3_stmt* stmt, int column) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, column));
  return text ? QString::fromUtf8(text, sqlite3_column_bytes(stmt, column)) : QString();
}

void bindText(sqlite3_stmt* stmt, int index, const QString& text) {
  const QByteArray utf8 = text.toUtf8();
  sqlite3_bind_text(stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
}

// The stored properties of one row, values of key-store secrets left empty.
struct StoredProperty {
  QString key;
  QString value;
  QString where;
};

QList<StoredProperty> parseProperties(const QString& json) {
  QList<StoredProperty> out;
  for (const QJsonValue& v : QJsonDocument::fromJson(json.toUtf8()).array()) {
    const QJsonObject o = v.toObject();
    out.append({o.value("key").toString(), o.value("value").toString(),
                o.value("where").toString(kInWorkspace)});
  }
  return out;
}

}  // namespace

ConnectionStore::ConnectionStore(const QString& path, SecretStore* secrets) : secrets_(secrets) {
  if (sqlite3_open(path.toUtf8().constData(), &db_) != SQLITE_OK) {
    lastError_ =
        QStringLiteral("cannot open %1: %2").arg(path, QString::fromUtf8(sqlite3_errmsg(db_)));
    sqlite3_close(db_);
    db_ = nullptr;
    return;
  }
  sqlite3_busy_timeout(db_, 2000);
  if (!exec("CREATE TABLE IF NOT EXISTS remote_connections (name TEXT PRIMARY KEY, "
            "bootstrap TEXT NOT NULL, properties TEXT NOT NULL, updated_ms INTEGER NOT NULL)")) {
    sqlite3_close(db_);
    db_ = nullptr;
  }
}

ConnectionStore::~ConnectionStore() {
  if (db_) sqlite3_close(db_);
}

bool ConnectionStore::exec(const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) == SQLITE_OK) return true;
  lastError_ = QString::fromUtf8(error ? error : "unknown SQLite error");
  sqlite3_free(error);
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
  if (!db_) return out;
  Statement s;
  sqlite3_prepare_v2(db_, "SELECT name FROM remote_connections ORDER BY name COLLATE NOCASE", -1,
                     &s.stmt, nullptr);
  while (sqlite3_step(s.stmt) == SQLITE_ROW)
    out << columnText(s.stmt, 0);
  return out;
}

std::optional<SavedConnection> ConnectionStore::load(const QString& name) const {
  if (!db_) return std::nullopt;
  Statement s;
  sqlite3_prepare_v2(db_, "SELECT bootstrap, properties FROM remote_connections WHERE name = ?1",
                     -1, &s.stmt, nullptr);
  bindText(s.stmt, 1, name);
  if (sqlite3_step(s.stmt) != SQLITE_ROW) {
    lastError_ = QObject::tr("no saved connection called %1").arg(name);
    return std::nullopt;
  }
  SavedConnection c;
  c.name = name;
  c.bootstrapServers = columnText(s.stmt, 0);
  for (const StoredProperty& p : parseProperties(columnText(s.stmt, 1))) {
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
  if (!db_) return false;
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

  if (!exec("BEGIN")) return false;
  if (oldName != c.name) {
    Statement d;
    sqlite3_prepare_v2(db_, "DELETE FROM remote_connections WHERE name = ?1", -1, &d.stmt, nullptr);
    bindText(d.stmt, 1, oldName);
    sqlite3_step(d.stmt);
  }
  Statement s;
  sqlite3_prepare_v2(db_,
                     "INSERT INTO remote_connections (name, bootstrap, properties, updated_ms) "
                     "VALUES (?1, ?2, ?3, ?4) ON CONFLICT(name) DO UPDATE SET bootstrap = ?2, "
                     "properties = ?3, updated_ms = ?4",
                     -1, &s.stmt, nullptr);
  bindText(s.stmt, 1, c.name);
  bindText(s.stmt, 2, c.bootstrapServers);
  bindText(s.stmt, 3, QString::fromUtf8(QJsonDocument(properties).toJson(QJsonDocument::Compact)));
  sqlite3_bind_int64(s.stmt, 4, QDateTime::currentMSecsSinceEpoch());
  if (sqlite3_step(s.stmt) != SQLITE_DONE) {
    lastError_ = QString::fromUtf8(sqlite3_errmsg(db_));
    exec("ROLLBACK");
    return false;
  }
  if (!exec("COMMIT")) return false;

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
  if (!db_) return false;
  const std::optional<SavedConnection> old = load(name);
  Statement s;
  sqlite3_prepare_v2(db_, "DELETE FROM remote_connections WHERE name = ?1", -1, &s.stmt, nullptr);
  bindText(s.stmt, 1, name);
  if (sqlite3_step(s.stmt) != SQLITE_DONE) {
    lastError_ = QString::fromUtf8(sqlite3_errmsg(db_));
    return false;
  }
  if (old) forgetSecrets(*old);
  return true;
}

}  // namespace runnel::widgets
