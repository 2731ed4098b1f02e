// RemoteConfig: how to reach an external Kafka cluster — bootstrap servers plus any librdkafka
// properties (security.protocol, sasl.*, ssl.*, ...) passed through untouched to every producer,
// consumer and admin handle the client creates. Plain value.
#pragma once

#include <chrono>
#include <string>
#include <utility>

#include "engine/client/client_config.h"
#include "engine/common/result.h"

namespace runnel::remote {

struct RemoteConfig {
  std::string bootstrapServers;  // "broker1:9092,broker2:9092"
  client::Properties properties;
  // For titles; empty: "Kafka (bootstrap servers)".
  std::string name;
  // How long open() waits for the first Metadata answer before reporting the cluster unreachable.
  std::chrono::milliseconds connectTimeout{10000};
  // How often the observer refreshes its view while someone subscribes to changes.
  std::chrono::milliseconds observerInterval{2000};

  // Parses "key=value" (runnel-sql's -X); rejects a missing '=' or an empty key.
  static Result<std::pair<std::string, std::string>> parseProperty(const std::string& text);
  // Property names whose values must never be shown or logged (passwords, keys).
  static bool isSecret(const std::string& key);
};

}  // namespace runnel::remote
