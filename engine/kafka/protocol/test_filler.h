// Filler: the source of deterministic, non-default field values for the generated fillForTest()
// functions (engine/kafka/messages/testing/), which the round-trip tests and the fuzzer's seeds
// use. Test-only: linked through runnel_kafka_protocol_testing, never by the product.
// Values come from a counter, so two fills of the same message and version are equal; every value
// differs from the field's default (Kafka omits tagged fields at their default, and a round trip
// must see each field). Multi-byte integers use distinct bytes so a byte-order slip shows.
// Not thread-safe; one Filler per fill.
#pragma once

#include <cstdint>
#include <string>
#include <type_traits>

#include "engine/common/bytes.h"
#include "engine/kafka/protocol/wire_types.h"

namespace runnel::kafka::testing {

class Filler {
 public:
  explicit Filler(bool nulls) : nulls_(nulls) {}

  // Whether fields nullable in the version should be null rather than filled.
  bool nulls() const { return nulls_; }

  template <typename T>
  T next(T avoid) {
    static_assert(std::is_integral_v<T>);
    const std::uint64_t n = ++counter_;
    T value{};
    if constexpr (sizeof(T) == 1) {
      value = static_cast<T>(1 + n % 100);
    } else if constexpr (sizeof(T) == 2) {
      value = static_cast<T>(0x0102 + n);
    } else if constexpr (sizeof(T) == 4) {
      value = static_cast<T>(0x01020304 + n);
    } else {
      value = static_cast<T>(0x0102030405060708ULL + n);
    }
    return value == avoid ? static_cast<T>(value + 1) : value;
  }

  double nextDouble(double avoid) {
    const double value = 0.5 + static_cast<double>(++counter_);
    return value == avoid ? value + 1 : value;
  }

  Uuid nextUuid() {
    const std::uint64_t n = ++counter_;
    return Uuid{0x0102030405060708ULL + n, 0x1112131415161718ULL + n};
  }

  // Non-empty; every third one carries non-ASCII UTF-8, which Kafka strings allow.
  std::string nextString() {
    const std::uint64_t n = ++counter_;
    return "s" + std::to_string(n) + (n % 3 == 0 ? "-\xc3\xa9" : "");
  }

  Bytes nextBytes() {
    const std::uint64_t n = ++counter_;
    return Bytes{static_cast<std::uint8_t>(n), 0x00, 0xff, 0x7f};
  }

  // A view of static bytes, so it stays valid for the whole test.
  RecordsView nextRecords() {
    static const Bytes kRecordBytes = [] {
      Bytes bytes(64);
      for (std::size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = static_cast<std::uint8_t>(i * 7 + 3);
      return bytes;
    }();
    const std::uint64_t n = ++counter_;
    return RecordsView{ByteView(kRecordBytes).subspan(0, 8 + n % 40)};
  }

 private:
  bool nulls_;
  std::uint64_t counter_ = 0;
};

}  // namespace runnel::kafka::testing
