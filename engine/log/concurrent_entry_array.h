// ConcurrentEntryArray: a fixed-capacity array of small fixed-size entries (K 64-bit words) that
// one writer appends to while any number of readers search it without locks — the in-memory
// half of a segment's offset and time indexes. Storage comes in chunks allocated on demand, so
// growing never moves an entry a reader may be looking at. Words are atomics, so a reader
// racing a truncation sees stale-but-whole words (the log's truncation generation makes such
// readers retry). Writer methods: one thread at a time (the log's writer). Readers: any thread.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace runnel {

template <std::size_t K>
class ConcurrentEntryArray {
 public:
  using Entry = std::array<std::uint64_t, K>;
  static constexpr std::size_t kChunkEntries = 1024;

  explicit ConcurrentEntryArray(std::size_t capacity)
      : capacity_(capacity), chunks_(new std::atomic<Word*>[chunkCount()]) {
    for (std::size_t i = 0; i < chunkCount(); ++i)
      chunks_[i].store(nullptr, std::memory_order_relaxed);
  }
  ~ConcurrentEntryArray() {
    for (std::size_t i = 0; i < chunkCount(); ++i)
      delete[] chunks_[i].load(std::memory_order_relaxed);
  }
  ConcurrentEntryArray(const ConcurrentEntryArray&) = delete;
  ConcurrentEntryArray& operator=(const ConcurrentEntryArray&) = delete;

  std::size_t capacity() const { return capacity_; }
  // Entries published so far; entries [0, size()) are safe to read.
  std::size_t size() const { return size_.load(std::memory_order_acquire); }
  bool full() const { return size() >= capacity_; }

  Entry get(std::size_t i) const {
    const Word* chunk = chunks_[i / kChunkEntries].load(std::memory_order_acquire);
    const Word* words = chunk + (i % kChunkEntries) * K;
    Entry e;
    for (std::size_t k = 0; k < K; ++k)
      e[k] = words[k].load(std::memory_order_relaxed);
    return e;
  }

  // Writer only. Returns false when full.
  bool append(const Entry& e) {
    const std::size_t n = size_.load(std::memory_order_relaxed);
    if (n >= capacity_) return false;
    auto& slot = chunks_[n / kChunkEntries];
    Word* chunk = slot.load(std::memory_order_relaxed);
    if (chunk == nullptr) {
      chunk = new Word[kChunkEntries * K];
      slot.store(chunk, std::memory_order_release);
    }
    Word* words = chunk + (n % kChunkEntries) * K;
    for (std::size_t k = 0; k < K; ++k)
      words[k].store(e[k], std::memory_order_relaxed);
    size_.store(n + 1, std::memory_order_release);
    return true;
  }

  // Writer only: keeps the first `n` entries.
  void truncate(std::size_t n) {
    if (n < size_.load(std::memory_order_relaxed)) size_.store(n, std::memory_order_release);
  }

  // Index of the last entry e with pred(e) true, assuming pred is true for a prefix; -1 if none.
  template <typename Pred>
  std::ptrdiff_t lastWhere(Pred pred) const {
    std::ptrdiff_t lo = 0, hi = static_cast<std::ptrdiff_t>(size()) - 1, found = -1;
    while (lo <= hi) {
      const std::ptrdiff_t mid = lo + (hi - lo) / 2;
      if (pred(get(static_cast<std::size_t>(mid)))) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

 private:
  using Word = std::atomic<std::uint64_t>;
  std::size_t chunkCount() const { return (capacity_ + kChunkEntries - 1) / kChunkEntries + 1; }

  const std::size_t capacity_;
  std::unique_ptr<std::atomic<Word*>[]> chunks_;
  std::atomic<std::size_t> size_{0};
};

}  // namespace runnel
