// The files of one partition directory, as Kafka lays them out: segment files named by their
// base offset (20 digits) with .log/.index/.timeindex suffixes, index entry layouts and the
// checkpoint file names. Shared by the writer, recovery and the cleaner; described in
// docs/formats/log_segments.md. Constants and pure helpers only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace runnel::logfmt {

inline constexpr std::string_view kLogSuffix = ".log";
inline constexpr std::string_view kOffsetIndexSuffix = ".index";
inline constexpr std::string_view kTimeIndexSuffix = ".timeindex";
// Cleaner output being written, then complete and waiting to replace the original.
inline constexpr std::string_view kCleanedSuffix = ".cleaned";
inline constexpr std::string_view kSwapSuffix = ".swap";
// Temporary files (checkpoints being replaced).
inline constexpr std::string_view kTmpSuffix = ".tmp";

inline constexpr std::string_view kRecoveryPointFile = "recovery-point-offset-checkpoint";
inline constexpr std::string_view kLogStartOffsetFile = "log-start-offset-checkpoint";
inline constexpr std::string_view kLeaderEpochFile = "leader-epoch-checkpoint";
// Present only between a clean close() and the next open: no recovery scan needed.
inline constexpr std::string_view kCleanShutdownFile = "clean-shutdown";

// Offset index entry: relative offset (int32) and byte position in the .log (int32).
inline constexpr std::size_t kOffsetIndexEntrySize = 8;
// Time index entry: timestamp (int64) and relative offset (int32).
inline constexpr std::size_t kTimeIndexEntrySize = 12;

inline constexpr int kOffsetDigits = 20;

// "00000000000000000042" for 42.
std::string baseName(std::int64_t baseOffset);
// "00000000000000000042.log" etc.
inline std::string logFileName(std::int64_t base) {
  return baseName(base) + std::string(kLogSuffix);
}
inline std::string offsetIndexFileName(std::int64_t base) {
  return baseName(base) + std::string(kOffsetIndexSuffix);
}
inline std::string timeIndexFileName(std::int64_t base) {
  return baseName(base) + std::string(kTimeIndexSuffix);
}

// The base offset of a file named "<20 digits><suffix>", or nullopt for any other name.
std::optional<std::int64_t> parseBaseOffset(std::string_view fileName, std::string_view suffix);

}  // namespace runnel::logfmt
