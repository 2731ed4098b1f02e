#include "engine/sql/execution/state/changelog.h"

#include <charconv>
#include <algorithm>

namespace runnel::sql {

Status ensureChangelogTopic(client::Admin& admin, const std::string& topic,
                            std::int32_t partitions) {
  client::NewTopic t;
  t.name = topic;
  t.partitions = partitions;
  t.replicationFactor = -1;
  t.configs = {{"cleanup.policy", "compact"}};
  t.internal = true;
  Status s = admin.createTopic(t);
  if (!s.isOk() && !s.isAlreadyExists()) return s.withContext("creating changelog " + topic);
  return Status::ok();
}

std::string encodeMarker(const OffsetTable& offsets) {
  std::string out;
  for (const auto& [tp, next] : offsets)
    out += tp.topic + "\t" + std::to_string(tp.partition) + "\t" + std::to_string(next) + "\n";
  return out;
}

Result<OffsetTable> decodeMarker(std::string_view text) {
  OffsetTable out;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    const std::size_t a = line.find('\t');
    const std::size_t b = a == std::string_view::npos ? a : line.find('\t', a + 1);
    if (b == std::string_view::npos) return Status::corruption("bad changelog marker line");
    std::int32_t partition = 0;
    std::int64_t next = 0;
    const auto p = std::from_chars(line.data() + a + 1, line.data() + b, partition);
    const auto n = std::from_chars(line.data() + b + 1, line.data() + line.size(), next);
    if (p.ec != std::errc{} || n.ec != std::errc{})
      return Status::corruption("bad changelog marker offsets");
    out[{std::string(line.substr(0, a)), partition}] = next;
  }
  return out;
}

void appendChange(client::Producer& producer, const std::string& topic, std::int32_t partition,
                  std::string_view key, const std::string* value,
                  const client::SendCallback& onAck) {
  client::ProducerRecord r;
  r.topic = topic;
  r.partition = partition;
  r.key = toBytes(key);
  if (value) r.value = toBytes(*value);
  producer.send(std::move(r), onAck);
}

void appendMarker(client::Producer& producer, const std::string& topic, std::int32_t partition,
                  const OffsetTable& offsets, const client::SendCallback& onAck) {
  client::ProducerRecord marker;
  marker.topic = topic;
  marker.partition = partition;
  marker.key = toBytes(std::string(kChangelogMarkerKey));
  marker.value = toBytes(encodeMarker(offsets));
  marker.headers.push_back({kChangelogMarkerHeader, toBytes(std::string("1"))});
  producer.send(std::move(marker), onAck);
}

Result<RestoredTask> restoreTask(client::ClusterClient& cluster, const std::string& topic,
                                 std::int32_t partition) {
  client::ConsumerConfig cc;
  cc.clientId = "runnel-sql-restore";
  cc.enableAutoCommit = false;
  cc.autoOffsetReset = client::OffsetReset::kEarliest;
  RUNNEL_ASSIGN_OR_RETURN(auto consumer, cluster.createConsumer(cc));
  const client::TopicPartition tp{topic, partition};
  RUNNEL_RETURN_IF_ERROR(consumer->assign({tp}));
  RUNNEL_RETURN_IF_ERROR(consumer->seekToBeginning({tp}));
  RUNNEL_ASSIGN_OR_RETURN(auto marks, consumer->watermarks(tp, std::chrono::seconds(30)));
  RestoredTask out;
  std::vector<std::pair<std::string, std::optional<std::string>>> pending;
  for (int idle = 0; idle < 300;) {
    RUNNEL_ASSIGN_OR_RETURN(std::int64_t pos, consumer->position(tp));
    if (pos >= marks.second) break;
    RUNNEL_ASSIGN_OR_RETURN(auto records, consumer->poll(std::chrono::milliseconds(100)));
    idle = records.empty() ? idle + 1 : 0;
    for (const auto& r : records) {
      if (r.offset >= marks.second) break;
      ++out.recordsRead;
      const bool marker = std::any_of(r.headers.begin(), r.headers.end(), [](const auto& h) {
        return h.key == kChangelogMarkerHeader;
      });
      if (marker) {
        RUNNEL_ASSIGN_OR_RETURN(out.offsets, decodeMarker(r.value ? asChars(*r.value) : ""));
        for (auto& [k, v] : pending) {
          if (v)
            out.entries[k] = std::move(*v);
          else
            out.entries.erase(k);
        }
        pending.clear();
        continue;
      }
      if (!r.key) continue;
      std::optional<std::string> v;
      if (r.value) v = std::string(asChars(*r.value));
      pending.emplace_back(std::string(asChars(*r.key)), std::move(v));
    }
  }
  RUNNEL_ASSIGN_OR_RETURN(std::int64_t end, consumer->position(tp));
  (void)consumer->close();
  if (end < marks.second)
    return Status::timedOut("restoring " + topic + "-" + std::to_string(partition) +
                            ": stopped at offset " + std::to_string(end) + " of " +
                            std::to_string(marks.second));
  for (const auto& [k, v] : pending)
    out.unfinished.push_back(k);
  return out;
}

}  // namespace runnel::sql
