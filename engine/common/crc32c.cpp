#include "engine/common/crc32c.h"

#include <array>
#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define RUNNEL_CRC32C_X86 1
#include <nmmintrin.h>
#endif

namespace runnel::crc32c {
namespace {

constexpr std::uint32_t kReflectedPolynomial = 0x82F63B78u;

// kTables[k][b] is the CRC contribution of byte b followed by k zero bytes, which lets the
// portable loop consume eight bytes per iteration.
using Tables = std::array<std::array<std::uint32_t, 256>, 8>;

constexpr Tables makeTables() {
  Tables t{};
  for (std::uint32_t b = 0; b < 256; ++b) {
    std::uint32_t crc = b;
    for (int i = 0; i < 8; ++i)
      crc = (crc >> 1) ^ ((crc & 1u) ? kReflectedPolynomial : 0u);
    t[0][b] = crc;
  }
  for (std::size_t k = 1; k < 8; ++k) {
    for (std::size_t b = 0; b < 256; ++b)
      t[k][b] = (t[k - 1][b] >> 8) ^ t[0][t[k - 1][b] & 0xff];
  }
  return t;
}

constexpr Tables kTables = makeTables();

std::uint64_t loadLittleEndian64(const std::uint8_t* p) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i)
    v = (v << 8) | p[i];
  return v;
}

// multiplyModP(a, b): a * b modulo the CRC polynomial, in the reflected bit order the CRC uses
// (bit 31 is x^0). Used to combine the CRCs of adjacent blocks: the CRC of A||B is
// multiplyModP(x^(8 * |B|), crc(A)) ^ crc(B), because both are defined with the same
// pre- and post-inversion.
constexpr std::uint32_t multiplyModP(std::uint32_t a, std::uint32_t b) {
  std::uint32_t product = 0;
  for (std::uint32_t m = 1u << 31; m != 0; m >>= 1) {
    if (a & m) product ^= b;
    b = (b & 1u) ? (b >> 1) ^ kReflectedPolynomial : b >> 1;
  }
  return product;
}

// x^(8 * n) modulo the polynomial: the operator that shifts a CRC past n zero bytes.
constexpr std::uint32_t shiftOperator(std::size_t n) {
  std::uint32_t result = 1u << 31;  // x^0
  std::uint32_t power = 1u << 23;   // x^8: one byte
  while (n > 0) {
    if (n & 1) result = multiplyModP(power, result);
    power = multiplyModP(power, power);
    n >>= 1;
  }
  return result;
}

#ifdef RUNNEL_CRC32C_X86
// Large inputs are cut into three adjacent blocks whose CRCs are computed in one interleaved
// loop: the crc32 instruction has a latency of three cycles but accepts one per cycle, so three
// independent chains run about three times faster than one. The partial CRCs are then combined.
constexpr std::size_t kInterleavedBlock = 8192;
constexpr std::uint32_t kShiftBlock = shiftOperator(kInterleavedBlock);

__attribute__((target("sse4.2"))) std::uint64_t crcWords(std::uint64_t c, const std::uint8_t* p,
                                                         std::size_t words) {
  for (std::size_t i = 0; i < words; ++i) {
    std::uint64_t word;
    std::memcpy(&word, p + 8 * i, 8);
    c = _mm_crc32_u64(c, word);
  }
  return c;
}

__attribute__((target("sse4.2"))) std::uint32_t extendHardware(std::uint32_t crc,
                                                               const std::uint8_t* p,
                                                               std::size_t n) {
  std::uint64_t c = static_cast<std::uint32_t>(~crc);
  while (n >= 3 * kInterleavedBlock) {
    std::uint64_t c1 = 0xffffffffu, c2 = 0xffffffffu;
    const std::uint8_t* p1 = p + kInterleavedBlock;
    const std::uint8_t* p2 = p + 2 * kInterleavedBlock;
    for (std::size_t i = 0; i < kInterleavedBlock; i += 8) {
      std::uint64_t w0, w1, w2;
      std::memcpy(&w0, p + i, 8);
      std::memcpy(&w1, p1 + i, 8);
      std::memcpy(&w2, p2 + i, 8);
      c = _mm_crc32_u64(c, w0);
      c1 = _mm_crc32_u64(c1, w1);
      c2 = _mm_crc32_u64(c2, w2);
    }
    // Finish the three CRCs and chain them: crc(A||B||C) from crc(A), crc(B), crc(C).
    std::uint32_t combined =
        multiplyModP(kShiftBlock, ~static_cast<std::uint32_t>(c)) ^ ~static_cast<std::uint32_t>(c1);
    combined = multiplyModP(kShiftBlock, combined) ^ ~static_cast<std::uint32_t>(c2);
    c = ~combined;
    p += 3 * kInterleavedBlock;
    n -= 3 * kInterleavedBlock;
  }
  c = crcWords(c, p, n / 8);
  p += n & ~std::size_t{7};
  n &= 7;
  auto c32 = static_cast<std::uint32_t>(c);
  while (n > 0) {
    c32 = _mm_crc32_u8(c32, *p++);
    --n;
  }
  return ~c32;
}

bool detectHardware() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("sse4.2");
}
#endif

}  // namespace

std::uint32_t extendPortable(std::uint32_t crc, const std::uint8_t* p, std::size_t n) {
  std::uint32_t c = ~crc;
  while (n >= 8) {
    const std::uint64_t word = loadLittleEndian64(p) ^ c;
    c = kTables[7][word & 0xff] ^ kTables[6][(word >> 8) & 0xff] ^ kTables[5][(word >> 16) & 0xff] ^
        kTables[4][(word >> 24) & 0xff] ^ kTables[3][(word >> 32) & 0xff] ^
        kTables[2][(word >> 40) & 0xff] ^ kTables[1][(word >> 48) & 0xff] ^ kTables[0][word >> 56];
    p += 8;
    n -= 8;
  }
  while (n > 0) {
    c = (c >> 8) ^ kTables[0][(c ^ *p++) & 0xff];
    --n;
  }
  return ~c;
}

bool isHardwareAccelerated() {
#ifdef RUNNEL_CRC32C_X86
  static const bool kHardware = detectHardware();
  return kHardware;
#else
  return false;
#endif
}

std::uint32_t extend(std::uint32_t crc, const std::uint8_t* data, std::size_t n) {
#ifdef RUNNEL_CRC32C_X86
  if (isHardwareAccelerated()) return extendHardware(crc, data, n);
#endif
  return extendPortable(crc, data, n);
}

}  // namespace runnel::crc32c
