// A small command-line parser shared by the three binaries (runnel, runnel-server, runnel-sql):
// GNU-style long options (--name value, --name=value), short aliases, --help and --version text,
// and a clear error (exit code 2) for anything unknown. Plain C++ so the headless binaries do not
// need Qt. Not thread-safe; used once from main().
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace runnel::app {

struct OptionSpec {
  std::string longName;   // "data-dir"
  char shortName = 0;     // 'd', or 0
  std::string valueName;  // "DIR"; empty for a flag
  std::string help;
  std::string defaultValue;  // shown in --help; used by value() when the option is absent
};

class CommandLine {
 public:
  // Exit codes that every binary shares.
  static constexpr int kExitOk = 0;
  static constexpr int kExitUsage = 2;

  CommandLine(std::string program, std::string summary, std::string usage);

  void addOption(OptionSpec spec);
  // Arguments that are passed through untouched (e.g. Qt's own -platform NAME): name -> takes
  // value.
  void addPassThrough(std::string name, bool takesValue);

  // Parses argv. Returns std::nullopt to continue, or an exit code when the program should stop
  // right away (after printing help, the version, or a usage error to stderr).
  std::optional<int> parse(int argc, char** argv);

  bool isSet(const std::string& longName) const;
  std::string value(const std::string& longName) const;
  // Every value given for a repeatable option (-X a=1 -X b=2), in order; value() is the last.
  std::vector<std::string> values(const std::string& longName) const;
  // value() as an integer in [min, max]; on a bad value prints an error and returns nullopt.
  std::optional<long> intValue(const std::string& longName, long min, long max) const;
  const std::vector<std::string>& positional() const { return positional_; }
  // argv with the pass-through arguments only (program name first), e.g. for QApplication.
  std::vector<std::string> passThroughArguments() const { return passThrough_; }

  std::string helpText() const;
  std::string versionText() const;
  int usageError(const std::string& message) const;

 private:
  const OptionSpec* find(const std::string& longName) const;
  const OptionSpec* findShort(char c) const;

  std::string program_;
  std::string summary_;
  std::string usage_;
  std::vector<OptionSpec> options_;
  std::map<std::string, bool> passThroughSpecs_;
  std::map<std::string, std::string> values_;
  std::map<std::string, std::vector<std::string>> allValues_;
  std::vector<std::string> positional_;
  std::vector<std::string> passThrough_;
};

}  // namespace runnel::app
