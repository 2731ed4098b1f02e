#include "engine/kafka/front_end/request_capture.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <system_error>

#include "engine/common/logging.h"
#include "engine/kafka/messages/api_keys.h"
#include "engine/kafka/protocol/request_header_parser.h"

namespace runnel::kafka {

namespace {

// FNV-1a: names equal frames alike, so captures of the same traffic collapse into one file.
std::uint64_t contentHash(ByteView bytes) {
  std::uint64_t h = 1469598103934665603ULL;
  for (std::uint8_t b : bytes) {
    h ^= b;
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace

Result<std::unique_ptr<RequestCapture>> RequestCapture::open(std::string directory) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec || !std::filesystem::is_directory(directory)) {
    return Status::ioError("cannot create the request capture directory " + directory + ": " +
                           ec.message());
  }
  return std::unique_ptr<RequestCapture>(new RequestCapture(std::move(directory)));
}

void RequestCapture::record(ByteView frame) {
  if (frame.size() > kMaxFrameBytes) return;
  auto header = parseRequestHeader(frame);
  if (!header.isOk()) return;
  const ApiInfo* api = findApi(header->apiKey);
  if (!api) return;
  {
    std::lock_guard lock(mu_);
    if (failed_ ||
        !seen_.emplace(header->apiKey, header->apiVersion, header->clientId.value_or("")).second) {
      return;
    }
  }
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(contentHash(frame)));
  const std::string path = directory_ + "/" + std::string(api->name) + "-v" +
                           std::to_string(header->apiVersion) + "-" + hash + ".bin";
  const auto size = static_cast<std::uint32_t>(frame.size());
  const char prefix[4] = {static_cast<char>(size >> 24), static_cast<char>(size >> 16),
                          static_cast<char>(size >> 8), static_cast<char>(size)};
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(prefix, sizeof prefix);
  out.write(reinterpret_cast<const char*>(frame.data()),
            static_cast<std::streamsize>(frame.size()));
  out.close();
  std::lock_guard lock(mu_);
  if (!out) {
    failed_ = true;
    runnel::logger().error("kafka: request capture stopped: cannot write {}", path);
    return;
  }
  ++written_;
}

int RequestCapture::written() const {
  std::lock_guard lock(mu_);
  return written_;
}

}  // namespace runnel::kafka
