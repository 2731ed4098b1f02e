#include "engine/cluster/group/consumer_topics.h"

#include "engine/common/byte_writer.h"

namespace runnel::group {

std::optional<std::set<std::string>> consumerSubscriptionTopics(ByteView metadata) {
  ByteReader r(metadata);
  const std::int16_t version = r.getInt16();
  const std::int32_t count = r.getInt32();
  if (!r.ok() || version < 0 || count < 0 || static_cast<std::size_t>(count) * 2 > r.remaining()) {
    return std::nullopt;
  }
  std::set<std::string> topics;
  for (std::int32_t i = 0; i < count; ++i) {
    const std::int16_t len = r.getInt16();
    if (len < 0) return std::nullopt;
    const ByteView name = r.getBytes(static_cast<std::size_t>(len));
    if (!r.ok()) return std::nullopt;
    topics.emplace(asChars(name));
  }
  return topics;
}

}  // namespace runnel::group
