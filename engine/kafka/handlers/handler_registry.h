// HandlerRegistry: the table of Kafka APIs this broker answers — for each API key, the version
// range it supports and the function that serves it. ApiVersions answers from this table, so
// what is advertised is exactly what is registered (franz-go's kfake does the same). Each
// handler file registers itself through one register*() function (registerAllHandlers()).
// Thread-safety: filled once before any request is dispatched, then only read.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>

#include "engine/kafka/handlers/handler_context.h"
#include "engine/kafka/protocol/message.h"
#include "engine/kafka/protocol/request_header_parser.h"
#include "engine/kafka/server/request_dispatcher.h"

namespace runnel::kafka {

// One request being served. `request` is the decoded body; it borrows records from the request
// frame, which stays alive until reply() is called. reply(nullptr) sends no response (Produce with
// acks=0). reply() must be called exactly once, from any thread; the response is encoded before
// reply() returns, so it may borrow from the caller's stack.
struct HandlerCall {
  const HandlerContext* context = nullptr;
  const RequestContext* request = nullptr;  // valid during the handler's synchronous part only
  std::int32_t brokerId = 0;
  std::string clientId;
  std::string clientHost;
  RequestHeaderInfo header;
  Message* body = nullptr;
  std::function<void(const Message* response)> reply;

  std::int16_t version() const { return header.apiVersion; }
};

using HandlerFn = std::function<void(HandlerCall& call)>;

struct ApiHandler {
  std::int16_t apiKey = 0;
  std::int16_t minVersion = 0;
  std::int16_t maxVersion = 0;
  HandlerFn handle;
};

class HandlerRegistry {
 public:
  void add(ApiHandler handler) { handlers_[handler.apiKey] = std::move(handler); }
  const ApiHandler* find(std::int16_t apiKey) const {
    auto it = handlers_.find(apiKey);
    return it == handlers_.end() ? nullptr : &it->second;
  }
  const std::map<std::int16_t, ApiHandler>& all() const { return handlers_; }

 private:
  std::map<std::int16_t, ApiHandler> handlers_;
};

// Fills `registry` with every handler in this folder.
void registerAllHandlers(HandlerRegistry& registry);

// One register function per handler file.
void registerApiVersions(HandlerRegistry& r);
void registerMetadata(HandlerRegistry& r);
void registerProduce(HandlerRegistry& r);
void registerFetch(HandlerRegistry& r);
void registerListOffsets(HandlerRegistry& r);
void registerFindCoordinator(HandlerRegistry& r);
void registerJoinGroup(HandlerRegistry& r);
void registerSyncGroup(HandlerRegistry& r);
void registerHeartbeat(HandlerRegistry& r);
void registerLeaveGroup(HandlerRegistry& r);
void registerOffsetCommit(HandlerRegistry& r);
void registerOffsetFetch(HandlerRegistry& r);
void registerInitProducerId(HandlerRegistry& r);
void registerCreateTopics(HandlerRegistry& r);
void registerDeleteTopics(HandlerRegistry& r);
void registerListGroups(HandlerRegistry& r);
void registerDescribeGroups(HandlerRegistry& r);
void registerCreatePartitions(HandlerRegistry& r);
void registerDeleteRecords(HandlerRegistry& r);
void registerOffsetDelete(HandlerRegistry& r);
void registerDescribeCluster(HandlerRegistry& r);
void registerDescribeConfigs(HandlerRegistry& r);
void registerAlterConfigs(HandlerRegistry& r);
void registerIncrementalAlterConfigs(HandlerRegistry& r);
void registerElectLeaders(HandlerRegistry& r);
void registerAlterPartitionReassignments(HandlerRegistry& r);
void registerListPartitionReassignments(HandlerRegistry& r);

}  // namespace runnel::kafka
