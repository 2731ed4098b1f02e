// SqlShell: runnel-sql's read-run-print loop over a QueryManager — reads statements from a
// stream (multi-line until ';', with a prompt when interactive), runs each one alone so a push
// query's rows print before the next statement runs, and reports errors with line, column and a
// caret relative to the whole input. Push queries run until LIMIT, an interrupt or a timeout.
// Owned by main(); single-threaded apart from the push query threads writing through `out`.
#pragma once

#include <atomic>
#include <iosfwd>
#include <mutex>
#include <string>

#include "engine/sql/query_manager.h"

namespace runnel::app {

class SqlShell {
 public:
  struct Options {
    bool json = false;
    bool interactive = false;  // prompt, and stop push queries on Ctrl+C instead of exiting
    int pushTimeoutMs = 0;     // 0: a push query runs until it ends or is interrupted
  };

  SqlShell(sql::QueryManager& engine, std::ostream& out, std::ostream& err, Options options)
      : engine_(engine), out_(out), err_(err), options_(options) {}

  // Runs every statement in `in`; returns how many failed.
  int run(std::istream& in);
  // Runs every statement of `script` (one file); returns how many failed.
  int runText(const std::string& script);
  // Set from a signal handler: stops the running push query (or the shell when none runs).
  static std::atomic<bool>& interrupted();

 private:
  // Runs the statement at [offset, offset+length) of `script` with everything else blanked, so
  // errors point at the script's own lines and columns.
  bool runStatement(const std::string& script, std::uint32_t offset, std::uint32_t length);

  sql::QueryManager& engine_;
  std::ostream& out_;
  std::ostream& err_;
  Options options_;
  std::mutex outMu_;  // push rows arrive on query threads
};

// `script` with every character outside [offset, offset+length) replaced by a space (newlines
// kept), so line and column numbers of the statement stay those of the script.
std::string isolateStatement(const std::string& script, std::uint32_t offset, std::uint32_t length);

}  // namespace runnel::app
