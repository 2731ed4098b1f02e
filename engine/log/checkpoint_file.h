// Small text checkpoint files in Kafka's layout — a version line, an entry-count line, then one
// entry per line with space-separated integers — replaced atomically through Env. Used for the
// recovery point, the log start offset and the leader-epoch cache. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/common/env.h"
#include "engine/common/result.h"

namespace runnel {

inline constexpr int kCheckpointVersion = 0;

using CheckpointEntry = std::vector<std::int64_t>;

// Writes `entries` (each with `fieldsPerEntry` integers) to `path`, atomically and durably.
Status writeCheckpoint(Env& env, const std::string& path,
                       const std::vector<CheckpointEntry>& entries);
// Reads a checkpoint; nullopt when the file does not exist. Corruption when it is malformed
// (wrong version, count not matching, wrong number of fields, not integers).
Result<std::optional<std::vector<CheckpointEntry>>> readCheckpoint(Env& env,
                                                                   const std::string& path,
                                                                   std::size_t fieldsPerEntry);

// A single-integer checkpoint (recovery point, log start offset).
Status writeOffsetCheckpoint(Env& env, const std::string& path, std::int64_t offset);
Result<std::optional<std::int64_t>> readOffsetCheckpoint(Env& env, const std::string& path);

}  // namespace runnel
