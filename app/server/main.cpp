// runnel-server: the embedded cluster without a GUI, for terminals, scripts and CI.
#include <condition_variable>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

#include "app/common/command_line.h"
#include "app/common/data_paths.h"
#include "app/server/server_control.h"
#include "app/server/stop_signals.h"
#include "engine/cluster/cluster.h"
#include "engine/kafka/front_end/kafka_front_end.h"
#include "engine/common/environment.h"
#include "engine/common/logging.h"
#include "engine/common/version.h"

using namespace runnel;

int main(int argc, char** argv) {
  app::CommandLine cli("runnel-server",
                       "Runs Runnel's embedded Kafka-compatible cluster without a GUI. Kafka "
                       "clients connect to 127.0.0.1:PORT (one port per broker).",
                       "[OPTIONS]");
  cli.addOption({"brokers", 'b', "N", "Number of brokers, 1 to 16.", "3"});
  cli.addOption(
      {"data-dir", 'd', "DIR", "Cluster data directory.", app::defaultClusterDirectory()});
  cli.addOption(
      {"port", 'p', "PORT", "Listener port of the first broker; the others follow.", "9092"});
  cli.addOption({"bind", 0, "ADDRESS", "Address the listeners bind to.", "127.0.0.1"});
  cli.addOption({"control", 0, "SOURCE",
                 "Read control commands (status, kill N, restart N, "
                 "partition N M, pause N, resume N, inject API ERROR COUNT [TOPIC], faults, "
                 "heal) from SOURCE; only 'stdin' is supported.",
                 ""});
  cli.addOption({"capture-requests", 0, "DIR",
                 "Save the first request frame of each API version per client id in DIR "
                 "(seeds for the request decoder fuzzer; see tests/fuzz/README.md). Default: "
                 "$RUNNEL_CAPTURE_REQUESTS.",
                 ""});
  if (auto exitCode = cli.parse(argc, argv)) return *exitCode;
  if (!cli.positional().empty())
    return cli.usageError("unexpected argument '" + cli.positional().front() + "'");
  auto brokers = cli.intValue("brokers", 1, 16);
  auto port = cli.intValue("port", 0, 65535);
  if (!brokers || !port) return app::CommandLine::kExitUsage;
  if (cli.isSet("control") && cli.value("control") != "stdin")
    return cli.usageError("--control supports only 'stdin', not '" + cli.value("control") + "'");

  std::mutex mu;
  std::condition_variable wake;
  bool stopping = false;
  auto requestStop = [&] {
    std::lock_guard lock(mu);
    stopping = true;
    wake.notify_all();
  };
  // Before any other thread starts: on POSIX it blocks the signals for every later thread.
  auto stopSignals = std::make_unique<app::StopSignals>(requestStop);

  LoggingOptions logging;
  logging.directory = app::defaultLogDirectory();
  logging.fileName = "runnel-server.log";
  if (Status s = initLogging(logging); !s.isOk()) logger().warn("{}", s.toString());

  cluster::ClusterConfig config;
  config.brokers = static_cast<int>(*brokers);
  config.dataDir = cli.value("data-dir");
  config.basePort = static_cast<int>(*port);
  // Kafka's brokers ask clients to wait 3 s for a new group to fill; a sandbox answers sooner.
  kafka::FrontEndOptions frontEndOptions;
  frontEndOptions.bindAddress = cli.value("bind");
  frontEndOptions.basePort = config.basePort;
  frontEndOptions.groupConfig.initialRebalanceDelayMs = 500;
  if (cli.isSet("capture-requests")) {
    frontEndOptions.captureDirectory = cli.value("capture-requests");
  } else if (std::string dir = environmentVariable("RUNNEL_CAPTURE_REQUESTS"); !dir.empty()) {
    // Lets the interop suites, which start runnel-server themselves, capture without new flags.
    frontEndOptions.captureDirectory = dir;
  }

  auto cluster = cluster::Cluster::open(config);
  if (!cluster.isOk()) {
    std::cerr << "runnel-server: cannot open the cluster in " << config.dataDir << ": "
              << cluster.status().toString() << "\n";
    return 1;
  }
  auto frontEnd = kafka::KafkaFrontEnd::start(**cluster, frontEndOptions);
  if (!frontEnd.isOk()) {
    std::cerr << "runnel-server: " << frontEnd.status().toString() << "\n";
    (void)(*cluster)->close();
    return 1;
  }
  std::cout << "runnel-server " << kVersion << ": " << config.brokers << " broker(s), data in "
            << config.dataDir << "\nbootstrap " << (*frontEnd)->bootstrapServers() << std::endl;

  if (cli.isSet("control")) {
    // Detached: a blocked read of stdin must not hold up shutdown. End of input stops the server,
    // so a supervising script that dies takes the server with it.
    std::thread([&, control = std::make_shared<app::ServerControl>(**cluster, **frontEnd)] {
      std::string line;
      bool quit = false;
      while (!quit && std::getline(std::cin, line)) {
        if (line.empty()) continue;
        std::cout << control->execute(line, quit) << std::endl;
      }
      requestStop();
    }).detach();
  }
  {
    std::unique_lock lock(mu);
    wake.wait(lock, [&] { return stopping; });
  }
  std::cout << "runnel-server: shutting down" << std::endl;
  (*frontEnd)->stop();
  Status closed = (*cluster)->close();
  stopSignals.reset();
  if (!closed.isOk()) {
    std::cerr << "runnel-server: " << closed.toString() << "\n";
    return 1;
  }
  return 0;
}
