// ConnectionTester: the connection dialog's "Test connection" — opens the remote cluster with
// librdkafka on a worker thread (never the GUI thread) and reports, by a queued signal, either
// what it found ("3 brokers, 12 topics") or why it could not (unreachable, authentication
// failed), in the words of the remote backend. Also turns a SavedConnection into the
// RemoteConfig the studio opens a window with.
// Lives on the GUI thread; destroying it waits for a test still running (bounded by its timeout).
#pragma once

#include <QObject>
#include <QString>
#include <chrono>
#include <thread>
#include <vector>

#include "engine/remote/remote_config.h"
#include "widgets/models/saved_connection.h"

namespace runnel::widgets {

class ConnectionTester : public QObject {
  Q_OBJECT
 public:
  explicit ConnectionTester(QObject* parent = nullptr);
  ~ConnectionTester() override;

  static remote::RemoteConfig configFor(const SavedConnection& connection);

  // Starts a test; a test still running is superseded (its answer is dropped).
  void test(const SavedConnection& connection);
  bool running() const { return running_; }
  void setTimeout(std::chrono::milliseconds timeout) { timeout_ = timeout; }

 signals:
  void finished(bool ok, const QString& message);

 private:
  std::vector<std::thread> workers_;
  int generation_ = 0;
  bool running_ = false;
  std::chrono::milliseconds timeout_{8000};
};

}  // namespace runnel::widgets
