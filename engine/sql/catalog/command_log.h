// CommandLog: the SQL engine's durable history, kept in a one-partition topic
// (`_runnel_sql_commands`) as ksqlDB keeps its command topic. Every statement that changes the
// catalog or the set of persistent queries (CREATE, CREATE ... AS SELECT, INSERT INTO ... SELECT,
// DROP, TERMINATE) is appended with the query id it was given and the session properties it ran
// with; at start the engine replays the log in order and so rebuilds the same catalog and
// restarts the same queries (which resume from their changelogs). Other engines of the same
// service follow the topic while they run, so they run the same persistent queries.
// Record value: JSON {"sql": "...", "queryId": "...", "properties": {"k": "v", ...}}.
// Thread-safety: not thread-safe; the QueryManager serializes statements.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "engine/client/cluster_client.h"

namespace runnel::sql {

inline constexpr const char* kDefaultCommandTopic = "_runnel_sql_commands";

struct Command {
  std::string sql;
  std::string queryId;  // empty for statements that start no query
  std::map<std::string, std::string> properties;
};

std::string encodeCommand(const Command& command);
Result<Command> decodeCommand(std::string_view json);

class CommandLog {
 public:
  CommandLog(client::ClusterClient& cluster, std::string topic);
  ~CommandLog();

  // Creates the topic (one partition, never deleted by retention) when it does not exist.
  Status ensureTopic();
  // Every command, oldest first; `end` (optional) gets the offset after the last one.
  Result<std::vector<Command>> readAll(std::int64_t* end = nullptr);
  // Appends and waits until the cluster acknowledged it.
  Status append(const Command& command);
  // Whether append() wrote the command at `offset` (so a follower does not run it twice).
  bool appendedHere(std::int64_t offset) const { return appended_.count(offset) != 0; }
  const std::string& topic() const { return topic_; }

  // The commands appended from `from` on (by any engine of the service), waiting up to
  // `timeout`, each with its offset. Only one thread may follow (it owns the follow consumer).
  Result<std::vector<std::pair<std::int64_t, Command>>> follow(std::int64_t from,
                                                               std::chrono::milliseconds timeout);

 private:
  client::ClusterClient& cluster_;
  std::string topic_;
  std::unique_ptr<client::Producer> producer_;
  std::set<std::int64_t> appended_;
  std::unique_ptr<client::Consumer> follower_;  // the following thread's
};

}  // namespace runnel::sql
