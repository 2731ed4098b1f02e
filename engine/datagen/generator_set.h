// GeneratorSet: the studio's demo data — one Generator per built-in event source (card
// authorizations, orders, page views), each writing to its default topic (created on first start)
// through one shared producer, all stamped by the same event clock. Start, stop and re-rate them
// by source name; status() is what the studio's generator controls show.
// Thread-safety: every method may be called from any thread; start() and stop() block (topic
// creation, flushing), so the studio calls them off the GUI thread. The client and clock must
// outlive the set; destroying it stops every generator.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/client/cluster_client.h"
#include "engine/common/clock.h"
#include "engine/datagen/generator.h"

namespace runnel::datagen {

struct GeneratorStatus {
  std::string source;  // "orders"
  std::string topic;   // "orders"
  bool running = false;
  double recordsPerSecond = 0;
  GeneratorStats stats;
};

class GeneratorSet {
 public:
  GeneratorSet(client::ClusterClient& client, Clock& clock, double defaultRate = 20);
  ~GeneratorSet();
  GeneratorSet(const GeneratorSet&) = delete;
  GeneratorSet& operator=(const GeneratorSet&) = delete;

  // Creates the source's topic if it is missing (6 partitions, replication up to 3) and starts
  // its generator. Starting a running generator is a no-op. NotFound for an unknown source.
  Status start(const std::string& source);
  Status stop(const std::string& source);
  // Records per second (real time); applies at once to a running generator, and remembered.
  Status setRate(const std::string& source, double recordsPerSecond);
  // One entry per built-in source, in eventSourceNames() order.
  std::vector<GeneratorStatus> status() const;
  void stopAll();

 private:
  struct Slot {
    std::string source;
    std::string topic;
    double rate = 0;
    std::unique_ptr<Generator> generator;  // created on first start
  };
  Slot* find(const std::string& source);
  Status ensureTopic(const std::string& topic);
  Status ensureProducer();

  client::ClusterClient& client_;
  Clock& clock_;
  mutable std::mutex mutex_;  // guards slots_ and producer_; never held across blocking calls
  std::vector<Slot> slots_;
  std::unique_ptr<client::Producer> producer_;
  std::mutex startMutex_;  // serialises start/stop so two starts don't both create a generator
};

}  // namespace runnel::datagen
