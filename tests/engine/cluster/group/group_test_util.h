// A coordinator on a ManualClock over an in-memory metadata store, plus helpers that play a
// Kafka client's side of JoinGroup/SyncGroup.
#pragma once

#include <QtTest>

#include <chrono>
#include <future>
#include <mutex>

#include "engine/cluster/group/group_coordinator.h"
#include "engine/meta/metadata_store.h"

namespace runnel::group::testing {

inline GroupCoordinatorConfig testConfig(std::int32_t initialDelayMs = 0) {
  GroupCoordinatorConfig c;
  c.initialRebalanceDelayMs = initialDelayMs;
  return c;
}

template <typename T>
bool ready(const std::future<T>& f) {
  return f.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

struct Harness {
  explicit Harness(GroupCoordinatorConfig config = testConfig(),
                   const std::string& storePath = ":memory:") {
    auto s = MetadataStore::open(storePath);
    if (!s.isOk()) qFatal("%s", s.status().toString().c_str());
    store = std::move(s).value();
    offsets = std::make_unique<MetadataOffsetStore>(store.get());
    coordinator = std::make_unique<GroupCoordinator>(std::move(config), &clock, offsets.get(),
                                                     [this](const GroupEvent& e) {
                                                       std::lock_guard<std::mutex> lock(eventsMu);
                                                       events.push_back(e);
                                                     });
    if (!coordinator->startup().isOk()) qFatal("startup failed");
  }

  std::vector<GroupEvent::Kind> eventKinds() {
    std::lock_guard<std::mutex> lock(eventsMu);
    std::vector<GroupEvent::Kind> out;
    for (const GroupEvent& e : events)
      out.push_back(e.kind);
    return out;
  }
  int countEvents(GroupEvent::Kind kind) {
    std::lock_guard<std::mutex> lock(eventsMu);
    return static_cast<int>(std::count_if(events.begin(), events.end(),
                                          [&](const GroupEvent& e) { return e.kind == kind; }));
  }

  void advance(std::int64_t ms) {
    clock.advanceMs(ms);
    coordinator->tick();
  }

  JoinRequest request(const std::string& group, const std::string& clientId = "client",
                      std::vector<GroupProtocol> protocols = {{"range", toBytes("meta")}}) const {
    JoinRequest r;
    r.groupId = group;
    r.clientId = clientId;
    r.clientHost = "/127.0.0.1";
    r.sessionTimeoutMs = 10000;
    r.rebalanceTimeoutMs = 20000;
    r.protocolType = "consumer";
    r.protocols = std::move(protocols);
    return r;
  }

  // The v4+ dance: the first JoinGroup returns MEMBER_ID_REQUIRED with an id to use; the second
  // joins with it and waits for the rebalance.
  std::future<JoinResult> join(JoinRequest r) {
    if (r.memberId.empty() && !r.groupInstanceId) {
      JoinResult first = coordinator->joinGroup(r).get();
      if (first.error != GroupError::kMemberIdRequired) {
        std::promise<JoinResult> p;
        p.set_value(first);
        return p.get_future();
      }
      r.memberId = first.memberId;
    }
    return coordinator->joinGroup(std::move(r));
  }

  SyncResult sync(const std::string& group, const JoinResult& joined,
                  std::vector<std::pair<std::string, Bytes>> assignments = {}) {
    SyncRequest s;
    s.groupId = group;
    s.generationId = joined.generationId;
    s.memberId = joined.memberId;
    s.assignments = std::move(assignments);
    return coordinator->syncGroup(std::move(s)).get();
  }

  GroupError heartbeat(const std::string& group, const JoinResult& joined) {
    return coordinator->heartbeat({group, joined.generationId, joined.memberId, std::nullopt});
  }

  GroupState state(const std::string& group) {
    auto s = coordinator->snapshot(group);
    return s ? s->state : GroupState::kDead;
  }

  ManualClock clock;
  std::unique_ptr<MetadataStore> store;
  std::unique_ptr<MetadataOffsetStore> offsets;
  std::mutex eventsMu;
  std::vector<GroupEvent> events;
  std::unique_ptr<GroupCoordinator> coordinator;  // last: destroyed first
};

}  // namespace runnel::group::testing

Q_DECLARE_METATYPE(runnel::group::GroupError)
