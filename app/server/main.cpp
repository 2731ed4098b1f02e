// runnel-server: the embedded cluster without a GUI, for terminals, scripts and CI.
#include <csignal>
#include <iostream>

#include "app/common/command_line.h"
#include "app/common/data_paths.h"
#include "engine/common/logging.h"
#include "engine/common/version.h"

using namespace runnel;

int main(int argc, char** argv) {
  app::CommandLine cli("runnel-server",
                       "Runs Runnel's embedded Kafka-compatible cluster without a GUI. Kafka "
                       "clients connect to 127.0.0.1:PORT (one port per broker).",
                       "[OPTIONS]");
  cli.addOption({"brokers", 'b', "N", "Number of brokers, 1 to 16.", "3"});
  cli.addOption({"data-dir", 'd', "DIR", "Cluster data directory.", app::defaultClusterDirectory()});
  cli.addOption({"port", 'p', "PORT", "Listener port of the first broker; the others follow.", "9092"});
  cli.addOption({"bind", 0, "ADDRESS", "Address the listeners bind to.", "127.0.0.1"});
  cli.addOption({"control", 0, "SOURCE", "Read control commands (status, kill N, restart N, "
                 "partition N M, heal) from SOURCE; only 'stdin' is supported.", ""});
  if (auto exitCode = cli.parse(argc, argv)) return *exitCode;
  if (!cli.positional().empty()) return cli.usageError("unexpected argument '" + cli.positional().front() + "'");
  auto brokers = cli.intValue("brokers", 1, 16);
  auto port = cli.intValue("port", 0, 65535);
  if (!brokers || !port) return app::CommandLine::kExitUsage;
  if (cli.isSet("control") && cli.value("control") != "stdin")
    return cli.usageError("--control supports only 'stdin', not '" + cli.value("control") + "'");

  LoggingOptions logging;
  logging.directory = app::defaultLogDirectory();
  logging.fileName = "runnel-server.log";
  if (Status s = initLogging(logging); !s.isOk()) logger().warn("{}", s.toString());

  // The cluster engine (issue: cluster) is not part of this build yet; say so plainly rather than
  // pretend to serve.
  std::cerr << "runnel-server " << kVersion
            << ": the embedded cluster engine is not available in this build yet.\n";
  return 1;
}
