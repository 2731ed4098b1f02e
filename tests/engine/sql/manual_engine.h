// ManualEngine: a QueryManager on an in-memory cluster with no query threads, so the test decides
// when queries run — the set-up most engine-level SQL suites start from. The test still checks
// engine.start(). Test-only; single-threaded.
#pragma once

#include "engine/common/clock.h"
#include "engine/sql/query_manager.h"
#include "tests/support/in_memory_cluster.h"

namespace sqltest {

inline runnel::sql::EngineOptions unthreadedOptions() {
  runnel::sql::EngineOptions options;
  options.startThreads = false;
  return options;
}

struct ManualEngine {
  runnel::testing::InMemoryCluster cluster;
  runnel::sql::QueryManager engine{cluster, *runnel::Clock::system(), unthreadedOptions()};
};

}  // namespace sqltest
