// runnel-sql: the SQL shell — interactive, or a batch runner for scripts.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/common/command_line.h"
#include "app/common/data_paths.h"
#include "app/sql/sql_shell.h"
#include "app/sql/terminal.h"
#include "engine/client/embedded/embedded_cluster_client.h"
#include "engine/common/logging.h"
#include "engine/common/version.h"
#if RUNNEL_HAVE_REMOTE
#include "engine/remote/remote_cluster_client.h"
#endif
#include "engine/sql/query_manager.h"

using namespace runnel;

int main(int argc, char** argv) {
  app::CommandLine cli("runnel-sql",
                       "Runs ksqlDB-dialect SQL on an embedded Runnel cluster (or on a Kafka "
                       "cluster with --bootstrap): interactively, or from a script.",
                       "[OPTIONS]");
  cli.addOption({"file", 'f', "FILE", "Run the statements in FILE, then exit.", ""});
  cli.addOption(
      {"output", 'o', "FORMAT", "Result format: table or json (one object per row).", "table"});
  cli.addOption(
      {"bootstrap", 0, "SERVERS", "Use this Kafka cluster instead of an embedded one.", ""});
  cli.addOption({"property", 'X', "KEY=VALUE",
                 "With --bootstrap: a librdkafka client property (security.protocol, sasl.*, "
                 "ssl.*, ...); repeatable.",
                 ""});
  cli.addOption({"data-dir", 'd', "DIR",
                 "Embedded cluster data directory (with --bootstrap: only the SQL state).",
                 app::defaultDataDirectory() + "/sql-cluster"});
  cli.addOption({"brokers", 'b', "N", "Brokers of the embedded cluster.", "1"});
  cli.addOption({"service-id", 0, "ID",
                 "SQL service id: runnel-sql processes with the same id on one cluster share "
                 "the command topic's persistent queries and split their partitions.",
                 "default_"});
  cli.addOption({"session-timeout", 0, "MS",
                 "Group session timeout of persistent queries: how soon the other processes "
                 "take over the partitions of one that died.",
                 "10000"});
  cli.addOption({"push-timeout", 0, "SECONDS",
                 "Stop each push query after SECONDS (0: at LIMIT or Ctrl+C).", "0"});
  if (auto exitCode = cli.parse(argc, argv)) return *exitCode;
  if (!cli.positional().empty())
    return cli.usageError("unexpected argument '" + cli.positional().front() + "'");
  const std::string output = cli.value("output");
  if (output != "table" && output != "json")
    return cli.usageError("unknown output format '" + output + "' (use table or json)");
  const auto brokers = cli.intValue("brokers", 1, 16);
  const auto pushTimeout = cli.intValue("push-timeout", 0, 86400);
  const auto sessionTimeout = cli.intValue("session-timeout", 1000, 3600000);
  if (!brokers || !pushTimeout || !sessionTimeout) return 2;
  const std::string serviceId = cli.value("service-id");
  if (serviceId.empty() || serviceId.find_first_of(" \t/") != std::string::npos)
    return cli.usageError("--service-id needs a name without spaces or slashes");
  const std::string bootstrap = cli.value("bootstrap");
#if RUNNEL_HAVE_REMOTE
  remote::RemoteConfig remoteConfig;
  remoteConfig.bootstrapServers = bootstrap;
  for (const auto& p : cli.values("property")) {
    auto kv = remote::RemoteConfig::parseProperty(p);
    if (!kv.isOk()) return cli.usageError("-X " + kv.status().message());
    remoteConfig.properties[kv->first] = kv->second;
  }
  if (bootstrap.empty() && !remoteConfig.properties.empty())
    return cli.usageError("-X needs --bootstrap (it configures the Kafka client)");
#else
  if (!bootstrap.empty() || !cli.values("property").empty())
    return cli.usageError(
        "--bootstrap and -X need a runnel-sql built with librdkafka (RUNNEL_WITH_REMOTE=ON)");
#endif

  std::string script;
  const std::string file = cli.value("file");
  if (!file.empty()) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::cerr << "runnel-sql: cannot read " << file << "\n";
      return 1;
    }
    std::ostringstream text;
    text << in.rdbuf();
    script = text.str();
  }

  // Engine chatter goes to the log file: the terminal is for results and errors.
  LoggingOptions logging;
  logging.directory = app::defaultLogDirectory();
  logging.fileName = "runnel-sql.log";
  logging.alsoToStderr = false;
  if (Status s = initLogging(logging); !s.isOk())
    std::cerr << "runnel-sql: no log file: " << s.message() << "\n";

  std::unique_ptr<client::ClusterClient> cluster;
  const std::string dataDir = cli.value("data-dir");
  std::error_code ec;
  std::filesystem::create_directories(dataDir, ec);
#if RUNNEL_HAVE_REMOTE
  if (!bootstrap.empty()) {
    auto opened = remote::RemoteClusterClient::open(remoteConfig);
    if (!opened.isOk()) {
      std::cerr << "runnel-sql: " << opened.status().message() << "\n";
      return 1;
    }
    cluster = std::move(*opened);
  }
#endif
  if (!cluster) {
    cluster::ClusterConfig config;
    config.brokers = *brokers;
    config.dataDir = dataDir;
    config.basePort = 0;  // the shell needs no Kafka listeners
    auto opened = client::embedded::EmbeddedClusterClient::open(config);
    if (!opened.isOk()) {
      std::cerr << "runnel-sql: cannot open the cluster in " << config.dataDir << ": "
                << opened.status().message() << "\n";
      return 1;
    }
    cluster = std::move(*opened);
  }
  sql::EngineOptions engineOptions;
  // Persistent queries keep their state stores here, on a remote cluster too.
  engineOptions.stateDir = dataDir + "/sql-state";
  engineOptions.serviceId = serviceId;
  engineOptions.sessionTimeoutMs = static_cast<std::int32_t>(*sessionTimeout);
  engineOptions.heartbeatIntervalMs =
      static_cast<std::int32_t>(std::max(*sessionTimeout / 10, 100L));
  // Another service on the same cluster keeps its own command topic.
  if (serviceId != "default_")
    engineOptions.commandTopic = "_runnel_sql_" + serviceId + "_commands";
  std::filesystem::create_directories(engineOptions.stateDir, ec);
  int failures = 0;
  {
    sql::QueryManager engine(*cluster, *Clock::system(), engineOptions);
    std::vector<std::string> notices;
    if (Status s = engine.start(&notices); !s.isOk()) {
      std::cerr << "runnel-sql: the SQL engine did not start: " << s.message() << "\n";
      return 1;
    }
    for (const auto& n : notices)
      std::cerr << "Notice: " << n << "\n";

    app::SqlShell::Options options;
    options.json = output == "json";
    options.interactive = file.empty() && app::stdinIsTerminal();
    options.pushTimeoutMs = *pushTimeout * 1000;
    if (options.interactive) {
      // Ctrl+C stops the running push query, not the shell (Ctrl+D quits).
      app::onInterrupt([](int) { app::SqlShell::interrupted() = true; });
    }
    app::SqlShell shell(engine, std::cout, std::cerr, options);
    if (options.interactive)
      std::cout << "runnel-sql " << kVersion << " on " << cluster->displayName()
                << ". End statements with ';', quit with Ctrl+D.\n";
    failures = file.empty() ? shell.run(std::cin) : shell.runText(script);
  }
  return failures == 0 ? 0 : 1;
}
