#include "engine/log/log_config.h"

#include <charconv>
#include <functional>
#include <string>

namespace runnel {
namespace {

Status badValue(std::string_view key, std::string_view value, std::string_view why) {
  return Status::invalidArgument(std::string(key) + ": invalid value '" + std::string(value) +
                                 "': " + std::string(why));
}

// Parses a decimal int64 in [min, max].
Status parseInt(std::string_view key, std::string_view value, std::int64_t min, std::int64_t max,
                std::int64_t* out) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec == std::errc::result_out_of_range)
    return badValue(key, value, "out of the range of a 64-bit integer");
  if (ec != std::errc() || end != value.data() + value.size() || value.empty()) {
    return badValue(key, value, "not an integer");
  }
  if (v < min || v > max) {
    return badValue(key, value,
                    "must be between " + std::to_string(min) + " and " + std::to_string(max));
  }
  *out = v;
  return Status::ok();
}

struct Setting {
  std::string_view key;
  std::function<Status(LogConfig&, std::string_view key, std::string_view value)> apply;
};

Setting intSetting(std::string_view key, std::int64_t LogConfig::*field, std::int64_t min,
                   std::int64_t max = INT64_MAX) {
  return {key, [field, min, max](LogConfig& c, std::string_view k, std::string_view v) {
            return parseInt(k, v, min, max, &(c.*field));
          }};
}

const std::vector<Setting>& settings() {
  static const std::vector<Setting> kSettings = {
      // A segment must hold at least one batch header (Kafka's own minimum is 14 bytes).
      intSetting("segment.bytes", &LogConfig::segmentBytes, 14, INT32_MAX),
      intSetting("segment.ms", &LogConfig::segmentMs, 1),
      intSetting("segment.index.bytes", &LogConfig::segmentIndexBytes, 12, INT32_MAX),
      intSetting("retention.ms", &LogConfig::retentionMs, -1),
      intSetting("retention.bytes", &LogConfig::retentionBytes, -1),
      intSetting("flush.messages", &LogConfig::flushMessages, 1),
      intSetting("flush.ms", &LogConfig::flushMs, 0),
      intSetting("index.interval.bytes", &LogConfig::indexIntervalBytes, 0, INT32_MAX),
      intSetting("max.message.bytes", &LogConfig::maxMessageBytes, 0, INT32_MAX),
      intSetting("delete.retention.ms", &LogConfig::deleteRetentionMs, 0),
      intSetting("min.compaction.lag.ms", &LogConfig::minCompactionLagMs, 0),
      {"cleanup.policy",
       [](LogConfig& c, std::string_view k, std::string_view v) {
         bool del = false, compact = false;
         std::size_t start = 0;
         while (start <= v.size()) {
           std::size_t comma = v.find(',', start);
           if (comma == std::string_view::npos) comma = v.size();
           std::string_view item = v.substr(start, comma - start);
           while (!item.empty() && item.front() == ' ')
             item.remove_prefix(1);
           while (!item.empty() && item.back() == ' ')
             item.remove_suffix(1);
           if (item == "delete") {
             del = true;
           } else if (item == "compact") {
             compact = true;
           } else {
             return badValue(k, v, "expected a list of 'delete' and 'compact'");
           }
           start = comma + 1;
         }
         c.cleanupDelete = del;
         c.cleanupCompact = compact;
         return Status::ok();
       }},
      {"message.timestamp.type",
       [](LogConfig& c, std::string_view k, std::string_view v) {
         if (v == "CreateTime") {
           c.timestampType = record::TimestampType::kCreateTime;
         } else if (v == "LogAppendTime") {
           c.timestampType = record::TimestampType::kLogAppendTime;
         } else {
           return badValue(k, v, "expected CreateTime or LogAppendTime");
         }
         return Status::ok();
       }},
  };
  return kSettings;
}

}  // namespace

Status LogConfig::set(std::string_view key, std::string_view value) {
  for (const auto& s : settings()) {
    if (s.key == key) return s.apply(*this, key, value);
  }
  return Status::notFound("unknown log setting '" + std::string(key) + "'");
}

bool LogConfig::isLogConfigKey(std::string_view key) {
  for (const auto& s : settings()) {
    if (s.key == key) return true;
  }
  return false;
}

Result<LogConfig> LogConfig::fromProperties(const std::map<std::string, std::string>& properties,
                                            const LogConfig& base) {
  LogConfig config = base;
  for (const auto& [key, value] : properties) {
    Status s = config.set(key, value);
    if (s.isNotFound()) return Status::invalidArgument(s.message());
    RUNNEL_RETURN_IF_ERROR(s);
  }
  return config;
}

Result<LogConfig> LogConfig::fromProperties(const std::map<std::string, std::string>& properties) {
  return fromProperties(properties, LogConfig());
}

std::string LogConfig::cleanupPolicy() const {
  if (cleanupCompact && cleanupDelete) return "compact,delete";
  return cleanupCompact ? "compact" : "delete";
}

}  // namespace runnel
