// The few Java library behaviours the Kafka assignors' results depend on, so ours match the
// Java client's for the same input: String.hashCode, String.compareTo (UTF-16 code units), and
// the iteration order of a java.util.HashMap / HashSet built by a given sequence of puts and
// removes. Kafka's sticky assignor walks HashMaps keyed by member id and takes the first element
// of HashSets of partitions, so that order decides ties.
// JavaHashOrder is a plain value, not thread-safe. Known gap: bins Java would turn into trees
// (9+ colliding keys in a table of 64+ buckets) keep list order here.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/client/assignors/topic_partition.h"

namespace runnel::assignors {

// java.lang.String#hashCode of the UTF-16 form of `utf8`.
std::int32_t javaStringHash(std::string_view utf8);
// java.lang.String#compareTo: <0, 0, >0 comparing UTF-16 code units.
int javaStringCompare(std::string_view a, std::string_view b);
inline bool javaStringLess(std::string_view a, std::string_view b) {
  return javaStringCompare(a, b) < 0;
}
// org.apache.kafka.common.TopicPartition#hashCode.
std::int32_t javaHash(const TopicPartition& tp);
inline std::int32_t javaHash(std::string_view s) {
  return javaStringHash(s);
}

// Simulates the bucket table of a HashMap/HashSet created with the default capacity (16, load
// factor 0.75): insert() and erase() by key; order() lists the keys as Java's iterator would.
template <typename Key>
class JavaHashOrder {
 public:
  JavaHashOrder() : buckets_(16) {}

  bool contains(const Key& key) const {
    for (const Entry& e : buckets_[indexFor(spread(javaHash(key)))]) {
      if (e.key == key) return true;
    }
    return false;
  }

  // No-op when present (a put of an existing key keeps its place).
  void insert(const Key& key) {
    const std::uint32_t h = spread(javaHash(key));
    std::vector<Entry>& bin = buckets_[indexFor(h)];
    for (const Entry& e : bin) {
      if (e.key == key) return;
    }
    bin.push_back({key, h});
    // Java treeifies a bin that reaches 9 entries, but resizes instead while the table is small.
    if (bin.size() >= 9 && buckets_.size() < 64) resize();
    if (++size_ > buckets_.size() * 3 / 4) resize();
  }

  void erase(const Key& key) {
    std::vector<Entry>& bin = buckets_[indexFor(spread(javaHash(key)))];
    for (auto it = bin.begin(); it != bin.end(); ++it) {
      if (it->key == key) {
        bin.erase(it);
        --size_;
        return;
      }
    }
  }

  std::size_t size() const { return size_; }

  std::vector<Key> order() const {
    std::vector<Key> out;
    out.reserve(size_);
    for (const auto& bin : buckets_) {
      for (const Entry& e : bin)
        out.push_back(e.key);
    }
    return out;
  }

 private:
  struct Entry {
    Key key;
    std::uint32_t hash;
  };
  static std::uint32_t spread(std::int32_t h) {
    const auto u = static_cast<std::uint32_t>(h);
    return u ^ (u >> 16);
  }
  std::size_t indexFor(std::uint32_t h) const { return h & (buckets_.size() - 1); }
  // Doubling splits each bin into a low and a high bin, both keeping their relative order.
  void resize() {
    std::vector<std::vector<Entry>> next(buckets_.size() * 2);
    for (auto& bin : buckets_) {
      for (Entry& e : bin)
        next[e.hash & (next.size() - 1)].push_back(std::move(e));
    }
    buckets_ = std::move(next);
  }

  std::vector<std::vector<Entry>> buckets_;
  std::size_t size_ = 0;
};

// The order a HashMap filled by put() of `keys` in sequence iterates in.
template <typename Key>
std::vector<Key> javaHashMapOrder(const std::vector<Key>& keys) {
  JavaHashOrder<Key> order;
  for (const Key& k : keys)
    order.insert(k);
  return order.order();
}

}  // namespace runnel::assignors
