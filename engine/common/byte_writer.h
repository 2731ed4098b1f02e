// ByteWriter appends big-endian integers, varints and raw bytes to a Bytes buffer it borrows.
// ByteReader reads them back from a ByteView with bounds checks; the first failure is sticky
// (every later read returns zero values) so decoders check `ok()` once at the end.
// Neither owns the memory it works on; neither is thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

#include "engine/common/bytes.h"
#include "engine/common/varint.h"

namespace runnel {

class ByteWriter {
 public:
  explicit ByteWriter(Bytes& out) : out_(out) {}

  void putInt8(std::int8_t v) { out_.push_back(static_cast<std::uint8_t>(v)); }
  void putInt16(std::int16_t v) { putFixed<2>(static_cast<std::uint16_t>(v)); }
  void putInt32(std::int32_t v) { putFixed<4>(static_cast<std::uint32_t>(v)); }
  void putInt64(std::int64_t v) { putFixed<8>(static_cast<std::uint64_t>(v)); }
  void putUint32(std::uint32_t v) { putFixed<4>(v); }
  void putUnsignedVarint(std::uint64_t v) { appendUnsignedVarint(out_, v); }
  void putVarint(std::int32_t v) { appendVarint(out_, v); }
  void putVarlong(std::int64_t v) { appendVarlong(out_, v); }
  void putBytes(ByteView b) { out_.insert(out_.end(), b.begin(), b.end()); }
  void putString(std::string_view s) { putBytes(asBytes(s)); }

  std::size_t size() const { return out_.size(); }
  // Overwrites 4 bytes at `pos` (already written), e.g. a length or CRC known only at the end.
  void patchInt32(std::size_t pos, std::int32_t v) {
    storeBigEndian32(out_.data() + pos, static_cast<std::uint32_t>(v));
  }
  Bytes& buffer() { return out_; }

 private:
  template <int N, typename U>
  void putFixed(U v) {
    std::uint8_t tmp[N];
    for (int i = 0; i < N; ++i)
      tmp[i] = static_cast<std::uint8_t>(v >> (8 * (N - 1 - i)));
    out_.insert(out_.end(), tmp, tmp + N);
  }
  Bytes& out_;
};

class ByteReader {
 public:
  explicit ByteReader(ByteView in) : data_(in.data()), end_(in.data() + in.size()) {}

  bool ok() const { return ok_; }
  std::size_t remaining() const { return static_cast<std::size_t>(end_ - data_); }
  const std::uint8_t* position() const { return data_; }

  std::int8_t getInt8() { return need(1) ? static_cast<std::int8_t>(*data_++) : 0; }
  std::int16_t getInt16() {
    if (!need(2)) return 0;
    auto v = static_cast<std::int16_t>(loadBigEndian16(data_));
    data_ += 2;
    return v;
  }
  std::int32_t getInt32() {
    if (!need(4)) return 0;
    auto v = static_cast<std::int32_t>(loadBigEndian32(data_));
    data_ += 4;
    return v;
  }
  std::uint32_t getUint32() { return static_cast<std::uint32_t>(getInt32()); }
  std::int64_t getInt64() {
    if (!need(8)) return 0;
    auto v = static_cast<std::int64_t>(loadBigEndian64(data_));
    data_ += 8;
    return v;
  }
  std::uint64_t getUnsignedVarint(std::size_t maxBytes = kMaxVarint64Bytes) {
    if (!ok_) return 0;
    std::uint64_t v = 0;
    const std::size_t n = decodeUnsignedVarint(data_, end_, &v, maxBytes);
    if (n == 0) return fail();
    data_ += n;
    return v;
  }
  std::int32_t getVarint() {
    if (!ok_) return 0;
    std::int32_t v = 0;
    const std::size_t n = decodeVarint(data_, end_, &v);
    if (n == 0) return fail();
    data_ += n;
    return v;
  }
  std::int64_t getVarlong() {
    if (!ok_) return 0;
    std::int64_t v = 0;
    const std::size_t n = decodeVarlong(data_, end_, &v);
    if (n == 0) return fail();
    data_ += n;
    return v;
  }
  // Borrows `n` bytes from the input; empty view (and failure) if fewer remain.
  ByteView getBytes(std::size_t n) {
    if (!need(n)) return {};
    ByteView v(data_, n);
    data_ += n;
    return v;
  }
  void skip(std::size_t n) {
    if (need(n)) data_ += n;
  }
  // Marks the reader failed (e.g. a decoder found an impossible length).
  int fail() {
    ok_ = false;
    data_ = end_;
    return 0;
  }

 private:
  bool need(std::size_t n) {
    if (ok_ && remaining() >= n) return true;
    fail();
    return false;
  }
  const std::uint8_t* data_;
  const std::uint8_t* end_;
  bool ok_ = true;
};

}  // namespace runnel
