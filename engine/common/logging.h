// Process-wide logging set-up on spdlog: a rotating file in the user's data directory plus any
// extra sinks the front end adds (the studio's log panel). Engine code logs through
// `runnel::logger()`; before initLogging() runs it logs to stderr only.
// Thread-safety: initLogging/addLogSink are called once from main before other threads start;
// logging itself is thread-safe (spdlog's multi-threaded sinks).
#pragma once

#include <memory>
#include <string>

#include <spdlog/logger.h>
#include <spdlog/sinks/sink.h>

#include "engine/common/status.h"

namespace runnel {

struct LoggingOptions {
  std::string directory;  // where runnel.log and its rotations go; empty = no file
  std::string fileName = "runnel.log";
  std::size_t maxFileBytes = std::size_t{5} * 1024 * 1024;
  std::size_t maxFiles = 3;
  bool alsoToStderr = true;
  spdlog::level::level_enum level = spdlog::level::info;
};

// Replaces the default logger with one writing to the configured sinks.
Status initLogging(const LoggingOptions& options);

// Adds a sink to the process logger (e.g. the studio's log panel).
void addLogSink(std::shared_ptr<spdlog::sinks::sink> sink);

// The process logger; never null.
spdlog::logger& logger();

// The path of the current log file, or empty when logging only to stderr.
std::string logFilePath();

}  // namespace runnel
