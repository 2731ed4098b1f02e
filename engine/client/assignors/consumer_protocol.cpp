#include "engine/client/assignors/consumer_protocol.h"

#include <limits>

#include "engine/common/byte_writer.h"

namespace runnel::assignors {
namespace {

Status checkVersion(std::int16_t version) {
  if (version < kConsumerProtocolMinVersion || version > kConsumerProtocolMaxVersion) {
    return Status::invalidArgument("consumer protocol version " + std::to_string(version) +
                                   " is not in 0.." + std::to_string(kConsumerProtocolMaxVersion));
  }
  return Status::ok();
}

Status putString(ByteWriter& w, const std::string& s) {
  if (s.size() > static_cast<std::size_t>(std::numeric_limits<std::int16_t>::max())) {
    return Status::invalidArgument("string of " + std::to_string(s.size()) + " bytes is too long");
  }
  w.putInt16(static_cast<std::int16_t>(s.size()));
  w.putString(s);
  return Status::ok();
}

void putNullableBytes(ByteWriter& w, const std::optional<Bytes>& b) {
  if (!b) {
    w.putInt32(kNullBytesLength);
    return;
  }
  w.putInt32(static_cast<std::int32_t>(b->size()));
  w.putBytes(*b);
}

Status putTopicPartitions(ByteWriter& w, const TopicPartitions& partitions) {
  const auto grouped = groupByTopic(partitions);
  w.putInt32(static_cast<std::int32_t>(grouped.size()));
  for (const auto& [topic, parts] : grouped) {
    RUNNEL_RETURN_IF_ERROR(putString(w, topic));
    w.putInt32(static_cast<std::int32_t>(parts.size()));
    for (std::int32_t p : parts)
      w.putInt32(p);
  }
  return Status::ok();
}

// Readers: each returns false (and marks the reader failed) on malformed input, so callers can
// bail out with one Corruption status naming the field.
bool getString(ByteReader& r, std::string& out, bool nullable, bool* isNull = nullptr) {
  const std::int16_t len = r.getInt16();
  if (!r.ok()) return false;
  if (len < 0) {
    if (!nullable || len != kNullStringLength) return r.fail(), false;
    if (isNull) *isNull = true;
    return true;
  }
  const ByteView b = r.getBytes(static_cast<std::size_t>(len));
  if (!r.ok()) return false;
  out.assign(asChars(b));
  return true;
}

// Array counts: a count larger than what is left can only be garbage; refuse it before reserving.
bool getCount(ByteReader& r, std::int32_t& count, std::size_t minElementBytes) {
  count = r.getInt32();
  if (!r.ok()) return false;
  if (count < 0 || static_cast<std::size_t>(count) * minElementBytes > r.remaining()) {
    return r.fail(), false;
  }
  return true;
}

bool getNullableBytes(ByteReader& r, std::optional<Bytes>& out) {
  const std::int32_t len = r.getInt32();
  if (!r.ok()) return false;
  if (len < 0) {
    if (len != kNullBytesLength) return r.fail(), false;
    out.reset();
    return true;
  }
  const ByteView b = r.getBytes(static_cast<std::size_t>(len));
  if (!r.ok()) return false;
  out = Bytes(b.begin(), b.end());
  return true;
}

bool getTopicPartitions(ByteReader& r, TopicPartitions& out) {
  std::int32_t topics = 0;
  if (!getCount(r, topics, 6)) return false;
  for (std::int32_t i = 0; i < topics; ++i) {
    std::string topic;
    if (!getString(r, topic, false)) return false;
    std::int32_t n = 0;
    if (!getCount(r, n, 4)) return false;
    for (std::int32_t j = 0; j < n; ++j)
      out.push_back({topic, r.getInt32()});
    if (!r.ok()) return false;
  }
  return true;
}

Status corrupt(const char* what, const char* field) {
  return Status::corruption(std::string("consumer protocol ") + what + ": malformed " + field);
}

}  // namespace

std::vector<std::pair<std::string, std::vector<std::int32_t>>> groupByTopic(
    const TopicPartitions& partitions) {
  std::vector<std::pair<std::string, std::vector<std::int32_t>>> out;
  for (const TopicPartition& tp : partitions) {
    auto it = out.begin();
    while (it != out.end() && it->first != tp.topic)
      ++it;
    if (it == out.end()) {
      out.push_back({tp.topic, {}});
      it = out.end() - 1;
    }
    it->second.push_back(tp.partition);
  }
  return out;
}

Result<Bytes> encodeSubscription(const Subscription& s, std::int16_t version) {
  RUNNEL_RETURN_IF_ERROR(checkVersion(version));
  Bytes out;
  ByteWriter w(out);
  w.putInt16(version);
  w.putInt32(static_cast<std::int32_t>(s.topics.size()));
  for (const std::string& t : s.topics)
    RUNNEL_RETURN_IF_ERROR(putString(w, t));
  putNullableBytes(w, s.userData);
  if (version >= kOwnedPartitionsVersion)
    RUNNEL_RETURN_IF_ERROR(putTopicPartitions(w, s.ownedPartitions));
  if (version >= kGenerationIdVersion) w.putInt32(s.generationId);
  if (version >= kRackIdVersion) {
    if (s.rackId) {
      RUNNEL_RETURN_IF_ERROR(putString(w, *s.rackId));
    } else {
      w.putInt16(kNullStringLength);
    }
  }
  return out;
}

Result<Bytes> encodeAssignment(const Assignment& a, std::int16_t version) {
  RUNNEL_RETURN_IF_ERROR(checkVersion(version));
  Bytes out;
  ByteWriter w(out);
  w.putInt16(version);
  RUNNEL_RETURN_IF_ERROR(putTopicPartitions(w, a.partitions));
  putNullableBytes(w, a.userData);
  return out;
}

Result<DecodedSubscription> decodeSubscription(ByteView bytes) {
  ByteReader r(bytes);
  DecodedSubscription d;
  d.version = r.getInt16();
  if (!r.ok() || d.version < 0) return corrupt("subscription", "version");
  // Newer versions only append fields: read what the newest known version has.
  const std::int16_t v = std::min(d.version, kConsumerProtocolMaxVersion);
  Subscription& s = d.subscription;
  std::int32_t topics = 0;
  if (!getCount(r, topics, 2)) return corrupt("subscription", "topics");
  for (std::int32_t i = 0; i < topics; ++i) {
    std::string t;
    if (!getString(r, t, false)) return corrupt("subscription", "topics");
    s.topics.push_back(std::move(t));
  }
  if (!getNullableBytes(r, s.userData)) return corrupt("subscription", "user data");
  if (v >= kOwnedPartitionsVersion && !getTopicPartitions(r, s.ownedPartitions)) {
    return corrupt("subscription", "owned partitions");
  }
  if (v >= kGenerationIdVersion) {
    s.generationId = r.getInt32();
    if (!r.ok()) return corrupt("subscription", "generation id");
  }
  if (v >= kRackIdVersion) {
    std::string rack;
    bool isNull = false;
    if (!getString(r, rack, true, &isNull)) return corrupt("subscription", "rack id");
    if (!isNull) s.rackId = std::move(rack);
  }
  return d;
}

Result<DecodedAssignment> decodeAssignment(ByteView bytes) {
  DecodedAssignment d;
  // The coordinator hands members the leader left out zero bytes; that means "nothing".
  if (bytes.empty()) return d;
  ByteReader r(bytes);
  d.version = r.getInt16();
  if (!r.ok() || d.version < 0) return corrupt("assignment", "version");
  if (!getTopicPartitions(r, d.assignment.partitions)) return corrupt("assignment", "partitions");
  if (!getNullableBytes(r, d.assignment.userData)) return corrupt("assignment", "user data");
  return d;
}

}  // namespace runnel::assignors
