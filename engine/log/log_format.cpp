#include "engine/log/log_format.h"

#include <cstdio>

namespace runnel::logfmt {

std::string baseName(std::int64_t baseOffset) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%020lld", static_cast<long long>(baseOffset));
  return buf;
}

std::optional<std::int64_t> parseBaseOffset(std::string_view fileName, std::string_view suffix) {
  if (fileName.size() != kOffsetDigits + suffix.size() || !fileName.ends_with(suffix))
    return std::nullopt;
  std::int64_t v = 0;
  for (int i = 0; i < kOffsetDigits; ++i) {
    const char c = fileName[static_cast<std::size_t>(i)];
    if (c < '0' || c > '9') return std::nullopt;
    if (v > (INT64_MAX - (c - '0')) / 10) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

}  // namespace runnel::logfmt
