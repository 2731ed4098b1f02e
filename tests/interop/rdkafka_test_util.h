// Small librdkafka helpers shared by the interop tests: a C++ Conf from a settings map (a bad
// setting is a test-authoring bug, so it aborts) and topic creation through the Admin API, which
// exercises CreateTopics on the wire rather than the embedded admin.
#pragma once

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafkacpp.h>

#include <QtTest>

#include <map>
#include <memory>
#include <string>

namespace runnel::testing {

inline std::unique_ptr<RdKafka::Conf> rdkafkaConfig(
    const std::map<std::string, std::string>& settings) {
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::string err;
  for (const auto& [k, v] : settings) {
    if (conf->set(k, v, err) != RdKafka::Conf::CONF_OK) qFatal("%s: %s", k.c_str(), err.c_str());
  }
  return conf;
}

// True when the cluster answered CreateTopics without an error for `name` (RF 3).
inline bool createTopicOverWire(const std::string& bootstrap, const std::string& name,
                                int partitions,
                                const std::map<std::string, std::string>& configs = {}) {
  char err[256];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.c_str(), err, sizeof err);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (!rk) return false;
  rd_kafka_NewTopic_t* topic = rd_kafka_NewTopic_new(name.c_str(), partitions, 3, err, sizeof err);
  for (const auto& [k, v] : configs)
    rd_kafka_NewTopic_set_config(topic, k.c_str(), v.c_str());
  rd_kafka_queue_t* queue = rd_kafka_queue_new(rk);
  rd_kafka_CreateTopics(rk, &topic, 1, nullptr, queue);
  rd_kafka_event_t* ev = rd_kafka_queue_poll(queue, 20000);
  bool ok = false;
  if (ev) {
    const rd_kafka_CreateTopics_result_t* res = rd_kafka_event_CreateTopics_result(ev);
    size_t n = 0;
    const rd_kafka_topic_result_t** results =
        res ? rd_kafka_CreateTopics_result_topics(res, &n) : nullptr;
    ok = n == 1 && rd_kafka_topic_result_error(results[0]) == RD_KAFKA_RESP_ERR_NO_ERROR;
    rd_kafka_event_destroy(ev);
  }
  rd_kafka_queue_destroy(queue);
  rd_kafka_NewTopic_destroy(topic);
  rd_kafka_destroy(rk);
  return ok;
}

}  // namespace runnel::testing
