#include "app/server/server_control.h"

#include <sstream>
#include <vector>

namespace runnel::app {
namespace {

bool parseId(const std::string& word, std::int32_t& out) {
  try {
    std::size_t used = 0;
    long v = std::stol(word, &used);
    if (used != word.size() || v < 1 || v > 16) return false;
    out = static_cast<std::int32_t>(v);
    return true;
  } catch (...) {
    return false;
  }
}

// "Produce" or "0" -> 0.
bool parseApi(const std::string& word, std::int16_t& out) {
  for (const cluster::InjectableApi& api : cluster::injectableApis()) {
    if (word == api.name || word == std::to_string(api.apiKey)) {
      out = api.apiKey;
      return true;
    }
  }
  return false;
}

bool parseError(const std::string& word, kafka::ErrorCode& out) {
  for (int wire = 1; wire <= kafka::kHighestKnownErrorCode; ++wire) {
    const auto w = static_cast<std::int16_t>(wire);
    if (!kafka::isKnownErrorCode(w)) continue;
    const kafka::ErrorCode code = kafka::errorCodeFromWire(w);
    if (word == kafka::errorCodeName(code) || word == std::to_string(wire)) {
      out = code;
      return true;
    }
  }
  return false;
}

}  // namespace

std::string ServerControl::status() const {
  std::ostringstream out;
  out << "ok brokers";
  for (std::int32_t id : cluster_.brokerIds()) {
    cluster::Broker* b = cluster_.broker(id);
    out << ' ' << id << ':' << (b && b->alive() ? "up" : "down") << ':' << frontEnd_.port(id);
  }
  out << " controller " << cluster_.controller().aliveBrokers().size() << "/"
      << cluster_.brokerCount() << " topics " << cluster_.controller().topics().size()
      << " clients " << frontEnd_.clients().size();
  return out.str();
}

std::string ServerControl::execute(const std::string& line, bool& quit) {
  std::istringstream in(line);
  std::vector<std::string> words;
  for (std::string w; in >> w;)
    words.push_back(w);
  if (words.empty()) return "error empty command";
  const std::string& cmd = words[0];
  std::int32_t a = 0;
  std::int32_t b = 0;
  if (cmd == "status" && words.size() == 1) return status();
  if ((cmd == "quit" || cmd == "exit") && words.size() == 1) {
    quit = true;
    return "ok bye";
  }
  if (cmd == "kill" && words.size() == 2 && parseId(words[1], a)) {
    Status s = cluster_.killBroker(a);
    return s.isOk() ? "ok killed " + words[1] : "error " + s.toString();
  }
  if (cmd == "restart" && words.size() == 2 && parseId(words[1], a)) {
    Status s = cluster_.restartBroker(a);
    return s.isOk() ? "ok restarted " + words[1] + " port " + std::to_string(frontEnd_.port(a))
                    : "error " + s.toString();
  }
  if (cmd == "partition" && words.size() == 3 && parseId(words[1], a) && parseId(words[2], b) &&
      a != b) {
    if (!cluster_.broker(a) || !cluster_.broker(b)) return "error unknown broker";
    cluster_.transport().cut(a, b);
    return "ok partitioned " + words[1] + " " + words[2];
  }
  if ((cmd == "pause" || cmd == "resume") && words.size() == 2 && parseId(words[1], a)) {
    Status s = cmd == "pause" ? cluster_.pauseBroker(a) : cluster_.resumeBroker(a);
    return s.isOk() ? "ok " + cmd + "d " + words[1] : "error " + s.toString();
  }
  // inject API ERROR COUNT [TOPIC]: COUNT 0 means every request.
  if (cmd == "inject" && (words.size() == 4 || words.size() == 5)) {
    cluster::RequestFaultRule rule;
    if (!parseApi(words[1], rule.apiKey)) return "error unknown API '" + words[1] + "'";
    if (!parseError(words[2], rule.error)) return "error unknown error code '" + words[2] + "'";
    try {
      rule.count = std::stoi(words[3]);
    } catch (...) {
      return "error COUNT must be a number";
    }
    if (words.size() == 5) rule.topic = words[4];
    auto id = cluster_.requestFaults().add(rule);
    return id.isOk() ? "ok injected " + std::to_string(*id) : "error " + id.status().toString();
  }
  if (cmd == "faults" && words.size() == 1) {
    std::string out = "ok faults";
    for (const auto& r : cluster_.requestFaults().rules())
      out += " [" + cluster::describe(r) + "]";
    return out;
  }
  if (cmd == "heal" && words.size() == 1) {
    cluster_.transport().healAll();
    cluster_.requestFaults().clear();
    for (std::int32_t id : cluster_.brokerIds())
      (void)cluster_.resumeBroker(id);
    return "ok healed";
  }
  return "error unknown command '" + line +
         "' (status, kill N, restart N, pause N, resume N, partition N M, inject API ERROR COUNT "
         "[TOPIC], faults, heal, quit)";
}

}  // namespace runnel::app
