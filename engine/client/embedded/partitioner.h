// The Java client's default partitioning: murmur2 of the serialized key, made positive by
// clearing the sign bit, modulo the partition count — so a key lands on the same partition
// whichever client wrote it. Records without a key use sticky partitioning (StickyPartition,
// KIP-480): one partition until its batch completes, then another chosen at random.
// Pure functions; StickyPartition is not thread-safe (the producer guards it).
#pragma once

#include <cstdint>
#include <random>

#include "engine/common/bytes.h"

namespace runnel::client::embedded {

// Kafka's Utils.murmur2 (seed 0x9747b28c), bit for bit, as a signed 32-bit value.
std::int32_t murmur2(ByteView data);
// Kafka's Utils.toPositive: the sign bit cleared (not the absolute value).
inline std::int32_t toPositive(std::int32_t n) {
  return n & 0x7fffffff;
}
// The partition the Java client's default partitioner picks for a non-null key.
inline std::int32_t partitionForKey(ByteView key, std::int32_t partitionCount) {
  return toPositive(murmur2(key)) % partitionCount;
}

// The current partition for keyless records of one topic.
class StickyPartition {
 public:
  // The partition to use now; picks one on first use or after the partition count changed.
  std::int32_t current(std::int32_t partitionCount, std::mt19937& rng);
  // The batch on `completed` is done: move to another partition (when there is more than one).
  void onBatchComplete(std::int32_t completed, std::int32_t partitionCount, std::mt19937& rng);

 private:
  std::int32_t partition_ = -1;
  std::int32_t count_ = 0;
};

}  // namespace runnel::client::embedded
