#include "engine/remote/kafka_handle.h"

#include "engine/common/logging.h"

namespace runnel::remote {

namespace {

void onError(rd_kafka_t* /*rk*/, int err, const char* reason, void* opaque) {
  auto* callbacks = static_cast<KafkaHandle::Callbacks*>(opaque);
  const auto code = static_cast<rd_kafka_resp_err_t>(err);
  callbacks->health->onError(code, reason ? reason : "");
  logger().warn("kafka {}: {}", callbacks->health->bootstrap(), reason ? reason : "");
}

void onLog(const rd_kafka_t* /*rk*/, int level, const char* facility, const char* message) {
  // syslog levels: 0-3 errors, 4 warnings, 5-6 info, 7 debug.
  const auto lvl = level <= 3   ? spdlog::level::err
                   : level == 4 ? spdlog::level::warn
                   : level <= 6 ? spdlog::level::info
                                : spdlog::level::debug;
  logger().log(lvl, "librdkafka {}: {}", facility ? facility : "", message ? message : "");
}

}  // namespace

Result<std::unique_ptr<KafkaHandle>> KafkaHandle::create(
    rd_kafka_type_t type, const RemoteConfig& cluster, const client::Properties& settings,
    const client::Properties& extra, std::shared_ptr<ConnectionHealth> health, void* owner,
    const std::function<void(rd_kafka_conf_t*)>& setup) {
  auto callbacks = std::make_unique<Callbacks>(Callbacks{std::move(health), owner});
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char err[512];
  auto set = [&](const std::string& k, const std::string& v) -> Status {
    if (rd_kafka_conf_set(conf, k.c_str(), v.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK)
      return Status::invalidArgument("Kafka client property '" + k + "': " + err);
    return Status::ok();
  };
  Status s = set("bootstrap.servers", cluster.bootstrapServers);
  for (const auto* props : {&settings, &cluster.properties, &extra}) {
    for (const auto& [k, v] : *props) {
      if (s.isOk()) s = set(k, v);
    }
  }
  if (!s.isOk()) {
    rd_kafka_conf_destroy(conf);
    return s;
  }
  rd_kafka_conf_set_opaque(conf, callbacks.get());
  rd_kafka_conf_set_error_cb(conf, onError);
  rd_kafka_conf_set_log_cb(conf, onLog);
  if (setup) setup(conf);
  rd_kafka_t* rk = rd_kafka_new(type, conf, err, sizeof err);
  if (!rk) {
    rd_kafka_conf_destroy(conf);
    return Status::invalidArgument("cannot create a Kafka client for " + cluster.bootstrapServers +
                                   ": " + err);
  }
  return std::unique_ptr<KafkaHandle>(new KafkaHandle(rk, std::move(callbacks)));
}

void KafkaHandle::startServing() {
  if (server_.joinable()) return;
  server_ = std::thread([this] {
    while (!stop_.load())
      rd_kafka_poll(rk_, 100);
  });
}

KafkaHandle::~KafkaHandle() {
  stop_.store(true);
  if (server_.joinable()) server_.join();
  rd_kafka_destroy(rk_);
}

Result<MetadataPtr> fetchMetadata(rd_kafka_t* rk, ConnectionHealth& health, bool allTopics,
                                  int timeoutMs, std::string_view what) {
  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_metadata(rk, allTopics ? 1 : 0, nullptr, &md, timeoutMs);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return health.failure(err, what);
  health.onSuccess();
  return MetadataPtr(md);
}

void addCommittedOffsets(const rd_kafka_topic_partition_list_t& list, client::OffsetMap& out) {
  for (int i = 0; i < list.cnt; ++i) {
    const auto& e = list.elems[i];
    if (e.offset < 0) continue;
    client::OffsetAndMetadata om;
    om.offset = e.offset;
    if (e.metadata && e.metadata_size)
      om.metadata.assign(static_cast<const char*>(e.metadata), e.metadata_size);
    out[{e.topic, e.partition}] = om;
  }
}

}  // namespace runnel::remote
