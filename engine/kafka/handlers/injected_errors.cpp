#include "engine/kafka/handlers/injected_errors.h"

#include <memory>
#include <string_view>
#include <vector>

#include "engine/cluster/cluster.h"
#include "engine/kafka/messages/fetch.h"
#include "engine/kafka/messages/find_coordinator.h"
#include "engine/kafka/messages/heartbeat.h"
#include "engine/kafka/messages/init_producer_id.h"
#include "engine/kafka/messages/join_group.h"
#include "engine/kafka/messages/leave_group.h"
#include "engine/kafka/messages/list_offsets.h"
#include "engine/kafka/messages/metadata.h"
#include "engine/kafka/messages/offset_commit.h"
#include "engine/kafka/messages/produce.h"
#include "engine/kafka/messages/sync_group.h"

namespace runnel::kafka {
namespace {

template <typename Topics, typename NameOf>
std::vector<std::string_view> injectedTopicNames(const Topics& topics, NameOf nameOf) {
  std::vector<std::string_view> names;
  for (const auto& t : topics)
    names.push_back(nameOf(t));
  return names;
}

std::vector<std::string_view> injectedRequestTopics(const HandlerCall& call) {
  const Message* body = call.body;
  switch (call.header.apiKey) {
    case ProduceRequest::kApiKey:
      return injectedTopicNames(static_cast<const ProduceRequest*>(body)->topicData,
                                [](const auto& t) -> std::string_view { return t.name; });
    case FetchRequest::kApiKey:
      return injectedTopicNames(static_cast<const FetchRequest*>(body)->topics,
                                [](const auto& t) -> std::string_view { return t.topic; });
    case ListOffsetsRequest::kApiKey:
      return injectedTopicNames(static_cast<const ListOffsetsRequest*>(body)->topics,
                                [](const auto& t) -> std::string_view { return t.name; });
    case OffsetCommitRequest::kApiKey:
      return injectedTopicNames(static_cast<const OffsetCommitRequest*>(body)->topics,
                                [](const auto& t) -> std::string_view { return t.name; });
    case MetadataRequest::kApiKey: {
      const auto& topics = static_cast<const MetadataRequest*>(body)->topics;
      std::vector<std::string_view> names;
      if (topics) {
        for (const auto& t : *topics)
          if (t.name) names.push_back(*t.name);
      }
      return names;
    }
    default:
      return {};
  }
}

// Fills the response of a per-partition API, one entry per partition asked for.
void injectProduceError(HandlerCall& call, std::int16_t error) {
  const auto& request = *static_cast<const ProduceRequest*>(call.body);
  if (request.acks == 0) return call.reply(nullptr);
  ProduceResponse response;
  for (const auto& t : request.topicData) {
    ProduceResponse::TopicProduceResponse topic;
    topic.name = t.name;
    for (const auto& p : t.partitionData) {
      ProduceResponse::PartitionProduceResponse part;
      part.index = p.index;
      part.errorCode = error;
      part.baseOffset = -1;
      topic.partitionResponses.push_back(std::move(part));
    }
    response.responses.push_back(std::move(topic));
  }
  call.reply(&response);
}

void injectFetchError(HandlerCall& call, std::int16_t error) {
  const auto& request = *static_cast<const FetchRequest*>(call.body);
  FetchResponse response;
  for (const auto& t : request.topics) {
    FetchResponse::FetchableTopicResponse topic;
    topic.topic = t.topic;
    for (const auto& p : t.partitions) {
      FetchResponse::PartitionData part;
      part.partitionIndex = p.partition;
      part.errorCode = error;
      part.highWatermark = -1;
      topic.partitions.push_back(std::move(part));
    }
    response.responses.push_back(std::move(topic));
  }
  call.reply(&response);
}

void injectListOffsetsError(HandlerCall& call, std::int16_t error) {
  const auto& request = *static_cast<const ListOffsetsRequest*>(call.body);
  ListOffsetsResponse response;
  for (const auto& t : request.topics) {
    ListOffsetsResponse::ListOffsetsTopicResponse topic;
    topic.name = t.name;
    for (const auto& p : t.partitions) {
      ListOffsetsResponse::ListOffsetsPartitionResponse part;
      part.partitionIndex = p.partitionIndex;
      part.errorCode = error;
      topic.partitions.push_back(std::move(part));
    }
    response.topics.push_back(std::move(topic));
  }
  call.reply(&response);
}

void injectOffsetCommitError(HandlerCall& call, std::int16_t error) {
  const auto& request = *static_cast<const OffsetCommitRequest*>(call.body);
  OffsetCommitResponse response;
  for (const auto& t : request.topics) {
    OffsetCommitResponse::OffsetCommitResponseTopic topic;
    topic.name = t.name;
    for (const auto& p : t.partitions) {
      OffsetCommitResponse::OffsetCommitResponsePartition part;
      part.partitionIndex = p.partitionIndex;
      part.errorCode = error;
      topic.partitions.push_back(std::move(part));
    }
    response.topics.push_back(std::move(topic));
  }
  call.reply(&response);
}

void injectFindCoordinatorError(HandlerCall& call, std::int16_t error) {
  const auto& request = *static_cast<const FindCoordinatorRequest*>(call.body);
  FindCoordinatorResponse response;
  response.errorCode = error;
  response.nodeId = -1;
  response.port = -1;
  for (const std::string& key : request.coordinatorKeys) {
    FindCoordinatorResponse::Coordinator c;
    c.key = key;
    c.nodeId = -1;
    c.port = -1;
    c.errorCode = error;
    response.coordinators.push_back(std::move(c));
  }
  call.reply(&response);
}

template <typename Response>
void injectTopLevelError(HandlerCall& call, std::int16_t error) {
  Response response;
  response.errorCode = error;
  call.reply(&response);
}

// Metadata is served as usual, then its topics carry the error.
void injectMetadataError(HandlerCall& call, const ApiHandler& handler, std::int16_t error) {
  auto reply = std::move(call.reply);
  call.reply = [reply, error](const Message* response) {
    if (!response) return reply(nullptr);
    MetadataResponse changed = *static_cast<const MetadataResponse*>(response);
    for (auto& topic : changed.topics) {
      topic.errorCode = error;
      for (auto& p : topic.partitions)
        p.errorCode = error;
    }
    reply(&changed);
  };
  handler.handle(call);
}

}  // namespace

bool answerWithInjectedError(HandlerCall& call, const ApiHandler& handler) {
  if (!call.context || !call.context->cluster) return false;
  const std::int16_t api = call.header.apiKey;
  const ErrorCode code =
      call.context->cluster->requestFaults().match(api, call.brokerId, injectedRequestTopics(call));
  if (code == ErrorCode::kNone) return false;
  const std::int16_t error = toWire(code);
  switch (api) {
    case ProduceRequest::kApiKey:
      injectProduceError(call, error);
      return true;
    case FetchRequest::kApiKey:
      injectFetchError(call, error);
      return true;
    case ListOffsetsRequest::kApiKey:
      injectListOffsetsError(call, error);
      return true;
    case MetadataRequest::kApiKey:
      injectMetadataError(call, handler, error);
      return true;
    case OffsetCommitRequest::kApiKey:
      injectOffsetCommitError(call, error);
      return true;
    case FindCoordinatorRequest::kApiKey:
      injectFindCoordinatorError(call, error);
      return true;
    case JoinGroupRequest::kApiKey: {
      JoinGroupResponse response;
      response.errorCode = error;
      response.memberId = static_cast<const JoinGroupRequest*>(call.body)->memberId;
      call.reply(&response);
      return true;
    }
    case HeartbeatRequest::kApiKey:
      injectTopLevelError<HeartbeatResponse>(call, error);
      return true;
    case LeaveGroupRequest::kApiKey:
      injectTopLevelError<LeaveGroupResponse>(call, error);
      return true;
    case SyncGroupRequest::kApiKey:
      injectTopLevelError<SyncGroupResponse>(call, error);
      return true;
    case InitProducerIdRequest::kApiKey: {
      InitProducerIdResponse response;
      response.errorCode = error;
      response.producerEpoch = -1;
      call.reply(&response);
      return true;
    }
    default:
      return false;  // RequestFaults only accepts the APIs above
  }
}

}  // namespace runnel::kafka
