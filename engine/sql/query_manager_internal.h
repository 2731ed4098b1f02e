// QueryManager's private pieces shared by its implementation files: a running query's record
// and the state of one statement's execution. Not part of the public API.
#pragma once

#include <atomic>
#include <thread>

#include "engine/sql/query_manager.h"

namespace runnel::sql {

struct QueryManager::Running {
  QueryInfo info;  // id, kind, sql, names; state and error are kept below
  std::unique_ptr<QueryRuntime> runtime;
  ResultSink* sink = nullptr;
  std::thread thread;
  std::atomic<bool> stop{false};
  std::atomic<QueryState> state{QueryState::kRunning};
  mutable Mutex errorMu;
  std::string error GUARDED_BY(errorMu);
  // Input rate, sampled by the query thread.
  std::atomic<double> rate{0};
  std::int64_t rateSampleNs = 0;
  std::int64_t rateSampleCount = 0;
  bool ended = false;  // onEnd delivered (query thread, or pump in manual mode)
};

struct QueryManager::ExecState {
  std::string_view text;
  StatementResult& result;
  ResultSink* sink = nullptr;
  const Command* replay = nullptr;  // set while replaying the command topic
  bool log = false;                 // append to the command topic when the statement succeeds
  std::string queryId;
  std::map<std::string, std::string> properties;
};

// Upper-cases ASCII (property keys, names typed in PRINT, ...).
std::string upperAscii(std::string_view s);

}  // namespace runnel::sql
