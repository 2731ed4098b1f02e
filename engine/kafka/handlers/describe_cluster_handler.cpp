// DescribeCluster (key 60), versions 0-1: the live brokers with their listener ports, the
// cluster id and the controller id Metadata reports. v1 asking for controller endpoints
// (endpoint type 2) gets UNSUPPORTED_ENDPOINT_TYPE: clients talk to brokers only.
#include "engine/cluster/cluster.h"
#include "engine/kafka/handlers/handler_registry.h"
#include "engine/kafka/handlers/handler_support.h"
#include "engine/kafka/messages/describe_cluster.h"

namespace runnel::kafka {
namespace {

void handleDescribeCluster(HandlerCall& call) {
  auto& request = static_cast<DescribeClusterRequest&>(*call.body);
  const HandlerContext& ctx = *call.context;
  DescribeClusterResponse response;
  if (call.version() >= 1 && request.endpointType != 1) {
    response.errorCode = wire(ErrorCode::kUnsupportedEndpointType);
    response.endpointType = request.endpointType;
    call.reply(&response);
    return;
  }
  response.clusterId = ctx.cluster->clusterId();
  response.controllerId = controllerId(ctx);
  for (auto& b : liveBrokers(ctx))
    response.brokers.push_back({b.id, b.address.host, b.address.port, std::nullopt, {}});
  call.reply(&response);
}

}  // namespace

void registerDescribeCluster(HandlerRegistry& r) {
  r.add({DescribeClusterRequest::kApiKey, 0, 1, handleDescribeCluster});
}

}  // namespace runnel::kafka
