#include "engine/client/embedded/partitioner.h"

namespace runnel::client::embedded {

std::int32_t murmur2(ByteView data) {
  // Unsigned arithmetic wraps as Java's int does; >>> is the unsigned shift.
  constexpr std::uint32_t kSeed = 0x9747b28cU;
  constexpr std::uint32_t kM = 0x5bd1e995U;
  constexpr int kR = 24;
  const std::size_t length = data.size();
  std::uint32_t h = kSeed ^ static_cast<std::uint32_t>(length);
  const std::size_t blocks = length / 4;
  for (std::size_t i = 0; i < blocks; ++i) {
    const std::uint8_t* p = data.data() + i * 4;
    std::uint32_t k = static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
                      (static_cast<std::uint32_t>(p[2]) << 16) |
                      (static_cast<std::uint32_t>(p[3]) << 24);
    k *= kM;
    k ^= k >> kR;
    k *= kM;
    h *= kM;
    h ^= k;
  }
  const std::uint8_t* tail = data.data() + blocks * 4;
  switch (length % 4) {
    case 3:
      h ^= static_cast<std::uint32_t>(tail[2]) << 16;
      [[fallthrough]];
    case 2:
      h ^= static_cast<std::uint32_t>(tail[1]) << 8;
      [[fallthrough]];
    case 1:
      h ^= static_cast<std::uint32_t>(tail[0]);
      h *= kM;
      break;
    default:
      break;
  }
  h ^= h >> 13;
  h *= kM;
  h ^= h >> 15;
  return static_cast<std::int32_t>(h);
}

std::int32_t StickyPartition::current(std::int32_t partitionCount, std::mt19937& rng) {
  if (partition_ < 0 || count_ != partitionCount || partition_ >= partitionCount) {
    count_ = partitionCount;
    partition_ = static_cast<std::int32_t>(rng() % static_cast<std::uint32_t>(partitionCount));
  }
  return partition_;
}

void StickyPartition::onBatchComplete(std::int32_t completed, std::int32_t partitionCount,
                                      std::mt19937& rng) {
  if (completed != partition_ || partitionCount <= 1) return;
  // Any other partition, uniformly (Kafka's BuiltInPartitioner without load statistics).
  auto step = 1 + static_cast<std::int32_t>(rng() % static_cast<std::uint32_t>(partitionCount - 1));
  partition_ = (partition_ + step) % partitionCount;
  count_ = partitionCount;
}

}  // namespace runnel::client::embedded
