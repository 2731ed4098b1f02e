// Uuid: a 128-bit identifier as Kafka uses them (topic ids, cluster ids), printed the Kafka way:
// URL-safe base64 without padding (22 characters). The zero Uuid means "none".
// A plain value; random() is thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace runnel {

class Uuid {
 public:
  Uuid() = default;
  explicit Uuid(const std::array<std::uint8_t, 16>& bytes) : bytes_(bytes) {}

  // A random version-4 Uuid that is never zero and, like Kafka's, never starts with '-' when
  // printed (so it cannot be mistaken for a command-line option).
  static Uuid random();
  static std::optional<Uuid> fromString(std::string_view text);

  bool isZero() const;
  const std::array<std::uint8_t, 16>& bytes() const { return bytes_; }
  std::uint64_t mostSignificant() const;
  std::uint64_t leastSignificant() const;
  std::string toString() const;

  friend bool operator==(const Uuid&, const Uuid&) = default;
  friend auto operator<=>(const Uuid&, const Uuid&) = default;

 private:
  std::array<std::uint8_t, 16> bytes_{};
};

}  // namespace runnel
