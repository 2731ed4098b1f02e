// CRC-32C (Castagnoli, polynomial 0x1EDC6F41), the checksum of Kafka's RecordBatch v2.
// Uses the SSE4.2 crc32 instruction when the CPU has it (checked once at run time) and a
// slicing-by-8 table otherwise. Pure functions over borrowed bytes; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>

#include "engine/common/bytes.h"

namespace runnel::crc32c {

// Returns the CRC-32C of the concatenation of A and `data`, where `crc` is the CRC-32C of A.
// extend(0, data) is the CRC of `data` alone.
std::uint32_t extend(std::uint32_t crc, const std::uint8_t* data, std::size_t n);
inline std::uint32_t extend(std::uint32_t crc, ByteView data) {
  return extend(crc, data.data(), data.size());
}
inline std::uint32_t value(ByteView data) {
  return extend(0, data);
}

// The table-driven implementation, exposed so tests can check it against the hardware path.
std::uint32_t extendPortable(std::uint32_t crc, const std::uint8_t* data, std::size_t n);

// True when extend() uses the CPU's crc32 instruction.
bool isHardwareAccelerated();

}  // namespace runnel::crc32c
