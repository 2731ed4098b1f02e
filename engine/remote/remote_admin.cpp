#include "engine/remote/remote_admin.h"

#include <algorithm>
#include <set>

namespace runnel::remote {

namespace {

using client::TopicPartition;

// The broker answers within the request timeout; allow librdkafka its own margin beyond it.
int ms(client::Timeout t) {
  return static_cast<int>(std::clamp<std::int64_t>(t.count(), 1, 3'600'000));
}

client::ConfigSource sourceOf(rd_kafka_ConfigSource_t s) {
  switch (s) {
    case RD_KAFKA_CONFIG_SOURCE_DYNAMIC_TOPIC_CONFIG:
      return client::ConfigSource::kTopic;
    case RD_KAFKA_CONFIG_SOURCE_DYNAMIC_BROKER_CONFIG:
    case RD_KAFKA_CONFIG_SOURCE_DYNAMIC_DEFAULT_BROKER_CONFIG:
      return client::ConfigSource::kBroker;
    case RD_KAFKA_CONFIG_SOURCE_STATIC_BROKER_CONFIG:
      return client::ConfigSource::kStaticBroker;
    case RD_KAFKA_CONFIG_SOURCE_DEFAULT_CONFIG:
      return client::ConfigSource::kDefault;
    default:
      return client::ConfigSource::kUnknown;
  }
}

std::vector<std::string> splitList(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const auto comma = s.find(',', start);
    std::string item =
        s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

bool RemoteAdmin::isInternalTopic(const std::string& name) {
  return name.rfind("__", 0) == 0 || name.rfind("_runnel", 0) == 0;
}

Result<EventPtr> RemoteAdmin::run(
    const std::string& what, Timeout timeout, bool operationTimeout,
    const std::function<void(rd_kafka_AdminOptions_t*, rd_kafka_queue_t*)>& start) {
  QueuePtr queue(rd_kafka_queue_new(handle_.get()));
  AdminOptionsPtr options(rd_kafka_AdminOptions_new(handle_.get(), RD_KAFKA_ADMIN_OP_ANY));
  char err[256];
  rd_kafka_AdminOptions_set_request_timeout(options.get(), ms(timeout), err, sizeof err);
  // Create/delete wait for the controller to finish, so the next Metadata sees the change.
  if (operationTimeout)
    rd_kafka_AdminOptions_set_operation_timeout(options.get(), ms(timeout), err, sizeof err);
  start(options.get(), queue.get());
  EventPtr ev(rd_kafka_queue_poll(queue.get(), ms(timeout) + 2000));
  if (!ev) return handle_.health().failure(RD_KAFKA_RESP_ERR__TIMED_OUT, what);
  if (rd_kafka_resp_err_t e = rd_kafka_event_error(ev.get()); e != RD_KAFKA_RESP_ERR_NO_ERROR) {
    const char* msg = rd_kafka_event_error_string(ev.get());
    return handle_.health().failure(e, what, msg ? msg : "");
  }
  handle_.health().onSuccess();
  return ev;
}

Result<client::ClusterDescription> RemoteAdmin::describeCluster(Timeout timeout) {
  RUNNEL_ASSIGN_OR_RETURN(auto md, fetchMetadata(handle_.get(), handle_.health(), false,
                                                 ms(timeout), "describing the cluster"));
  client::ClusterDescription d;
  if (char* id = rd_kafka_clusterid(handle_.get(), ms(timeout))) {
    d.clusterId = id;
    rd_kafka_mem_free(handle_.get(), id);
  }
  d.controllerId = rd_kafka_controllerid(handle_.get(), ms(timeout));
  for (int i = 0; i < md->broker_cnt; ++i) {
    client::BrokerDescription b;
    b.id = md->brokers[i].id;
    b.host = md->brokers[i].host ? md->brokers[i].host : "";
    b.port = md->brokers[i].port;
    d.brokers.push_back(std::move(b));
  }
  std::sort(d.brokers.begin(), d.brokers.end(),
            [](const auto& a, const auto& b) { return a.id < b.id; });
  return d;
}

Status RemoteAdmin::createTopic(const client::NewTopic& topic, Timeout timeout) {
  char err[512];
  const bool explicitPlacement = !topic.replicaAssignment.empty();
  const int partitions =
      explicitPlacement ? static_cast<int>(topic.replicaAssignment.size()) : topic.partitions;
  rd_kafka_NewTopic_t* nt =
      rd_kafka_NewTopic_new(topic.name.c_str(), partitions,
                            explicitPlacement ? -1 : topic.replicationFactor, err, sizeof err);
  if (!nt) return Status::invalidArgument("creating topic " + topic.name + ": " + err);
  std::unique_ptr<rd_kafka_NewTopic_t, void (*)(rd_kafka_NewTopic_t*)> owned(
      nt, rd_kafka_NewTopic_destroy);
  for (const auto& [p, replicas] : topic.replicaAssignment) {
    if (rd_kafka_NewTopic_set_replica_assignment(nt, p, const_cast<std::int32_t*>(replicas.data()),
                                                 replicas.size(), err, sizeof err))
      return Status::invalidArgument("creating topic " + topic.name + ": " + err);
  }
  for (const auto& [k, v] : topic.configs)
    rd_kafka_NewTopic_set_config(nt, k.c_str(), v.c_str());
  const std::string what = "creating topic " + topic.name;
  RUNNEL_ASSIGN_OR_RETURN(auto ev, run(what, timeout, true, [&](auto* o, auto* q) {
                            rd_kafka_CreateTopics(handle_.get(), &nt, 1, o, q);
                          }));
  size_t n = 0;
  const auto** results =
      rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(ev.get()), &n);
  for (size_t i = 0; i < n; ++i) {
    if (auto e = rd_kafka_topic_result_error(results[i]); e != RD_KAFKA_RESP_ERR_NO_ERROR) {
      const char* m = rd_kafka_topic_result_error_string(results[i]);
      return handle_.health().failure(e, what, m ? m : "");
    }
  }
  return Status::ok();
}

Status RemoteAdmin::deleteTopic(const std::string& name, Timeout timeout) {
  rd_kafka_DeleteTopic_t* dt = rd_kafka_DeleteTopic_new(name.c_str());
  std::unique_ptr<rd_kafka_DeleteTopic_t, void (*)(rd_kafka_DeleteTopic_t*)> owned(
      dt, rd_kafka_DeleteTopic_destroy);
  const std::string what = "deleting topic " + name;
  RUNNEL_ASSIGN_OR_RETURN(auto ev, run(what, timeout, true, [&](auto* o, auto* q) {
                            rd_kafka_DeleteTopics(handle_.get(), &dt, 1, o, q);
                          }));
  size_t n = 0;
  const auto** results =
      rd_kafka_DeleteTopics_result_topics(rd_kafka_event_DeleteTopics_result(ev.get()), &n);
  for (size_t i = 0; i < n; ++i) {
    if (auto e = rd_kafka_topic_result_error(results[i]); e != RD_KAFKA_RESP_ERR_NO_ERROR) {
      const char* m = rd_kafka_topic_result_error_string(results[i]);
      return handle_.health().failure(e, what, m ? m : "");
    }
  }
  return Status::ok();
}

Status RemoteAdmin::createPartitions(const std::string& topic, std::int32_t totalCount,
                                     Timeout timeout) {
  char err[512];
  rd_kafka_NewPartitions_t* np = rd_kafka_NewPartitions_new(
      topic.c_str(), static_cast<size_t>(std::max(totalCount, 0)), err, sizeof err);
  if (!np) return Status::invalidArgument("adding partitions to " + topic + ": " + err);
  std::unique_ptr<rd_kafka_NewPartitions_t, void (*)(rd_kafka_NewPartitions_t*)> owned(
      np, rd_kafka_NewPartitions_destroy);
  const std::string what = "adding partitions to " + topic;
  RUNNEL_ASSIGN_OR_RETURN(auto ev, run(what, timeout, true, [&](auto* o, auto* q) {
                            rd_kafka_CreatePartitions(handle_.get(), &np, 1, o, q);
                          }));
  size_t n = 0;
  const auto** results =
      rd_kafka_CreatePartitions_result_topics(rd_kafka_event_CreatePartitions_result(ev.get()), &n);
  for (size_t i = 0; i < n; ++i) {
    if (auto e = rd_kafka_topic_result_error(results[i]); e != RD_KAFKA_RESP_ERR_NO_ERROR) {
      const char* m = rd_kafka_topic_result_error_string(results[i]);
      return handle_.health().failure(e, what, m ? m : "");
    }
  }
  return Status::ok();
}

Result<std::vector<client::TopicDescription>> RemoteAdmin::describeAllTopics(Timeout timeout) {
  RUNNEL_ASSIGN_OR_RETURN(
      auto md, fetchMetadata(handle_.get(), handle_.health(), true, ms(timeout), "listing topics"));
  std::set<std::int32_t> live;
  for (int i = 0; i < md->broker_cnt; ++i)
    live.insert(md->brokers[i].id);
  std::vector<client::TopicDescription> out;
  for (int i = 0; i < md->topic_cnt; ++i) {
    const auto& t = md->topics[i];
    if (t.err != RD_KAFKA_RESP_ERR_NO_ERROR && t.partition_cnt == 0) continue;
    client::TopicDescription d;
    d.name = t.topic;
    d.internal = isInternalTopic(d.name);
    for (int j = 0; j < t.partition_cnt; ++j) {
      const auto& p = t.partitions[j];
      client::PartitionDescription pd;
      pd.partition = p.id;
      pd.leader = p.leader;
      pd.replicas.assign(p.replicas, p.replicas + p.replica_cnt);
      pd.isr.assign(p.isrs, p.isrs + p.isr_cnt);
      for (auto r : pd.replicas) {
        if (!live.count(r)) pd.offlineReplicas.push_back(r);
      }
      if (pd.leader >= 0 && !live.count(pd.leader)) pd.leader = -1;
      d.partitions.push_back(std::move(pd));
    }
    std::sort(d.partitions.begin(), d.partitions.end(),
              [](const auto& a, const auto& b) { return a.partition < b.partition; });
    out.push_back(std::move(d));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

Result<std::vector<std::string>> RemoteAdmin::listTopics(bool includeInternal, Timeout timeout) {
  RUNNEL_ASSIGN_OR_RETURN(auto all, describeAllTopics(timeout));
  std::vector<std::string> out;
  for (const auto& t : all) {
    if (includeInternal || !t.internal) out.push_back(t.name);
  }
  return out;
}

Result<std::vector<client::TopicDescription>> RemoteAdmin::describeTopics(
    const std::vector<std::string>& names, Timeout timeout) {
  RUNNEL_ASSIGN_OR_RETURN(auto all, describeAllTopics(timeout));
  std::vector<client::TopicDescription> out;
  for (const auto& name : names) {
    auto it = std::find_if(all.begin(), all.end(), [&](const auto& t) { return t.name == name; });
    if (it == all.end())
      return Status::notFound("topic " + name + " does not exist on Kafka at " +
                              handle_.health().bootstrap());
    out.push_back(*it);
  }
  return out;
}

Result<std::vector<client::ConfigEntry>> RemoteAdmin::describeTopicConfigs(const std::string& topic,
                                                                           Timeout timeout) {
  rd_kafka_ConfigResource_t* res =
      rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, topic.c_str());
  std::unique_ptr<rd_kafka_ConfigResource_t, void (*)(rd_kafka_ConfigResource_t*)> owned(
      res, rd_kafka_ConfigResource_destroy);
  const std::string what = "reading the configs of topic " + topic;
  RUNNEL_ASSIGN_OR_RETURN(auto ev, run(what, timeout, false, [&](auto* o, auto* q) {
                            rd_kafka_DescribeConfigs(handle_.get(), &res, 1, o, q);
                          }));
  size_t n = 0;
  const auto** resources = rd_kafka_DescribeConfigs_result_resources(
      rd_kafka_event_DescribeConfigs_result(ev.get()), &n);
  std::vector<client::ConfigEntry> out;
  for (size_t i = 0; i < n; ++i) {
    if (auto e = rd_kafka_ConfigResource_error(resources[i]); e != RD_KAFKA_RESP_ERR_NO_ERROR) {
      const char* m = rd_kafka_ConfigResource_error_string(resources[i]);
      return handle_.health().failure(e, what, m ? m : "");
    }
    size_t cnt = 0;
    const auto** entries = rd_kafka_ConfigResource_configs(resources[i], &cnt);
    for (size_t j = 0; j < cnt; ++j) {
      client::ConfigEntry c;
      c.name = rd_kafka_ConfigEntry_name(entries[j]);
      if (const char* v = rd_kafka_ConfigEntry_value(entries[j])) c.value = v;
      c.source = sourceOf(rd_kafka_ConfigEntry_source(entries[j]));
      c.readOnly = rd_kafka_ConfigEntry_is_read_only(entries[j]) != 0;
      c.sensitive = rd_kafka_ConfigEntry_is_sensitive(entries[j]) != 0;
      out.push_back(std::move(c));
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

Status RemoteAdmin::alterTopicConfigs(const std::string& topic,
                                      const std::vector<client::AlterConfig>& changes,
                                      Timeout timeout) {
  // AlterConfigs replaces the topic's whole override set: start from the current overrides.
  RUNNEL_ASSIGN_OR_RETURN(auto current, describeTopicConfigs(topic, timeout));
  std::map<std::string, std::string> overrides;
  for (const auto& c : current) {
    if (c.source == client::ConfigSource::kTopic && c.value) overrides[c.name] = *c.value;
  }
  for (const auto& ch : changes) {
    switch (ch.op) {
      case client::AlterConfigOp::kSet:
        if (!ch.value) return Status::invalidArgument("setting " + ch.name + " needs a value");
        overrides[ch.name] = *ch.value;
        break;
      case client::AlterConfigOp::kDelete:
        overrides.erase(ch.name);
        break;
      case client::AlterConfigOp::kAppend:
      case client::AlterConfigOp::kSubtract: {
        std::string base;
        if (auto it = overrides.find(ch.name); it != overrides.end()) {
          base = it->second;
        } else {
          for (const auto& c : current) {
            if (c.name == ch.name && c.value) base = *c.value;
          }
        }
        auto items = splitList(base);
        for (const auto& v : splitList(ch.value.value_or(""))) {
          auto found = std::find(items.begin(), items.end(), v);
          if (ch.op == client::AlterConfigOp::kAppend && found == items.end()) items.push_back(v);
          if (ch.op == client::AlterConfigOp::kSubtract && found != items.end()) items.erase(found);
        }
        std::string joined;
        for (const auto& v : items)
          joined += (joined.empty() ? "" : ",") + v;
        overrides[ch.name] = joined;
        break;
      }
    }
  }
  rd_kafka_ConfigResource_t* res =
      rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, topic.c_str());
  std::unique_ptr<rd_kafka_ConfigResource_t, void (*)(rd_kafka_ConfigResource_t*)> owned(
      res, rd_kafka_ConfigResource_destroy);
  for (const auto& [k, v] : overrides)
    rd_kafka_ConfigResource_set_config(res, k.c_str(), v.c_str());
  const std::string what = "changing the configs of topic " + topic;
  RUNNEL_ASSIGN_OR_RETURN(auto ev, run(what, timeout, false, [&](auto* o, auto* q) {
                            rd_kafka_AlterConfigs(handle_.get(), &res, 1, o, q);
                          }));
  size_t n = 0;
  const auto** resources =
      rd_kafka_AlterConfigs_result_resources(rd_kafka_event_AlterConfigs_result(ev.get()), &n);
  for (size_t i = 0; i < n; ++i) {
    if (auto e = rd_kafka_ConfigResource_error(resources[i]); e != RD_KAFKA_RESP_ERR_NO_ERROR) {
      const char* m = rd_kafka_ConfigResource_error_string(resources[i]);
      return handle_.health().failure(e, what, m ? m : "");
    }
  }
  return Status::ok();
}

Result<std::map<TopicPartition, client::ListedOffset>> RemoteAdmin::listOffsets(
    const std::map<TopicPartition, client::OffsetSpec>& specs, Timeout timeout) {
  std::map<TopicPartition, client::ListedOffset> out;
  if (specs.empty()) return out;
  auto list = newPartitionList(static_cast<int>(specs.size()));
  for (const auto& [tp, spec] : specs) {
    std::int64_t ts = -1;  // ListOffsets' "latest"
    switch (spec.kind) {
      case client::OffsetSpec::Kind::kEarliest:
        ts = -2;
        break;
      case client::OffsetSpec::Kind::kLatest:
        ts = -1;
        break;
      case client::OffsetSpec::Kind::kTimestamp:
        ts = spec.timestampMs;
        break;
      case client::OffsetSpec::Kind::kMaxTimestamp:
        return Status::notSupported(
            "listing the max-timestamp offset needs a newer librdkafka "
            "than this build's");
    }
    rd_kafka_topic_partition_list_add(list.get(), tp.topic.c_str(), tp.partition)->offset = ts;
  }
  rd_kafka_resp_err_t err = rd_kafka_offsets_for_times(handle_.get(), list.get(), ms(timeout));
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return handle_.health().failure(err, "listing offsets");
  for (int i = 0; i < list->cnt; ++i) {
    const auto& e = list->elems[i];
    if (e.err != RD_KAFKA_RESP_ERR_NO_ERROR)
      return handle_.health().failure(
          e.err, "listing the offsets of " + TopicPartition{e.topic, e.partition}.toString());
    client::ListedOffset lo;
    lo.offset = e.offset;
    out[{e.topic, e.partition}] = lo;
  }
  handle_.health().onSuccess();
  return out;
}

Status RemoteAdmin::deleteRecords(const std::map<TopicPartition, std::int64_t>& before,
                                  Timeout timeout) {
  if (before.empty()) return Status::ok();
  auto list = newPartitionList(static_cast<int>(before.size()));
  for (const auto& [tp, off] : before)
    rd_kafka_topic_partition_list_add(list.get(), tp.topic.c_str(), tp.partition)->offset = off;
  rd_kafka_DeleteRecords_t* dr = rd_kafka_DeleteRecords_new(list.get());
  std::unique_ptr<rd_kafka_DeleteRecords_t, void (*)(rd_kafka_DeleteRecords_t*)> owned(
      dr, rd_kafka_DeleteRecords_destroy);
  RUNNEL_ASSIGN_OR_RETURN(auto ev, run("deleting records", timeout, true, [&](auto* o, auto* q) {
                            rd_kafka_DeleteRecords(handle_.get(), &dr, 1, o, q);
                          }));
  const auto* offsets =
      rd_kafka_DeleteRecords_result_offsets(rd_kafka_event_DeleteRecords_result(ev.get()));
  for (int i = 0; offsets && i < offsets->cnt; ++i) {
    const auto& e = offsets->elems[i];
    if (e.err != RD_KAFKA_RESP_ERR_NO_ERROR)
      return handle_.health().failure(
          e.err, "deleting records of " + TopicPartition{e.topic, e.partition}.toString());
  }
  return Status::ok();
}

Result<std::vector<client::GroupListing>> RemoteAdmin::listConsumerGroups(Timeout timeout) {
  // librdkafka 2.0's ListGroups v4 request carries a stray byte that strict brokers (runnel-server
  // among them) reject; the classic list (ListGroups v0 to every broker) works everywhere.
  const rd_kafka_group_list* raw = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_list_groups(handle_.get(), nullptr, &raw, ms(timeout));
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR__PARTIAL)
    return handle_.health().failure(err, "listing consumer groups");
  std::unique_ptr<const rd_kafka_group_list, void (*)(const rd_kafka_group_list*)> list(
      raw, rd_kafka_group_list_destroy);
  handle_.health().onSuccess();
  std::map<std::string, client::GroupListing> byId;  // every broker may list the same group
  for (int i = 0; list && i < list->group_cnt; ++i) {
    const auto& g = list->groups[i];
    client::GroupListing l;
    l.groupId = g.group ? g.group : "";
    l.protocolType = g.protocol_type ? g.protocol_type : "";
    l.state = g.state ? g.state : "";
    auto& slot = byId[l.groupId];
    if (slot.groupId.empty() || slot.state.empty()) slot = l;
  }
  std::vector<client::GroupListing> out;
  for (auto& [id, l] : byId)
    out.push_back(std::move(l));
  return out;
}

Result<std::vector<client::GroupDescription>> RemoteAdmin::describeConsumerGroups(
    const std::vector<std::string>& groupIds, Timeout timeout) {
  std::vector<client::GroupDescription> out;
  if (groupIds.empty()) return out;
  std::vector<const char*> ids;
  for (const auto& g : groupIds)
    ids.push_back(g.c_str());
  RUNNEL_ASSIGN_OR_RETURN(
      auto ev, run("describing consumer groups", timeout, false, [&](auto* o, auto* q) {
        rd_kafka_DescribeConsumerGroups(handle_.get(), ids.data(), ids.size(), o, q);
      }));
  size_t n = 0;
  const auto** groups = rd_kafka_DescribeConsumerGroups_result_groups(
      rd_kafka_event_DescribeConsumerGroups_result(ev.get()), &n);
  for (size_t i = 0; i < n; ++i) {
    const auto* g = groups[i];
    if (const rd_kafka_error_t* e = rd_kafka_ConsumerGroupDescription_error(g)) {
      return handle_.health().failure(
          rd_kafka_error_code(e),
          std::string("describing group ") + rd_kafka_ConsumerGroupDescription_group_id(g),
          rd_kafka_error_string(e));
    }
    client::GroupDescription d;
    d.groupId = rd_kafka_ConsumerGroupDescription_group_id(g);
    d.state = rd_kafka_consumer_group_state_name(rd_kafka_ConsumerGroupDescription_state(g));
    d.protocolType =
        rd_kafka_ConsumerGroupDescription_is_simple_consumer_group(g) ? "" : "consumer";
    if (const char* a = rd_kafka_ConsumerGroupDescription_partition_assignor(g)) d.protocol = a;
    if (const auto* node = rd_kafka_ConsumerGroupDescription_coordinator(g))
      d.coordinatorId = rd_kafka_Node_id(node);
    const size_t members = rd_kafka_ConsumerGroupDescription_member_count(g);
    for (size_t m = 0; m < members; ++m) {
      const auto* md = rd_kafka_ConsumerGroupDescription_member(g, m);
      client::MemberDescription mem;
      mem.memberId = rd_kafka_MemberDescription_consumer_id(md);
      mem.clientId = rd_kafka_MemberDescription_client_id(md);
      mem.host = rd_kafka_MemberDescription_host(md);
      if (const char* inst = rd_kafka_MemberDescription_group_instance_id(md))
        mem.groupInstanceId = inst;
      if (const auto* assignment = rd_kafka_MemberDescription_assignment(md)) {
        const auto* parts = rd_kafka_MemberAssignment_partitions(assignment);
        for (int k = 0; parts && k < parts->cnt; ++k)
          mem.assignment.push_back({parts->elems[k].topic, parts->elems[k].partition});
      }
      d.members.push_back(std::move(mem));
    }
    out.push_back(std::move(d));
  }
  return out;
}

Result<client::OffsetMap> RemoteAdmin::listConsumerGroupOffsets(const std::string& groupId,
                                                                Timeout timeout) {
  // A null partition list asks for every committed offset of the group. librdkafka 2.0.2 sends
  // it with two stray bytes after the body, which Kafka and Runnel's decoder ignore
  // (kafka_handlers_test covers that frame).
  client::OffsetMap out;
  rd_kafka_ListConsumerGroupOffsets_t* req =
      rd_kafka_ListConsumerGroupOffsets_new(groupId.c_str(), nullptr);
  std::unique_ptr<rd_kafka_ListConsumerGroupOffsets_t,
                  void (*)(rd_kafka_ListConsumerGroupOffsets_t*)>
      owned(req, rd_kafka_ListConsumerGroupOffsets_destroy);
  const std::string what = "reading the offsets of group " + groupId;
  RUNNEL_ASSIGN_OR_RETURN(auto ev, run(what, timeout, false, [&](auto* o, auto* q) {
                            rd_kafka_ListConsumerGroupOffsets(handle_.get(), &req, 1, o, q);
                          }));
  size_t n = 0;
  const auto** groups = rd_kafka_ListConsumerGroupOffsets_result_groups(
      rd_kafka_event_ListConsumerGroupOffsets_result(ev.get()), &n);
  for (size_t i = 0; i < n; ++i) {
    if (const rd_kafka_error_t* e = rd_kafka_group_result_error(groups[i]))
      return handle_.health().failure(rd_kafka_error_code(e), what, rd_kafka_error_string(e));
    if (const auto* parts = rd_kafka_group_result_partitions(groups[i]))
      addCommittedOffsets(*parts, out);
  }
  return out;
}

Status RemoteAdmin::alterConsumerGroupOffsets(const std::string& groupId,
                                              const client::OffsetMap& offsets, Timeout timeout) {
  if (offsets.empty()) return Status::ok();
  auto list = newPartitionList(static_cast<int>(offsets.size()));
  for (const auto& [tp, om] : offsets)
    rd_kafka_topic_partition_list_add(list.get(), tp.topic.c_str(), tp.partition)->offset =
        om.offset;
  rd_kafka_AlterConsumerGroupOffsets_t* req =
      rd_kafka_AlterConsumerGroupOffsets_new(groupId.c_str(), list.get());
  std::unique_ptr<rd_kafka_AlterConsumerGroupOffsets_t,
                  void (*)(rd_kafka_AlterConsumerGroupOffsets_t*)>
      owned(req, rd_kafka_AlterConsumerGroupOffsets_destroy);
  const std::string what = "setting the offsets of group " + groupId;
  RUNNEL_ASSIGN_OR_RETURN(auto ev, run(what, timeout, false, [&](auto* o, auto* q) {
                            rd_kafka_AlterConsumerGroupOffsets(handle_.get(), &req, 1, o, q);
                          }));
  size_t n = 0;
  const auto** groups = rd_kafka_AlterConsumerGroupOffsets_result_groups(
      rd_kafka_event_AlterConsumerGroupOffsets_result(ev.get()), &n);
  for (size_t i = 0; i < n; ++i) {
    if (const rd_kafka_error_t* e = rd_kafka_group_result_error(groups[i]))
      return handle_.health().failure(rd_kafka_error_code(e), what, rd_kafka_error_string(e));
    const auto* parts = rd_kafka_group_result_partitions(groups[i]);
    for (int k = 0; parts && k < parts->cnt; ++k) {
      if (parts->elems[k].err != RD_KAFKA_RESP_ERR_NO_ERROR)
        return handle_.health().failure(parts->elems[k].err, what);
    }
  }
  return Status::ok();
}

Status RemoteAdmin::deleteConsumerGroup(const std::string& groupId, Timeout timeout) {
  rd_kafka_DeleteGroup_t* dg = rd_kafka_DeleteGroup_new(groupId.c_str());
  std::unique_ptr<rd_kafka_DeleteGroup_t, void (*)(rd_kafka_DeleteGroup_t*)> owned(
      dg, rd_kafka_DeleteGroup_destroy);
  const std::string what = "deleting group " + groupId;
  RUNNEL_ASSIGN_OR_RETURN(auto ev, run(what, timeout, false, [&](auto* o, auto* q) {
                            rd_kafka_DeleteGroups(handle_.get(), &dg, 1, o, q);
                          }));
  size_t n = 0;
  const auto** groups =
      rd_kafka_DeleteGroups_result_groups(rd_kafka_event_DeleteGroups_result(ev.get()), &n);
  for (size_t i = 0; i < n; ++i) {
    if (const rd_kafka_error_t* e = rd_kafka_group_result_error(groups[i]))
      return handle_.health().failure(rd_kafka_error_code(e), what, rd_kafka_error_string(e));
  }
  return Status::ok();
}

Status RemoteAdmin::electPreferredLeaders(const std::vector<TopicPartition>& /*partitions*/,
                                          Timeout /*timeout*/) {
  return Status::notSupported(
      "preferred-leader election is not available on a remote cluster with this build's "
      "librdkafka (2.0); use kafka-leader-election.sh");
}

Status RemoteAdmin::reassignPartition(const TopicPartition& /*partition*/,
                                      const std::vector<std::int32_t>& /*replicas*/,
                                      Timeout /*timeout*/) {
  return Status::notSupported(
      "partition reassignment is not available on a remote cluster with this build's librdkafka "
      "(2.0); use kafka-reassign-partitions.sh");
}

// librdkafka gained rd_kafka_ElectLeaders in 2.4 and has no reassignment API at all (2.0.2's
// rdkafka.h has neither), so these stay NotSupported until the build moves on.
Status RemoteAdmin::cancelPartitionReassignment(const TopicPartition& /*partition*/,
                                                Timeout /*timeout*/) {
  return Status::notSupported(
      "cancelling a reassignment is not available on a remote cluster with this build's "
      "librdkafka (2.0); use kafka-reassign-partitions.sh --cancel");
}

Result<std::vector<client::PartitionReassignment>> RemoteAdmin::listPartitionReassignments(
    const std::vector<TopicPartition>& /*partitions*/, Timeout /*timeout*/) {
  return Status::notSupported(
      "listing reassignments is not available on a remote cluster with this build's librdkafka "
      "(2.0); use kafka-reassign-partitions.sh --list");
}

}  // namespace runnel::remote
