// LogConfig: the per-topic settings that shape one partition's log, with Kafka's names, defaults
// and meanings (segment.bytes, retention.ms, cleanup.policy, ...), parsed from the string
// key/value pairs topics are configured with. A plain value; copy it freely.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "engine/common/result.h"
#include "engine/record/record.h"

namespace runnel {

struct LogConfig {
  static constexpr std::int64_t kNoLimit = INT64_MAX;

  std::int64_t segmentBytes = 1024LL * 1024 * 1024;      // segment.bytes
  std::int64_t segmentMs = 7LL * 24 * 60 * 60 * 1000;    // segment.ms
  std::int64_t segmentIndexBytes = 10LL * 1024 * 1024;   // segment.index.bytes
  std::int64_t retentionMs = 7LL * 24 * 60 * 60 * 1000;  // retention.ms (-1 = forever)
  std::int64_t retentionBytes = -1;                      // retention.bytes (-1 = unlimited)
  bool cleanupDelete = true;                             // cleanup.policy contains "delete"
  bool cleanupCompact = false;                           // cleanup.policy contains "compact"
  std::int64_t flushMessages = kNoLimit;                 // flush.messages
  std::int64_t flushMs = kNoLimit;                       // flush.ms
  std::int64_t indexIntervalBytes = 4096;                // index.interval.bytes
  record::TimestampType timestampType =
      record::TimestampType::kCreateTime;                  // message.timestamp.type
  std::int64_t maxMessageBytes = 1024 * 1024 + 12;         // max.message.bytes (1048588)
  std::int64_t deleteRetentionMs = 24LL * 60 * 60 * 1000;  // delete.retention.ms
  std::int64_t minCompactionLagMs = 0;                     // min.compaction.lag.ms

  // Applies one "key=value" setting. InvalidArgument names the key and explains the problem;
  // NotFound means the key is not a log setting (see isLogConfigKey).
  Status set(std::string_view key, std::string_view value);

  // Builds a config from `properties` on top of `base` (Kafka's defaults when omitted); every key
  // must be a log setting.
  static Result<LogConfig> fromProperties(const std::map<std::string, std::string>& properties,
                                          const LogConfig& base);
  static Result<LogConfig> fromProperties(const std::map<std::string, std::string>& properties);

  // The keys above, so callers holding all of a topic's settings can pick out the log's.
  static bool isLogConfigKey(std::string_view key);

  std::string cleanupPolicy() const;  // "delete", "compact" or "compact,delete"
};

}  // namespace runnel
