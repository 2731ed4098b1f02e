// MetadataStore: the controller's durable memory, in one SQLite database — topics, topic configs,
// partition assignments with leaders, leader epochs and ISRs, committed group offsets, the
// cluster id and the producer-id allocator. It survives a restart of the whole cluster.
// Every call is one transaction, so a crash leaves either the old or the new state.
// Thread-safety: all methods may be called from any thread; they serialise on an internal mutex.
// Lifetime: owned by the cluster; open() creates the file and schema when missing.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "engine/common/result.h"
#include "engine/common/status.h"
#include "engine/meta/metadata_records.h"

struct sqlite3;
struct sqlite3_stmt;

namespace runnel {

class MetadataStore {
 public:
  // `path` is a file, or ":memory:" for a store that lives only as long as the object.
  static Result<std::unique_ptr<MetadataStore>> open(const std::string& path);
  ~MetadataStore();
  MetadataStore(const MetadataStore&) = delete;
  MetadataStore& operator=(const MetadataStore&) = delete;

  // The cluster's id, created at the first open and stable afterwards.
  std::string clusterId() const { return clusterId_; }

  // Topics. createTopic stores the topic and all its partitions atomically.
  Status createTopic(const TopicRecord& topic, const std::vector<PartitionRecord>& partitions);
  // Removes the topic, its partitions and configs (committed offsets of groups stay until the
  // group deletes them, as in Kafka).
  Status deleteTopic(const std::string& name);
  Result<std::vector<TopicRecord>> topics() const;
  Result<TopicRecord> topic(const std::string& name) const;  // NotFound if absent
  // Sets (value present) or removes (nullopt) one config key of a topic.
  Status setTopicConfig(const std::string& topic, const std::string& key,
                        const std::optional<std::string>& value);
  // Raises the partition count and stores the new partitions.
  Status addPartitions(const std::string& topic, const std::vector<PartitionRecord>& added);

  // Partitions of one topic (or of every topic when `topic` is empty), ordered by topic, partition.
  Result<std::vector<PartitionRecord>> partitions(const std::string& topic = {}) const;
  // Replaces the stored state of the given partitions in one transaction (a failover moves many
  // leaders at once; either all moves are recorded or none).
  Status updatePartitions(const std::vector<PartitionRecord>& changed);

  // Group offsets.
  Status commitOffsets(const std::vector<CommittedOffset>& offsets);
  Result<std::vector<CommittedOffset>> committedOffsets(const std::string& group) const;
  Result<std::vector<std::string>> groupsWithOffsets() const;
  // Deletes a group's offsets: all of them, those of one topic, or one partition (partition >= 0).
  Status deleteOffsets(const std::string& group, const std::string& topic = {}, int partition = -1);

  // Reserves `count` producer ids and returns the first; ids are never handed out twice, even
  // across restarts.
  Result<std::int64_t> allocateProducerIds(std::int64_t count);

  // A small key/value area for cluster-wide settings (controller epoch, broker registry, ...).
  Result<std::optional<std::string>> value(const std::string& key) const;
  Status setValue(const std::string& key, const std::string& value);

 private:
  explicit MetadataStore(sqlite3* db);
  Status createSchema();
  Status exec(const char* sql) const;
  Status sqliteError(const char* what) const;

  class Transaction;

  mutable std::mutex mu_;  // guards every use of db_
  sqlite3* db_;
  std::string clusterId_;  // immutable after open()
};

}  // namespace runnel
