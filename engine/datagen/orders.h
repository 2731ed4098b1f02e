// Orders: a shop's orders — a few hundred customers buying from a small catalogue — for joins
// and aggregations (revenue per region, top products). Key: order_id. Value: {"order_id",
// "customer_id","product","quantity","unit_price","total","region"}. Not thread-safe.
#pragma once

#include <random>

#include "engine/datagen/event_source.h"

namespace runnel::datagen {

class Orders final : public EventSource {
 public:
  explicit Orders(std::uint64_t seed, int customers = 250) : rng_(seed), customers_(customers) {}

  std::string name() const override { return "orders"; }
  std::string defaultTopic() const override { return "orders"; }
  std::vector<FieldDescription> fields() const override;
  GeneratedRecord next(std::int64_t nowMs) override;

 private:
  std::mt19937_64 rng_;
  int customers_;
  std::int64_t nextOrder_ = 1;
};

}  // namespace runnel::datagen
