#include "engine/log/leader_epoch_cache.h"

#include <algorithm>

#include "engine/log/checkpoint_file.h"

namespace runnel {

LeaderEpochCache::LeaderEpochCache(Env& env, std::string path, std::vector<EpochEntry> entries)
    : env_(env), path_(std::move(path)), entries_(std::move(entries)) {}

Result<std::unique_ptr<LeaderEpochCache>> LeaderEpochCache::open(Env& env, std::string path) {
  RUNNEL_ASSIGN_OR_RETURN(auto stored, readCheckpoint(env, path, 2));
  std::vector<EpochEntry> entries;
  if (stored) {
    for (const auto& e : *stored) {
      if (e[0] < 0 || e[0] > INT32_MAX || e[1] < 0) {
        return Status::corruption("checkpoint " + path + ": impossible epoch entry");
      }
      const EpochEntry entry{static_cast<std::int32_t>(e[0]), e[1]};
      if (!entries.empty() &&
          (entry.epoch <= entries.back().epoch || entry.startOffset < entries.back().startOffset)) {
        return Status::corruption("checkpoint " + path + ": epochs are not in increasing order");
      }
      entries.push_back(entry);
    }
  }
  return std::unique_ptr<LeaderEpochCache>(
      new LeaderEpochCache(env, std::move(path), std::move(entries)));
}

Status LeaderEpochCache::persist() {
  std::vector<CheckpointEntry> rows;
  rows.reserve(entries_.size());
  for (const auto& e : entries_)
    rows.push_back({e.epoch, e.startOffset});
  return writeCheckpoint(env_, path_, rows);
}

Status LeaderEpochCache::assign(std::int32_t epoch, std::int64_t startOffset) {
  if (epoch < 0 || startOffset < 0) return Status::ok();
  MutexLock lock(mu_);
  if (!entries_.empty()) {
    const EpochEntry& last = entries_.back();
    if (last.epoch == epoch && last.startOffset <= startOffset) return Status::ok();
  }
  std::erase_if(entries_, [&](const EpochEntry& e) {
    return e.epoch >= epoch || e.startOffset >= startOffset;
  });
  entries_.push_back({epoch, startOffset});
  return persist();
}

EpochEndOffset LeaderEpochCache::endOffsetFor(std::int32_t epoch, std::int64_t logEndOffset) const {
  MutexLock lock(mu_);
  if (epoch == kUndefinedEpoch || entries_.empty()) return {};
  if (entries_.back().epoch == epoch) return {epoch, logEndOffset};
  const auto higher = std::find_if(entries_.begin(), entries_.end(),
                                   [&](const EpochEntry& e) { return e.epoch > epoch; });
  if (higher == entries_.end()) return {};
  if (higher == entries_.begin()) return {epoch, higher->startOffset};
  return {std::prev(higher)->epoch, higher->startOffset};
}

Status LeaderEpochCache::truncateFromEnd(std::int64_t endOffset) {
  MutexLock lock(mu_);
  const auto before = entries_.size();
  std::erase_if(entries_, [&](const EpochEntry& e) { return e.startOffset >= endOffset; });
  return entries_.size() == before ? Status::ok() : persist();
}

Status LeaderEpochCache::truncateFromStart(std::int64_t startOffset) {
  MutexLock lock(mu_);
  // The last entry starting at or before startOffset still covers it: keep it, moved up.
  std::size_t keepFrom = 0;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i].startOffset <= startOffset) keepFrom = i;
  }
  if (entries_.empty() || (keepFrom == 0 && entries_[0].startOffset >= startOffset))
    return Status::ok();
  entries_.erase(entries_.begin(), entries_.begin() + static_cast<std::ptrdiff_t>(keepFrom));
  entries_[0].startOffset = startOffset;
  return persist();
}

Status LeaderEpochCache::clear() {
  MutexLock lock(mu_);
  entries_.clear();
  return persist();
}

std::optional<std::int32_t> LeaderEpochCache::latestEpoch() const {
  MutexLock lock(mu_);
  if (entries_.empty()) return std::nullopt;
  return entries_.back().epoch;
}

std::vector<EpochEntry> LeaderEpochCache::entries() const {
  MutexLock lock(mu_);
  return entries_;
}

}  // namespace runnel
