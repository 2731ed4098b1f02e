// ClusterFeed: the studio's single pipe from a cluster (through client::ClusterObserver) to the
// GUI thread. A worker thread takes a ClusterView a few times a second and hands it over by a
// queued signal; cluster changes arrive the same way, batched. The GUI thread never waits on
// the engine, and however fast the cluster changes, models update at most ~30 times a second.
// Lives on the GUI thread; the observer must outlive it (stop() before destroying the client).
#pragma once

#include <QObject>
#include <QTimer>
#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "engine/client/cluster_observer.h"

namespace runnel::widgets {

using ClusterViewPtr = std::shared_ptr<const client::ClusterView>;

class ClusterFeed : public QObject {
  Q_OBJECT
 public:
  explicit ClusterFeed(client::ClusterObserver* observer, int intervalMs = 200,
                       QObject* parent = nullptr);
  ~ClusterFeed() override;

  void start();
  void stop();
  // The latest view delivered to the GUI thread (may be null before the first one).
  ClusterViewPtr latest() const { return latest_; }
  // Asks for a fresh view now (e.g. right after the user killed a broker).
  void refreshSoon();

 signals:
  void viewUpdated(runnel::widgets::ClusterViewPtr view);
  void changesArrived(const std::vector<runnel::client::ClusterChange>& changes);
  void feedError(const QString& message);

 private:
  void workerLoop();
  void deliverPending();

  client::ClusterObserver* observer_;
  const int intervalMs_;
  std::thread worker_;
  std::atomic<bool> running_{false};
  std::atomic<bool> refreshRequested_{false};
  int subscription_ = -1;

  std::mutex pendingMutex_;
  ClusterViewPtr pendingView_;                         // guarded by pendingMutex_
  std::vector<client::ClusterChange> pendingChanges_;  // guarded by pendingMutex_
  QString pendingError_;                               // guarded by pendingMutex_

  QTimer deliveryTimer_;  // GUI thread: hands pending items over at most ~30 times a second
  ClusterViewPtr latest_;
};

}  // namespace runnel::widgets

Q_DECLARE_METATYPE(runnel::widgets::ClusterViewPtr)
