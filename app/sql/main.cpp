// runnel-sql: the SQL shell — interactive, or a batch runner for scripts.
#include <iostream>

#include "app/common/command_line.h"
#include "engine/common/version.h"

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
  cli.addOption({"data-dir", 'd', "DIR", "Embedded cluster data directory.", ""});
  if (auto exitCode = cli.parse(argc, argv)) return *exitCode;
  if (!cli.positional().empty())
    return cli.usageError("unexpected argument '" + cli.positional().front() + "'");
  const std::string output = cli.value("output");
  if (output != "table" && output != "json")
    return cli.usageError("unknown output format '" + output + "' (use table or json)");

  std::cerr << "runnel-sql " << kVersion
            << ": the SQL engine is not available in this build yet.\n";
  return 1;
}
