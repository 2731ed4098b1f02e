// ClusterObserver: how the studio watches a cluster through a ClusterClient — a current
// ClusterView on demand and a stream of ClusterChanges. Backends decide how fresh a view is
// (the embedded one is live; a remote one polls).
// Thread-safety: all methods may be called from any thread. Change callbacks run on a backend
// thread: adapters hop to their own thread and return quickly.
#pragma once

#include <functional>
#include <vector>

#include "engine/client/cluster_view.h"
#include "engine/common/result.h"

namespace runnel::client {

class ClusterObserver {
 public:
  using ChangeCallback = std::function<void(const ClusterChange&)>;

  virtual ~ClusterObserver() = default;
  virtual Result<ClusterView> view() = 0;
  // Returns a handle for unsubscribe(). Recent history is available from recentChanges().
  virtual int subscribe(ChangeCallback callback) = 0;
  virtual void unsubscribe(int handle) = 0;
  virtual std::vector<ClusterChange> recentChanges() const = 0;
};

}  // namespace runnel::client
