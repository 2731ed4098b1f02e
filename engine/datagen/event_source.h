// EventSource: a deterministic model of some business's events — card authorizations, orders,
// page views — that turns "it is now T in event time" into the next record. Seeded, so a lesson
// or a test sees the same stream every time. Sources are pure: no I/O, no clock of their own;
// Generator paces them and hands the records to a producer.
// Not thread-safe: one generator thread drives a source.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace runnel::datagen {

struct GeneratedRecord {
  std::string key;
  std::string value;  // JSON
  std::int64_t timestampMs = 0;
};

// A column of the JSON values a source emits, so the studio can offer a matching
// CREATE STREAM statement.
struct FieldDescription {
  std::string name;
  std::string sqlType;  // "STRING", "DOUBLE", "INT", "BIGINT", "BOOLEAN"
};

class EventSource {
 public:
  virtual ~EventSource() = default;
  // "card-authorizations"
  virtual std::string name() const = 0;
  // The topic the studio writes this source to by default ("authorization_attempts").
  virtual std::string defaultTopic() const = 0;
  virtual std::vector<FieldDescription> fields() const = 0;
  // The record for event time `nowMs` (non-decreasing across calls).
  virtual GeneratedRecord next(std::int64_t nowMs) = 0;
};

// The built-in sources by name; nullptr for an unknown name.
std::unique_ptr<EventSource> makeEventSource(const std::string& name, std::uint64_t seed);
std::vector<std::string> eventSourceNames();

}  // namespace runnel::datagen
