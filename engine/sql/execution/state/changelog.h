// Changelog: a persistent query's state per task in a compacted internal topic, as Kafka Streams
// keeps a store's `-changelog` topic: partition p holds the keys of task p. A checkpoint appends
// the task's changed keys (value, or null for a deleted key) and then one marker record whose
// value lists the input offsets that state reflects. Restoring replays a partition up to its LAST
// marker and ignores what follows (a checkpoint cut short by a crash), so the restored state and
// the offsets to resume from always agree: no input record is counted twice or lost.
// Marker: key kMarkerKey, header kMarkerHeader, value "topic\tpartition\tnext\n" per input.
// Free functions; the producer and cluster client are borrowed for the call.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/client/cluster_client.h"
#include "engine/sql/execution/state/state_store.h"

namespace runnel::sql {

inline constexpr const char* kChangelogMarkerKey =
    "\xff"
    "runnel-checkpoint";
inline constexpr const char* kChangelogMarkerHeader = "runnel.checkpoint";

struct RestoredTask {
  std::map<std::string, std::string> entries;  // the state as of the last marker
  OffsetTable offsets;                         // the marker's input offsets (empty: no marker)
  // Keys written after the last marker (a checkpoint that never completed): the new owner
  // rewrites them with their restored value, so a later restore does not see the stale ones.
  std::vector<std::string> unfinished;
  std::int64_t recordsRead = 0;
};

// Creates the changelog topic (compacted, internal) unless it exists.
Status ensureChangelogTopic(client::Admin& admin, const std::string& topic,
                            std::int32_t partitions);

// A checkpoint of one task is its changed keys, each sent by appendChange() (`value` null for a
// deleted key), then one appendMarker() with the offsets they reflect, all to the task's
// partition; `onAck` hears every acknowledgement. The caller flushes the producer and checks for
// failures before it commits anything that relies on these records.
void appendChange(client::Producer& producer, const std::string& topic, std::int32_t partition,
                  std::string_view key, const std::string* value,
                  const client::SendCallback& onAck);
void appendMarker(client::Producer& producer, const std::string& topic, std::int32_t partition,
                  const OffsetTable& offsets, const client::SendCallback& onAck);

// Reads one partition from the beginning to its end.
Result<RestoredTask> restoreTask(client::ClusterClient& cluster, const std::string& topic,
                                 std::int32_t partition);

std::string encodeMarker(const OffsetTable& offsets);
Result<OffsetTable> decodeMarker(std::string_view text);

}  // namespace runnel::sql
