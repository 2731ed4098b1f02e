#include "engine/sql/catalog/command_log.h"

#include "engine/common/json_writer.h"
#include "engine/sql/formats/json_codec.h"

namespace runnel::sql {

std::string encodeCommand(const Command& c) {
  JsonWriter w;
  w.beginObject()
      .key("sql")
      .value(c.sql)
      .key("queryId")
      .value(c.queryId)
      .key("properties")
      .beginObject();
  for (const auto& [k, v] : c.properties)
    w.key(k).value(v);
  w.endObject().endObject();
  return w.take();
}

Result<Command> decodeCommand(std::string_view json) {
  RUNNEL_ASSIGN_OR_RETURN(Value v, parseJson(json));
  if (v.kind() != TypeKind::kStruct) return Status::corruption("a command must be a JSON object");
  Command c;
  Value sql = v.field("sql");
  if (sql.kind() != TypeKind::kString) return Status::corruption("a command needs its sql");
  c.sql = sql.asString();
  if (Value id = v.field("queryId"); id.kind() == TypeKind::kString) c.queryId = id.asString();
  if (Value props = v.field("properties"); props.kind() == TypeKind::kStruct)
    for (const auto& [k, x] : props.asStruct())
      c.properties[k] = x.toString();
  return c;
}

CommandLog::CommandLog(client::ClusterClient& cluster, std::string topic)
    : cluster_(cluster), topic_(std::move(topic)) {}

CommandLog::~CommandLog() {
  if (producer_) (void)producer_->close(std::chrono::seconds(5));
}

Status CommandLog::ensureTopic() {
  client::NewTopic t;
  t.name = topic_;
  t.partitions = 1;
  t.configs = {{"cleanup.policy", "delete"}, {"retention.ms", "-1"}};
  t.internal = true;
  Status s = cluster_.admin().createTopic(t);
  if (!s.isOk() && !s.isAlreadyExists())
    return s.withContext("creating the command topic " + topic_);
  return Status::ok();
}

Result<std::vector<Command>> CommandLog::readAll(std::int64_t* end) {
  client::ConsumerConfig cc;
  cc.clientId = "runnel-sql-command-reader";
  cc.enableAutoCommit = false;
  cc.autoOffsetReset = client::OffsetReset::kEarliest;
  RUNNEL_ASSIGN_OR_RETURN(auto consumer, cluster_.createConsumer(cc));
  const client::TopicPartition tp{topic_, 0};
  RUNNEL_RETURN_IF_ERROR(consumer->assign({tp}));
  RUNNEL_RETURN_IF_ERROR(consumer->seekToBeginning({tp}));
  RUNNEL_ASSIGN_OR_RETURN(auto marks, consumer->watermarks(tp, std::chrono::seconds(30)));
  std::vector<Command> out;
  for (int idle = 0; idle < 100;) {
    RUNNEL_ASSIGN_OR_RETURN(std::int64_t pos, consumer->position(tp));
    if (pos >= marks.second) break;
    RUNNEL_ASSIGN_OR_RETURN(auto records, consumer->poll(std::chrono::milliseconds(100)));
    idle = records.empty() ? idle + 1 : 0;
    for (const auto& r : records) {
      if (!r.value) continue;
      auto c = decodeCommand(asChars(*r.value));
      if (!c) return c.status().withContext("command at offset " + std::to_string(r.offset));
      out.push_back(std::move(*c));
    }
  }
  if (end) *end = marks.second;
  (void)consumer->close();
  return out;
}

Result<std::vector<std::pair<std::int64_t, Command>>> CommandLog::follow(
    std::int64_t from, std::chrono::milliseconds timeout) {
  const client::TopicPartition tp{topic_, 0};
  if (!follower_) {
    client::ConsumerConfig cc;
    cc.clientId = "runnel-sql-command-follower";
    cc.enableAutoCommit = false;
    cc.autoOffsetReset = client::OffsetReset::kEarliest;
    RUNNEL_ASSIGN_OR_RETURN(follower_, cluster_.createConsumer(cc));
    RUNNEL_RETURN_IF_ERROR(follower_->assign({tp}));
    RUNNEL_RETURN_IF_ERROR(follower_->seek(tp, from));
  }
  std::vector<std::pair<std::int64_t, Command>> out;
  RUNNEL_ASSIGN_OR_RETURN(auto records, follower_->poll(timeout));
  for (const auto& r : records) {
    if (r.offset < from || !r.value) continue;
    auto c = decodeCommand(asChars(*r.value));
    if (!c) return c.status().withContext("command at offset " + std::to_string(r.offset));
    out.emplace_back(r.offset, std::move(*c));
  }
  return out;
}

Status CommandLog::append(const Command& command) {
  if (!producer_) {
    client::ProducerConfig pc;
    pc.clientId = "runnel-sql-commands";
    pc.lingerMs = 0;
    RUNNEL_ASSIGN_OR_RETURN(producer_, cluster_.createProducer(pc));
  }
  client::ProducerRecord r;
  r.topic = topic_;
  r.partition = 0;
  r.value = toBytes(encodeCommand(command));
  auto outcome = std::make_shared<Status>(Status::unavailable("not acknowledged"));
  auto offset = std::make_shared<std::int64_t>(-1);
  producer_->send(std::move(r), [outcome, offset](const Result<client::RecordMetadata>& md) {
    *outcome = md.isOk() ? Status::ok() : md.status();
    if (md.isOk()) *offset = md->offset;
  });
  RUNNEL_RETURN_IF_ERROR(producer_->flush(std::chrono::seconds(30)));
  if (outcome->isOk()) appended_.insert(*offset);
  return *outcome;
}

}  // namespace runnel::sql
