#include "engine/common/uuid.h"

#include <mutex>
#include <random>

namespace runnel {
namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int decodeChar(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}
}  // namespace

Uuid Uuid::random() {
  static std::mutex mutex;
  static std::mt19937_64 engine{std::random_device{}()};
  for (;;) {
    std::array<std::uint8_t, 16> b{};
    {
      std::lock_guard lock(mutex);
      const std::uint64_t hi = engine();
      const std::uint64_t lo = engine();
      for (int i = 0; i < 8; ++i) {
        b[i] = static_cast<std::uint8_t>(hi >> (56 - 8 * i));
        b[8 + i] = static_cast<std::uint8_t>(lo >> (56 - 8 * i));
      }
    }
    b[6] = static_cast<std::uint8_t>((b[6] & 0x0f) | 0x40);  // version 4
    b[8] = static_cast<std::uint8_t>((b[8] & 0x3f) | 0x80);  // IETF variant
    Uuid id(b);
    if (!id.isZero() && id.toString().front() != '-') return id;
  }
}

bool Uuid::isZero() const {
  for (auto v : bytes_)
    if (v != 0) return false;
  return true;
}

std::uint64_t Uuid::mostSignificant() const {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i)
    v = (v << 8) | bytes_[i];
  return v;
}

std::uint64_t Uuid::leastSignificant() const {
  std::uint64_t v = 0;
  for (int i = 8; i < 16; ++i)
    v = (v << 8) | bytes_[i];
  return v;
}

std::string Uuid::toString() const {
  std::string out;
  out.reserve(22);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::uint8_t byte : bytes_) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      out.push_back(kAlphabet[(buffer >> (bits - 6)) & 0x3f]);
      bits -= 6;
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (6 - bits)) & 0x3f]);
  return out;
}

std::optional<Uuid> Uuid::fromString(std::string_view text) {
  if (text.size() != 22) return std::nullopt;
  std::array<std::uint8_t, 16> b{};
  std::uint32_t buffer = 0;
  int bits = 0;
  std::size_t n = 0;
  for (char c : text) {
    const int v = decodeChar(c);
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      if (n < 16) b[n++] = static_cast<std::uint8_t>(buffer >> (bits - 8));
      bits -= 8;
    }
  }
  // 22 characters carry 132 bits; the last 4 must be zero for a canonical encoding.
  if ((buffer & ((1u << bits) - 1)) != 0 || n != 16) return std::nullopt;
  return Uuid(b);
}

}  // namespace runnel
