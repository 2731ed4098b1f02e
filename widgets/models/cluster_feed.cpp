#include "widgets/models/cluster_feed.h"

#include <chrono>

namespace runnel::widgets {

ClusterFeed::ClusterFeed(client::ClusterObserver* observer, int intervalMs, QObject* parent)
    : QObject(parent), observer_(observer), intervalMs_(intervalMs) {
  qRegisterMetaType<ClusterViewPtr>("runnel::widgets::ClusterViewPtr");
  deliveryTimer_.setInterval(33);
  connect(&deliveryTimer_, &QTimer::timeout, this, &ClusterFeed::deliverPending);
}

ClusterFeed::~ClusterFeed() {
  stop();
}

void ClusterFeed::start() {
  if (running_.exchange(true)) return;
  subscription_ = observer_->subscribe([this](const client::ClusterChange& change) {
    std::lock_guard lock(pendingMutex_);
    pendingChanges_.push_back(change);
    refreshRequested_ = true;  // a change usually means the view moved too
  });
  worker_ = std::thread([this] { workerLoop(); });
  deliveryTimer_.start();
}

void ClusterFeed::stop() {
  if (!running_.exchange(false)) return;
  observer_->unsubscribe(subscription_);
  if (worker_.joinable()) worker_.join();
  deliveryTimer_.stop();
}

void ClusterFeed::refreshSoon() {
  refreshRequested_ = true;
}

void ClusterFeed::workerLoop() {
  using namespace std::chrono;
  auto next = steady_clock::now();
  while (running_) {
    if (steady_clock::now() >= next || refreshRequested_.exchange(false)) {
      Result<client::ClusterView> view = observer_->view();
      std::lock_guard lock(pendingMutex_);
      if (view.isOk()) {
        pendingView_ = std::make_shared<const client::ClusterView>(std::move(view).value());
      } else {
        pendingError_ = QString::fromStdString(view.status().toString());
      }
      next = steady_clock::now() + milliseconds(intervalMs_);
    }
    std::this_thread::sleep_for(milliseconds(10));
  }
}

void ClusterFeed::deliverPending() {
  ClusterViewPtr view;
  std::vector<client::ClusterChange> changes;
  QString error;
  {
    std::lock_guard lock(pendingMutex_);
    view.swap(pendingView_);
    changes.swap(pendingChanges_);
    error.swap(pendingError_);
  }
  if (!changes.empty()) emit changesArrived(changes);
  if (view) {
    latest_ = view;
    emit viewUpdated(view);
  }
  if (!error.isEmpty()) emit feedError(error);
}

}  // namespace runnel::widgets
