#include "engine/meta/metadata_store.h"

#include <sqlite3.h>

#include <charconv>

#include "engine/meta/sqlite_statement.h"

namespace runnel {
namespace {

// 2 added the reassignment columns of partitions; a version 1 store is upgraded in place.
constexpr int kSchemaVersion = 2;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS topics (
  name TEXT PRIMARY KEY, id TEXT NOT NULL, partition_count INTEGER NOT NULL,
  replication_factor INTEGER NOT NULL, created_ms INTEGER NOT NULL, internal INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS topic_configs (
  topic TEXT NOT NULL REFERENCES topics(name) ON DELETE CASCADE, key TEXT NOT NULL,
  value TEXT NOT NULL, PRIMARY KEY (topic, key));
CREATE TABLE IF NOT EXISTS partitions (
  topic TEXT NOT NULL REFERENCES topics(name) ON DELETE CASCADE, partition INTEGER NOT NULL,
  replicas TEXT NOT NULL, leader INTEGER NOT NULL, leader_epoch INTEGER NOT NULL,
  isr TEXT NOT NULL, partition_epoch INTEGER NOT NULL, adding_replicas TEXT NOT NULL DEFAULT '',
  removing_replicas TEXT NOT NULL DEFAULT '', PRIMARY KEY (topic, partition));
CREATE TABLE IF NOT EXISTS group_offsets (
  group_id TEXT NOT NULL, topic TEXT NOT NULL, partition INTEGER NOT NULL,
  committed_offset INTEGER NOT NULL, leader_epoch INTEGER NOT NULL, metadata TEXT NOT NULL,
  commit_ms INTEGER NOT NULL, PRIMARY KEY (group_id, topic, partition));
)sql";

std::string joinIds(const std::vector<std::int32_t>& ids) {
  std::string out;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(ids[i]);
  }
  return out;
}

std::vector<std::int32_t> splitIds(const std::string& text) {
  std::vector<std::int32_t> out;
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    std::int32_t v = 0;
    auto [next, ec] = std::from_chars(p, end, v);
    if (ec != std::errc()) break;
    out.push_back(v);
    p = next;
    if (p < end && *p == ',') ++p;
  }
  return out;
}

}  // namespace

// BEGIN IMMEDIATE … COMMIT, rolled back unless commit() succeeded.
class MetadataStore::Transaction {
 public:
  explicit Transaction(const MetadataStore& store) : store_(store) {
    status_ = store_.exec("BEGIN IMMEDIATE");
  }
  ~Transaction() {
    if (status_.isOk() && !committed_) (void)store_.exec("ROLLBACK");
  }
  const Status& status() const { return status_; }
  Status commit() {
    RUNNEL_RETURN_IF_ERROR(status_);
    Status s = store_.exec("COMMIT");
    committed_ = s.isOk();
    return s;
  }

 private:
  const MetadataStore& store_;
  Status status_;
  bool committed_ = false;
};

Result<std::unique_ptr<MetadataStore>> MetadataStore::open(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = "cannot open metadata store " + path + ": " +
                      (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close(db);
    return Status::ioError(msg);
  }
  std::unique_ptr<MetadataStore> store(new MetadataStore(db));
  RUNNEL_RETURN_IF_ERROR(store->createSchema().withContext("metadata store " + path));
  return store;
}

MetadataStore::MetadataStore(sqlite3* db) : db_(db) {}

MetadataStore::~MetadataStore() {
  sqlite3_close(db_);
}

Status MetadataStore::exec(const char* sql) const {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string msg = std::string("SQLite: ") + (error ? error : "unknown error");
    sqlite3_free(error);
    const int code = sqlite3_errcode(db_);
    if (code == SQLITE_FULL) return Status::resourceExhausted(msg);
    if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) return Status::corruption(msg);
    return Status::ioError(msg);
  }
  return Status::ok();
}

Status MetadataStore::createSchema() {
  std::lock_guard lock(mu_);
  // WAL keeps readers and the writer apart; NORMAL sync is durable across process crashes,
  // which is what a killed broker or studio is.
  RUNNEL_RETURN_IF_ERROR(exec("PRAGMA journal_mode=WAL"));
  RUNNEL_RETURN_IF_ERROR(exec("PRAGMA synchronous=NORMAL"));
  RUNNEL_RETURN_IF_ERROR(exec("PRAGMA foreign_keys=ON"));
  sqlite3_busy_timeout(db_, 5000);
  Transaction tx(*this);
  RUNNEL_RETURN_IF_ERROR(tx.status());
  RUNNEL_RETURN_IF_ERROR(exec(kSchema));
  SqliteStatement version(db_, "SELECT value FROM settings WHERE key = 'schema_version'");
  if (version.nextRow()) {
    const std::string stored = version.text(0);
    if (stored == "1") {
      RUNNEL_RETURN_IF_ERROR(
          exec("ALTER TABLE partitions ADD COLUMN adding_replicas TEXT NOT NULL DEFAULT '';"
               "ALTER TABLE partitions ADD COLUMN removing_replicas TEXT NOT NULL DEFAULT '';"
               "UPDATE settings SET value = '2' WHERE key = 'schema_version';"));
    } else if (stored != std::to_string(kSchemaVersion)) {
      return Status::notSupported("metadata schema version " + stored + " is not " +
                                  std::to_string(kSchemaVersion) +
                                  " (written by another Runnel version)");
    }
  } else {
    RUNNEL_RETURN_IF_ERROR(version.status());
    RUNNEL_RETURN_IF_ERROR(SqliteStatement(db_, "INSERT INTO settings VALUES ('schema_version', ?)")
                               .bind(1, std::to_string(kSchemaVersion))
                               .run());
  }
  SqliteStatement cluster(db_, "SELECT value FROM settings WHERE key = 'cluster_id'");
  if (cluster.nextRow()) {
    clusterId_ = cluster.text(0);
  } else {
    RUNNEL_RETURN_IF_ERROR(cluster.status());
    clusterId_ = Uuid::random().toString();
    RUNNEL_RETURN_IF_ERROR(SqliteStatement(db_, "INSERT INTO settings VALUES ('cluster_id', ?)")
                               .bind(1, clusterId_)
                               .run());
  }
  return tx.commit();
}

namespace {
Status insertPartition(sqlite3* db, const PartitionRecord& p) {
  return SqliteStatement(db,
                         "INSERT OR REPLACE INTO partitions (topic, partition, replicas, leader, "
                         "leader_epoch, isr, partition_epoch, adding_replicas, removing_replicas) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, p.topic)
      .bind(2, p.partition)
      .bind(3, joinIds(p.replicas))
      .bind(4, p.leader)
      .bind(5, p.leaderEpoch)
      .bind(6, joinIds(p.isr))
      .bind(7, p.partitionEpoch)
      .bind(8, joinIds(p.addingReplicas))
      .bind(9, joinIds(p.removingReplicas))
      .run();
}
}  // namespace

Status MetadataStore::createTopic(const TopicRecord& topic,
                                  const std::vector<PartitionRecord>& partitions) {
  std::lock_guard lock(mu_);
  Transaction tx(*this);
  RUNNEL_RETURN_IF_ERROR(tx.status());
  SqliteStatement exists(db_, "SELECT 1 FROM topics WHERE name = ?");
  exists.bind(1, topic.name);
  if (exists.nextRow()) return Status::alreadyExists("topic '" + topic.name + "' already exists");
  RUNNEL_RETURN_IF_ERROR(exists.status());
  RUNNEL_RETURN_IF_ERROR(SqliteStatement(db_, "INSERT INTO topics VALUES (?, ?, ?, ?, ?, ?)")
                             .bind(1, topic.name)
                             .bind(2, topic.id.toString())
                             .bind(3, topic.partitionCount)
                             .bind(4, topic.replicationFactor)
                             .bind(5, topic.createdMs)
                             .bind(6, topic.internal ? 1 : 0)
                             .run());
  for (const auto& [key, value] : topic.configs) {
    RUNNEL_RETURN_IF_ERROR(SqliteStatement(db_, "INSERT INTO topic_configs VALUES (?, ?, ?)")
                               .bind(1, topic.name)
                               .bind(2, key)
                               .bind(3, value)
                               .run());
  }
  for (const PartitionRecord& p : partitions)
    RUNNEL_RETURN_IF_ERROR(insertPartition(db_, p));
  return tx.commit();
}

Status MetadataStore::deleteTopic(const std::string& name) {
  std::lock_guard lock(mu_);
  Transaction tx(*this);
  RUNNEL_RETURN_IF_ERROR(tx.status());
  RUNNEL_RETURN_IF_ERROR(
      SqliteStatement(db_, "DELETE FROM topics WHERE name = ?").bind(1, name).run());
  if (sqlite3_changes(db_) == 0) return Status::notFound("topic '" + name + "' does not exist");
  return tx.commit();
}

Result<std::vector<TopicRecord>> MetadataStore::topics() const {
  std::lock_guard lock(mu_);
  std::vector<TopicRecord> out;
  SqliteStatement q(db_,
                    "SELECT name, id, partition_count, replication_factor, created_ms, internal "
                    "FROM topics ORDER BY name");
  while (q.nextRow()) {
    TopicRecord t;
    t.name = q.text(0);
    t.id = Uuid::fromString(q.text(1)).value_or(Uuid());
    t.partitionCount = static_cast<std::int32_t>(q.int64(2));
    t.replicationFactor = static_cast<std::int16_t>(q.int64(3));
    t.createdMs = q.int64(4);
    t.internal = q.int64(5) != 0;
    out.push_back(std::move(t));
  }
  RUNNEL_RETURN_IF_ERROR(q.status());
  SqliteStatement c(db_, "SELECT topic, key, value FROM topic_configs ORDER BY topic");
  std::size_t i = 0;
  while (c.nextRow()) {
    const std::string topic = c.text(0);
    while (i < out.size() && out[i].name < topic)
      ++i;
    if (i < out.size() && out[i].name == topic) out[i].configs[c.text(1)] = c.text(2);
  }
  RUNNEL_RETURN_IF_ERROR(c.status());
  return out;
}

Result<TopicRecord> MetadataStore::topic(const std::string& name) const {
  RUNNEL_ASSIGN_OR_RETURN(auto all, topics());
  for (auto& t : all)
    if (t.name == name) return std::move(t);
  return Status::notFound("topic '" + name + "' does not exist");
}

Status MetadataStore::setTopicConfig(const std::string& topic, const std::string& key,
                                     const std::optional<std::string>& value) {
  std::lock_guard lock(mu_);
  Transaction tx(*this);
  RUNNEL_RETURN_IF_ERROR(tx.status());
  SqliteStatement exists(db_, "SELECT 1 FROM topics WHERE name = ?");
  exists.bind(1, topic);
  if (!exists.nextRow()) {
    RUNNEL_RETURN_IF_ERROR(exists.status());
    return Status::notFound("topic '" + topic + "' does not exist");
  }
  if (value) {
    RUNNEL_RETURN_IF_ERROR(
        SqliteStatement(db_, "INSERT OR REPLACE INTO topic_configs VALUES (?, ?, ?)")
            .bind(1, topic)
            .bind(2, key)
            .bind(3, *value)
            .run());
  } else {
    RUNNEL_RETURN_IF_ERROR(
        SqliteStatement(db_, "DELETE FROM topic_configs WHERE topic = ? AND key = ?")
            .bind(1, topic)
            .bind(2, key)
            .run());
  }
  return tx.commit();
}

Status MetadataStore::addPartitions(const std::string& topic,
                                    const std::vector<PartitionRecord>& added) {
  std::lock_guard lock(mu_);
  Transaction tx(*this);
  RUNNEL_RETURN_IF_ERROR(tx.status());
  SqliteStatement count(db_, "SELECT partition_count FROM topics WHERE name = ?");
  count.bind(1, topic);
  if (!count.nextRow()) {
    RUNNEL_RETURN_IF_ERROR(count.status());
    return Status::notFound("topic '" + topic + "' does not exist");
  }
  std::int64_t next = count.int64(0);
  for (const PartitionRecord& p : added) {
    if (p.topic != topic || p.partition != next) {
      return Status::invalidArgument("new partitions of '" + topic + "' must continue from " +
                                     std::to_string(next));
    }
    RUNNEL_RETURN_IF_ERROR(insertPartition(db_, p));
    ++next;
  }
  RUNNEL_RETURN_IF_ERROR(
      SqliteStatement(db_, "UPDATE topics SET partition_count = ? WHERE name = ?")
          .bind(1, next)
          .bind(2, topic)
          .run());
  return tx.commit();
}

Result<std::vector<PartitionRecord>> MetadataStore::partitions(const std::string& topic) const {
  std::lock_guard lock(mu_);
  SqliteStatement q(
      db_, topic.empty() ? "SELECT topic, partition, replicas, leader, leader_epoch, isr, "
                           "partition_epoch, adding_replicas, removing_replicas FROM partitions "
                           "ORDER BY topic, partition"
                         : "SELECT topic, partition, replicas, leader, leader_epoch, isr, "
                           "partition_epoch, adding_replicas, removing_replicas FROM partitions "
                           "WHERE topic = ? ORDER BY partition");
  if (!topic.empty()) q.bind(1, topic);
  std::vector<PartitionRecord> out;
  while (q.nextRow()) {
    PartitionRecord p;
    p.topic = q.text(0);
    p.partition = static_cast<std::int32_t>(q.int64(1));
    p.replicas = splitIds(q.text(2));
    p.leader = static_cast<std::int32_t>(q.int64(3));
    p.leaderEpoch = static_cast<std::int32_t>(q.int64(4));
    p.isr = splitIds(q.text(5));
    p.partitionEpoch = static_cast<std::int32_t>(q.int64(6));
    p.addingReplicas = splitIds(q.text(7));
    p.removingReplicas = splitIds(q.text(8));
    out.push_back(std::move(p));
  }
  RUNNEL_RETURN_IF_ERROR(q.status());
  return out;
}

Status MetadataStore::updatePartitions(const std::vector<PartitionRecord>& changed) {
  std::lock_guard lock(mu_);
  Transaction tx(*this);
  RUNNEL_RETURN_IF_ERROR(tx.status());
  for (const PartitionRecord& p : changed) {
    RUNNEL_RETURN_IF_ERROR(
        SqliteStatement(db_,
                        "UPDATE partitions SET replicas = ?, leader = ?, leader_epoch = ?, "
                        "isr = ?, partition_epoch = ?, adding_replicas = ?, removing_replicas = ? "
                        "WHERE topic = ? AND partition = ?")
            .bind(1, joinIds(p.replicas))
            .bind(2, p.leader)
            .bind(3, p.leaderEpoch)
            .bind(4, joinIds(p.isr))
            .bind(5, p.partitionEpoch)
            .bind(6, joinIds(p.addingReplicas))
            .bind(7, joinIds(p.removingReplicas))
            .bind(8, p.topic)
            .bind(9, p.partition)
            .run());
    if (sqlite3_changes(db_) == 0) {
      return Status::notFound("partition " + std::to_string(p.partition) + " of topic '" + p.topic +
                              "' does not exist");
    }
  }
  return tx.commit();
}

Status MetadataStore::commitOffsets(const std::vector<CommittedOffset>& offsets) {
  std::lock_guard lock(mu_);
  Transaction tx(*this);
  RUNNEL_RETURN_IF_ERROR(tx.status());
  for (const CommittedOffset& o : offsets) {
    RUNNEL_RETURN_IF_ERROR(
        SqliteStatement(db_, "INSERT OR REPLACE INTO group_offsets VALUES (?, ?, ?, ?, ?, ?, ?)")
            .bind(1, o.group)
            .bind(2, o.topic)
            .bind(3, o.partition)
            .bind(4, o.offset)
            .bind(5, o.leaderEpoch)
            .bind(6, o.metadata)
            .bind(7, o.commitTimestampMs)
            .run());
  }
  return tx.commit();
}

Result<std::vector<CommittedOffset>> MetadataStore::committedOffsets(
    const std::string& group) const {
  std::lock_guard lock(mu_);
  SqliteStatement q(db_,
                    "SELECT * FROM group_offsets WHERE group_id = ? ORDER BY topic, partition");
  q.bind(1, group);
  std::vector<CommittedOffset> out;
  while (q.nextRow()) {
    out.push_back({q.text(0), q.text(1), static_cast<std::int32_t>(q.int64(2)), q.int64(3),
                   static_cast<std::int32_t>(q.int64(4)), q.text(5), q.int64(6)});
  }
  RUNNEL_RETURN_IF_ERROR(q.status());
  return out;
}

Result<std::vector<std::string>> MetadataStore::groupsWithOffsets() const {
  std::lock_guard lock(mu_);
  SqliteStatement q(db_, "SELECT DISTINCT group_id FROM group_offsets ORDER BY group_id");
  std::vector<std::string> out;
  while (q.nextRow())
    out.push_back(q.text(0));
  RUNNEL_RETURN_IF_ERROR(q.status());
  return out;
}

Status MetadataStore::deleteOffsets(const std::string& group, const std::string& topic,
                                    int partition) {
  std::lock_guard lock(mu_);
  if (topic.empty()) {
    return SqliteStatement(db_, "DELETE FROM group_offsets WHERE group_id = ?")
        .bind(1, group)
        .run();
  }
  if (partition < 0) {
    return SqliteStatement(db_, "DELETE FROM group_offsets WHERE group_id = ? AND topic = ?")
        .bind(1, group)
        .bind(2, topic)
        .run();
  }
  return SqliteStatement(
             db_, "DELETE FROM group_offsets WHERE group_id = ? AND topic = ? AND partition = ?")
      .bind(1, group)
      .bind(2, topic)
      .bind(3, partition)
      .run();
}

Result<std::int64_t> MetadataStore::allocateProducerIds(std::int64_t count) {
  if (count <= 0) return Status::invalidArgument("producer id block must be positive");
  std::lock_guard lock(mu_);
  Transaction tx(*this);
  RUNNEL_RETURN_IF_ERROR(tx.status());
  std::int64_t first = 0;
  SqliteStatement q(db_, "SELECT value FROM settings WHERE key = 'next_producer_id'");
  if (q.nextRow()) first = std::stoll(q.text(0));
  RUNNEL_RETURN_IF_ERROR(q.status());
  RUNNEL_RETURN_IF_ERROR(
      SqliteStatement(db_, "INSERT OR REPLACE INTO settings VALUES ('next_producer_id', ?)")
          .bind(1, std::to_string(first + count))
          .run());
  RUNNEL_RETURN_IF_ERROR(tx.commit());
  return first;
}

Result<std::optional<std::string>> MetadataStore::value(const std::string& key) const {
  std::lock_guard lock(mu_);
  SqliteStatement q(db_, "SELECT value FROM settings WHERE key = ?");
  q.bind(1, "user." + key);
  if (q.nextRow()) return std::optional<std::string>(q.text(0));
  RUNNEL_RETURN_IF_ERROR(q.status());
  return std::optional<std::string>();
}

Status MetadataStore::setValue(const std::string& key, const std::string& value) {
  std::lock_guard lock(mu_);
  return SqliteStatement(db_, "INSERT OR REPLACE INTO settings VALUES (?, ?)")
      .bind(1, "user." + key)
      .bind(2, value)
      .run();
}

}  // namespace runnel
