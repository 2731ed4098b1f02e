// CommandLog: the SQL engine's durable history, kept in a one-partition topic
// (`_runnel_sql_commands`) as ksqlDB keeps its command topic. Every statement that changes the
// catalog or the set of persistent queries (CREATE, CREATE ... AS SELECT, INSERT INTO ... SELECT,
// DROP, TERMINATE) is appended with the query id it was given and the session properties it ran
// with; at start the engine replays the log in order and so rebuilds the same catalog and
// restarts the same queries (which resume from their state stores).
// Record value: JSON {"sql": "...", "queryId": "...", "properties": {"k": "v", ...}}.
// Thread-safety: not thread-safe; the QueryManager serializes statements.
#pragma once

#include <map>
#include <memory>
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
  // Every command, oldest first.
  Result<std::vector<Command>> readAll();
  // Appends and waits until the cluster acknowledged it.
  Status append(const Command& command);
  const std::string& topic() const { return topic_; }

 private:
  client::ClusterClient& cluster_;
  std::string topic_;
  std::unique_ptr<client::Producer> producer_;
};

}  // namespace runnel::sql
