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
  if (cmd == "heal" && words.size() == 1) {
    cluster_.transport().healAll();
    return "ok healed";
  }
  return "error unknown command '" + line +
         "' (status, kill N, restart N, partition N M, heal, quit)";
}

}  // namespace runnel::app
