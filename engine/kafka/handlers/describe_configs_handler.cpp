// DescribeConfigs (key 32), versions 0-4. Topics (resource type 2): the topic's own settings
// (source TOPIC_CONFIG) and the cluster's topic defaults it does not override (DEFAULT_CONFIG).
// Brokers (type 4): an empty list. Not implemented: synonyms, documentation, config types,
// Kafka's full catalogue of default values (only defaults the cluster was configured with).
#include "engine/cluster/cluster.h"
#include "engine/kafka/handlers/handler_registry.h"
#include "engine/kafka/handlers/handler_support.h"
#include "engine/kafka/messages/describe_configs.h"

namespace runnel::kafka {
namespace {

constexpr std::int8_t kTopicResource = 2;
constexpr std::int8_t kBrokerResource = 4;
constexpr std::int8_t kSourceTopic = 1;
constexpr std::int8_t kSourceDefault = 5;

void handleDescribeConfigs(HandlerCall& call) {
  auto& request = static_cast<DescribeConfigsRequest&>(*call.body);
  auto& controller = call.context->cluster->controller();
  DescribeConfigsResponse response;
  for (auto& resource : request.resources) {
    DescribeConfigsResponse::DescribeConfigsResult result;
    result.resourceType = resource.resourceType;
    result.resourceName = resource.resourceName;
    result.errorMessage = std::nullopt;
    auto wanted = [&](const std::string& key) {
      if (!resource.configurationKeys || resource.configurationKeys->empty()) return true;
      for (auto& k : *resource.configurationKeys) {
        if (k == key) return true;
      }
      return false;
    };
    auto add = [&](const std::string& name, const std::string& value, std::int8_t source) {
      if (!wanted(name)) return;
      DescribeConfigsResponse::DescribeConfigsResourceResult c;
      c.name = name;
      c.value = value;
      c.isDefault = source == kSourceDefault;
      c.configSource = source;
      c.documentation = std::nullopt;
      result.configs.push_back(std::move(c));
    };
    if (resource.resourceType == kTopicResource) {
      auto topic = controller.topic(resource.resourceName);
      if (!topic) {
        result.errorCode = wire(ErrorCode::kUnknownTopicOrPartition);
        result.errorMessage = "no topic " + resource.resourceName;
      } else {
        for (auto& [k, v] : topic->configs)
          add(k, v, kSourceTopic);
        for (auto& [k, v] : call.context->cluster->config().defaultTopicConfigs) {
          if (!topic->configs.count(k)) add(k, v, kSourceDefault);
        }
      }
    } else if (resource.resourceType != kBrokerResource) {
      result.errorCode = wire(ErrorCode::kInvalidRequest);
      result.errorMessage = "only topic and broker resources are described";
    }
    response.results.push_back(std::move(result));
  }
  call.reply(&response);
}

}  // namespace

void registerDescribeConfigs(HandlerRegistry& r) {
  r.add({DescribeConfigsRequest::kApiKey, 0, 4, handleDescribeConfigs});
}

}  // namespace runnel::kafka
