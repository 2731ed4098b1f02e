// DeleteRecords (key 21), versions 0-2: moves the log start of partitions this broker leads
// (offset -1 = up to the high watermark); answered once the leader has moved it.
#include "engine/cluster/cluster.h"
#include "engine/kafka/handlers/handler_registry.h"
#include "engine/kafka/handlers/handler_support.h"
#include "engine/kafka/messages/delete_records.h"

namespace runnel::kafka {
namespace {

void handleDeleteRecords(HandlerCall& call) {
  auto& request = static_cast<DeleteRecordsRequest&>(*call.body);
  std::vector<cluster::DeleteRecordsPartition> wanted;
  for (auto& t : request.topics) {
    for (auto& p : t.partitions)
      wanted.push_back({t.name, p.partitionIndex, p.offset});
  }
  auto reply = call.reply;
  cluster::Broker* broker = call.context->cluster->broker(call.brokerId);
  if (!broker) {
    DeleteRecordsResponse response;
    reply(&response);
    return;
  }
  broker->deleteRecords(std::move(wanted),
                        [reply](std::vector<cluster::DeleteRecordsPartitionResult> results) {
                          DeleteRecordsResponse response;
                          for (auto& r : results) {
                            if (response.topics.empty() || response.topics.back().name != r.topic) {
                              response.topics.emplace_back();
                              response.topics.back().name = r.topic;
                            }
                            DeleteRecordsResponse::DeleteRecordsPartitionResult p;
                            p.partitionIndex = r.partition;
                            p.lowWatermark = r.lowWatermark;
                            p.errorCode = wire(r.error);
                            response.topics.back().partitions.push_back(p);
                          }
                          reply(&response);
                        });
}

}  // namespace

void registerDeleteRecords(HandlerRegistry& r) {
  r.add({DeleteRecordsRequest::kApiKey, 0, 2, handleDeleteRecords});
}

}  // namespace runnel::kafka
