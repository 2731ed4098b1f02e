// StudioSession: the studio's connection to one cluster — opens it off the GUI thread, feeds the
// panels through a ClusterFeed, and runs the user's actions on it (kill, restart, add broker)
// on a worker thread, reporting each outcome as a sentence for the status bar.
// Lives on the GUI thread; owns the ClusterClient it is given by its opener.
#pragma once

#include <QObject>
#include <QString>
#include <functional>
#include <memory>
#include <thread>

#include "engine/client/cluster_client.h"
#include "widgets/models/cluster_feed.h"

namespace runnel::studio {

class StudioSession : public QObject {
  Q_OBJECT
 public:
  using Opener = std::function<Result<std::unique_ptr<client::ClusterClient>>()>;

  explicit StudioSession(Opener opener, QObject* parent = nullptr);
  ~StudioSession() override;

  // Opens the cluster on a worker thread; emits opened() or failed().
  void open();
  bool isOpen() const { return client_ != nullptr; }
  // Between open() and opened()/failed(). Destroying the session meanwhile waits for the
  // connection attempt (up to the connect timeout), so owners delete it after the answer instead.
  bool isOpening() const { return opening_; }
  client::ClusterClient* client() const { return client_.get(); }
  widgets::ClusterFeed* feed() const { return feed_.get(); }
  bool controllable() const { return client_ && client_->embeddedControl() != nullptr; }

  void killBroker(std::int32_t id);
  void restartBroker(std::int32_t id);
  void pauseBroker(std::int32_t id);
  void resumeBroker(std::int32_t id);
  void addBroker();

 signals:
  void opened();
  void failed(const QString& message);
  // A finished user action: `ok` and a sentence saying what happened.
  void actionFinished(bool ok, const QString& message);

 private:
  void runAction(QString description, std::function<Status(client::EmbeddedControl&)> action);

  Opener opener_;
  std::unique_ptr<client::ClusterClient> client_;
  std::unique_ptr<widgets::ClusterFeed> feed_;
  std::vector<std::thread> workers_;  // joined on destruction; actions are short
  bool opening_ = false;
};

}  // namespace runnel::studio
