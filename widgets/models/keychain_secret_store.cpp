#include "widgets/models/keychain_secret_store.h"

#include <QEventLoop>
#include <QTimer>

#if RUNNEL_HAS_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace runnel::widgets {
namespace {

// A key store that does not answer within this long counts as absent.
constexpr int kJobTimeoutMs = 5000;

#if RUNNEL_HAS_KEYCHAIN
// Runs `job` to completion; false (and `error`) when it failed or timed out.
bool runJob(QKeychain::Job* job, QString* error) {
  job->setAutoDelete(false);
  job->setInsecureFallback(false);  // never QtKeychain's own plain-text settings file
  QEventLoop loop;
  bool finished = false;
  QObject::connect(job, &QKeychain::Job::finished, &loop, [&] {
    finished = true;
    loop.quit();
  });
  QTimer::singleShot(kJobTimeoutMs, &loop, &QEventLoop::quit);
  job->start();
  if (!finished) loop.exec(QEventLoop::ExcludeUserInputEvents);
  if (!finished) {
    if (error) *error = QObject::tr("the key store did not answer");
    QObject::disconnect(job, nullptr, &loop, nullptr);
    job->deleteLater();
    return false;
  }
  const bool ok = job->error() == QKeychain::NoError;
  if (!ok && error) *error = job->errorString();
  job->deleteLater();
  return ok;
}
#endif

}  // namespace

KeychainSecretStore::KeychainSecretStore(QString service) : service_(std::move(service)) {}

bool KeychainSecretStore::available() {
  if (probed_ >= 0) return probed_ == 1;
#if RUNNEL_HAS_KEYCHAIN
  const QString probeKey = QStringLiteral("runnel-key-store-probe");
  QString error;
  probed_ = write(probeKey, QStringLiteral("probe"), &error) ? 1 : 0;
  if (probed_ == 1) {
    remove(probeKey, &error);
  } else {
    unavailableReason_ = error;
  }
#else
  probed_ = 0;
  unavailableReason_ = QObject::tr("built without QtKeychain");
#endif
  return probed_ == 1;
}

bool KeychainSecretStore::write(const QString& key, const QString& value, QString* error) {
#if RUNNEL_HAS_KEYCHAIN
  auto* job = new QKeychain::WritePasswordJob(service_);
  job->setKey(key);
  job->setTextData(value);
  return runJob(job, error);
#else
  Q_UNUSED(key);
  Q_UNUSED(value);
  if (error) *error = unavailableReason_;
  return false;
#endif
}

std::optional<QString> KeychainSecretStore::read(const QString& key, QString* error) {
#if RUNNEL_HAS_KEYCHAIN
  auto* job = new QKeychain::ReadPasswordJob(service_);
  job->setKey(key);
  // runJob only schedules the job's deletion, so its data can still be read here.
  if (!runJob(job, error)) return std::nullopt;
  return job->textData();
#else
  Q_UNUSED(key);
  if (error) *error = unavailableReason_;
  return std::nullopt;
#endif
}

bool KeychainSecretStore::remove(const QString& key, QString* error) {
#if RUNNEL_HAS_KEYCHAIN
  auto* job = new QKeychain::DeletePasswordJob(service_);
  job->setKey(key);
  return runJob(job, error);
#else
  Q_UNUSED(key);
  if (error) *error = unavailableReason_;
  return false;
#endif
}

}  // namespace runnel::widgets
