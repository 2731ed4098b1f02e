// KeychainSecretStore: the platform key store (Secret Service / KWallet on Linux, Keychain on
// macOS, Credential Manager on Windows) through QtKeychain, under the service "Runnel". The
// first call probes whether a key store answers at all; without one (no Secret Service daemon,
// as on CI) available() is false and secrets fall back to the workspace, marked as plain text.
// Built without QtKeychain, it is never available. Each call waits for its job in a local event
// loop, bounded by a timeout. GUI thread only.
#pragma once

#include "widgets/models/secret_store.h"

namespace runnel::widgets {

class KeychainSecretStore final : public SecretStore {
 public:
  explicit KeychainSecretStore(QString service = QStringLiteral("Runnel"));

  bool available() override;
  QString unavailableReason() const override { return unavailableReason_; }
  bool write(const QString& key, const QString& value, QString* error) override;
  std::optional<QString> read(const QString& key, QString* error) override;
  bool remove(const QString& key, QString* error) override;

 private:
  QString service_;
  int probed_ = -1;  // -1: not yet, 0: no key store, 1: it answers
  QString unavailableReason_;
};

}  // namespace runnel::widgets
