// OffsetStore: where the group coordinator keeps committed offsets, so they outlive the
// coordinator (Kafka keeps them in __consumer_offsets; Runnel in the metadata store).
// MetadataOffsetStore is the real one, over MetadataStore's group_offsets table.
// Implementations must be thread-safe; the coordinator calls them with its own lock held, so
// they must never call back into the coordinator.
#pragma once

#include <string>
#include <vector>

#include "engine/common/result.h"
#include "engine/common/status.h"
#include "engine/meta/metadata_records.h"
#include "engine/meta/metadata_store.h"

namespace runnel::group {

class OffsetStore {
 public:
  virtual ~OffsetStore() = default;
  // All-or-nothing. `offsets[i].group` is the group the offsets belong to.
  virtual Status commit(const std::vector<CommittedOffset>& offsets) = 0;
  virtual Result<std::vector<CommittedOffset>> fetch(const std::string& group) const = 0;
  // Deletes one partition's offset (partition >= 0), a topic's, or (topic empty) the group's.
  virtual Status remove(const std::string& group, const std::string& topic = {},
                        int partition = -1) = 0;
  // Groups with at least one committed offset (loaded as Empty groups at start-up).
  virtual Result<std::vector<std::string>> groups() const = 0;
};

// Borrows a MetadataStore, which must outlive it. Thread-safe as MetadataStore is.
class MetadataOffsetStore final : public OffsetStore {
 public:
  explicit MetadataOffsetStore(MetadataStore* store) : store_(store) {}
  Status commit(const std::vector<CommittedOffset>& offsets) override {
    return store_->commitOffsets(offsets);
  }
  Result<std::vector<CommittedOffset>> fetch(const std::string& group) const override {
    return store_->committedOffsets(group);
  }
  Status remove(const std::string& group, const std::string& topic, int partition) override {
    return store_->deleteOffsets(group, topic, partition);
  }
  Result<std::vector<std::string>> groups() const override { return store_->groupsWithOffsets(); }

 private:
  MetadataStore* store_;
};

}  // namespace runnel::group
