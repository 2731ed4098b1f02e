// ServerControl: runnel-server's line commands (`--control stdin`) — status, kill N, restart N,
// partition N M, pause N, resume N, inject API ERROR COUNT [TOPIC], faults, heal — each answered
// with exactly one line ("ok ..." or "error ...").
// Borrows the Cluster and the KafkaFrontEnd, which outlive it. Not thread-safe: one reader.
#pragma once

#include <string>

#include "engine/cluster/cluster.h"
#include "engine/kafka/front_end/kafka_front_end.h"

namespace runnel::app {

class ServerControl {
 public:
  ServerControl(cluster::Cluster& cluster, kafka::KafkaFrontEnd& frontEnd)
      : cluster_(cluster), frontEnd_(frontEnd) {}
  // The one-line answer to `line`. Sets `quit` for "quit"/"exit".
  std::string execute(const std::string& line, bool& quit);

 private:
  std::string status() const;

  cluster::Cluster& cluster_;
  kafka::KafkaFrontEnd& frontEnd_;
};

}  // namespace runnel::app
