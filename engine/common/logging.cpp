#include "engine/common/logging.h"

#include <filesystem>
#include <mutex>
#include <system_error>
#include <vector>

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace runnel {
namespace {

std::mutex& setupMutex() {
  static std::mutex m;
  return m;
}
std::string& currentLogFile() {
  static std::string path;
  return path;
}

}  // namespace

Status initLogging(const LoggingOptions& options) {
  std::lock_guard lock(setupMutex());
  std::vector<spdlog::sink_ptr> sinks;
  if (options.alsoToStderr)
    sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
  Status status;
  if (!options.directory.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(options.directory, ec);
    const std::string path = (std::filesystem::path(options.directory) / options.fileName).string();
    if (ec) {
      status =
          Status::ioError("cannot create log directory " + options.directory + ": " + ec.message());
    } else {
      try {
        sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
            path, options.maxFileBytes, options.maxFiles));
        currentLogFile() = path;
      } catch (const spdlog::spdlog_ex& e) {
        status = Status::ioError(std::string("cannot open log file: ") + e.what());
      }
    }
  }
  auto logger = std::make_shared<spdlog::logger>("runnel", sinks.begin(), sinks.end());
  logger->set_level(options.level);
  logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ [%t] %v");
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
  spdlog::flush_every(std::chrono::seconds(2));
  return status;
}

void addLogSink(std::shared_ptr<spdlog::sinks::sink> sink) {
  std::lock_guard lock(setupMutex());
  spdlog::default_logger()->sinks().push_back(std::move(sink));
}

spdlog::logger& logger() {
  return *spdlog::default_logger_raw();
}

std::string logFilePath() {
  std::lock_guard lock(setupMutex());
  return currentLogFile();
}

}  // namespace runnel
