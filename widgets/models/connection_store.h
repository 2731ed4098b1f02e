// ConnectionStore: the remote clusters saved in the studio's workspace (<data dir>/
// workspace.sqlite, beside ScriptStore's tables). Secret properties (RemoteConfig::isSecret:
// passwords, tokens, private keys) go to the SecretStore when one is given and available, and
// the workspace keeps only a marker; without a key store they are written to the workspace and
// flagged, so the dialog can say "stored in plain text". Errors come back as text (lastError()).
// GUI thread only (SQLite and key store calls are short); does not own the SecretStore.
#pragma once

#include <QString>
#include <QStringList>
#include <optional>

#include "widgets/models/saved_connection.h"
#include "widgets/models/workspace_db.h"

namespace runnel::widgets {

class SecretStore;

class ConnectionStore {
 public:
  // Opens (creating if needed) the workspace at `path`; `secrets` may be null (no key store).
  ConnectionStore(const QString& path, SecretStore* secrets);
  ~ConnectionStore();
  ConnectionStore(const ConnectionStore&) = delete;
  ConnectionStore& operator=(const ConnectionStore&) = delete;

  bool isOpen() const { return db_.isOpen(); }
  QString lastError() const { return lastError_; }

  // Whether secrets saved now go to a key store (false: into the workspace, in plain text).
  bool secretsProtected() const;
  // One sentence for the dialog saying where secrets go.
  QString secretStorageNote() const;

  QStringList names() const;  // sorted
  // With its secrets read back from the key store (or the workspace).
  std::optional<SavedConnection> load(const QString& name) const;
  // Inserts or replaces; with `previousName` set and different, renames that connection.
  bool save(const SavedConnection& connection, const QString& previousName = {});
  bool remove(const QString& name);

  // "" when the connection can be saved and opened, else what is wrong with it.
  static QString validate(const SavedConnection& connection);
  static bool isSecretKey(const QString& key);

 private:
  bool failed(const QString& error) const;
  QString secretKey(const QString& connection, const QString& property) const;
  void forgetSecrets(const SavedConnection& connection);

  WorkspaceDb db_;
  SecretStore* secrets_;
  mutable QString lastError_;
};

}  // namespace runnel::widgets
