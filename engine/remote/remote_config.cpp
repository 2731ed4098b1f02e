#include "engine/remote/remote_config.h"

namespace runnel::remote {

Result<std::pair<std::string, std::string>> RemoteConfig::parseProperty(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos) return Status::invalidArgument("'" + text + "' is not key=value");
  std::string key = text.substr(0, eq);
  while (!key.empty() && key.back() == ' ')
    key.pop_back();
  while (!key.empty() && key.front() == ' ')
    key.erase(key.begin());
  if (key.empty()) return Status::invalidArgument("'" + text + "' has an empty property name");
  return std::make_pair(key, text.substr(eq + 1));
}

bool RemoteConfig::isSecret(const std::string& key) {
  for (const char* word : {"password", "secret", "key.pem", "private", "token"}) {
    if (key.find(word) != std::string::npos) return true;
  }
  return false;
}

}  // namespace runnel::remote
