// SecretStore: where saved connections keep their secret properties (passwords, tokens) when the
// platform has a key store — the real one is KeychainSecretStore (QtKeychain); tests inject a
// fake. Calls are synchronous and short; an implementation may spin a local event loop.
// Thread-safety: GUI thread only. Owned by whoever creates it; ConnectionStore only borrows it.
#pragma once

#include <QString>
#include <optional>

namespace runnel::widgets {

class SecretStore {
 public:
  virtual ~SecretStore() = default;

  // Whether secrets can be kept here at all (false: no key store daemon on this system).
  virtual bool available() = 0;
  // Why available() is false, for the connection dialog ("no Secret Service on this system").
  virtual QString unavailableReason() const = 0;
  virtual bool write(const QString& key, const QString& value, QString* error) = 0;
  // nullopt when there is no such secret or it could not be read (`error` says which).
  virtual std::optional<QString> read(const QString& key, QString* error) = 0;
  virtual bool remove(const QString& key, QString* error) = 0;
};

}  // namespace runnel::widgets
