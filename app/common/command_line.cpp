#include "app/common/command_line.h"

#include <charconv>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "engine/common/version.h"

namespace runnel::app {

CommandLine::CommandLine(std::string program, std::string summary, std::string usage)
    : program_(std::move(program)), summary_(std::move(summary)), usage_(std::move(usage)) {
  addOption({"help", 'h', "", "Show this help and exit.", ""});
  addOption({"version", 'V', "", "Show the version and exit.", ""});
}

void CommandLine::addOption(OptionSpec spec) {
  options_.push_back(std::move(spec));
}

void CommandLine::addPassThrough(std::string name, bool takesValue) {
  passThroughSpecs_[std::move(name)] = takesValue;
}

const OptionSpec* CommandLine::find(const std::string& longName) const {
  for (const auto& o : options_) {
    if (o.longName == longName) return &o;
  }
  return nullptr;
}

const OptionSpec* CommandLine::findShort(char c) const {
  for (const auto& o : options_) {
    if (o.shortName == c) return &o;
  }
  return nullptr;
}

int CommandLine::usageError(const std::string& message) const {
  std::cerr << program_ << ": " << message << "\nTry '" << program_
            << " --help' for more information.\n";
  return kExitUsage;
}

std::optional<int> CommandLine::parse(int argc, char** argv) {
  passThrough_.push_back(argc > 0 ? argv[0] : program_);
  bool onlyPositional = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (onlyPositional || arg.empty() || arg[0] != '-' || arg == "-") {
      positional_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      onlyPositional = true;
      continue;
    }
    if (auto pt = passThroughSpecs_.find(arg); pt != passThroughSpecs_.end()) {
      passThrough_.push_back(arg);
      if (pt->second) {
        if (i + 1 >= argc) return usageError("option '" + arg + "' needs a value");
        passThrough_.emplace_back(argv[++i]);
      }
      continue;
    }
    const OptionSpec* spec = nullptr;
    std::optional<std::string> inlineValue;
    std::string shown = arg;
    if (arg.rfind("--", 0) == 0) {
      std::string name = arg.substr(2);
      if (auto eq = name.find('='); eq != std::string::npos) {
        inlineValue = name.substr(eq + 1);
        name = name.substr(0, eq);
        shown = "--" + name;
      }
      spec = find(name);
    } else if (arg.size() == 2) {
      spec = findShort(arg[1]);
    }
    if (!spec) return usageError("unknown option '" + shown + "'");
    if (spec->valueName.empty()) {
      if (inlineValue) return usageError("option '--" + spec->longName + "' takes no value");
      values_[spec->longName] = "1";
    } else if (inlineValue) {
      values_[spec->longName] = *inlineValue;
      allValues_[spec->longName].push_back(*inlineValue);
    } else {
      if (i + 1 >= argc)
        return usageError("option '" + shown + "' needs a value (" + spec->valueName + ")");
      values_[spec->longName] = argv[++i];
      allValues_[spec->longName].push_back(values_[spec->longName]);
    }
  }
  if (isSet("help")) {
    std::cout << helpText();
    return kExitOk;
  }
  if (isSet("version")) {
    std::cout << versionText();
    return kExitOk;
  }
  return std::nullopt;
}

bool CommandLine::isSet(const std::string& longName) const {
  return values_.count(longName) > 0;
}

std::vector<std::string> CommandLine::values(const std::string& longName) const {
  if (auto it = allValues_.find(longName); it != allValues_.end()) return it->second;
  return {};
}

std::string CommandLine::value(const std::string& longName) const {
  if (auto it = values_.find(longName); it != values_.end()) return it->second;
  if (const OptionSpec* spec = find(longName)) return spec->defaultValue;
  return {};
}

std::optional<long> CommandLine::intValue(const std::string& longName, long min, long max) const {
  const std::string text = value(longName);
  long v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < min || v > max) {
    usageError("option '--" + longName + "' needs a whole number from " + std::to_string(min) +
               " to " + std::to_string(max) + ", not '" + text + "'");
    return std::nullopt;
  }
  return v;
}

std::string CommandLine::helpText() const {
  std::ostringstream out;
  out << "Usage: " << program_ << " " << usage_ << "\n" << summary_ << "\n\nOptions:\n";
  for (const auto& o : options_) {
    std::string left =
        o.shortName ? std::string("  -") + o.shortName + ", " : std::string("      ");
    left += "--" + o.longName;
    if (!o.valueName.empty()) left += " " + o.valueName;
    out << left;
    out << std::string(left.size() < 30 ? 30 - left.size() : 1, ' ') << o.help;
    if (!o.defaultValue.empty()) out << " (default: " << o.defaultValue << ")";
    out << "\n";
  }
  out << "\nExit status: 0 on success, 1 on a runtime error, 2 on a usage error.\n";
  return out.str();
}

std::string CommandLine::versionText() const {
  return program_ + " " + kVersion + "\n";
}

}  // namespace runnel::app
