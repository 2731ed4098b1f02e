// PageViews: visitors clicking through a website, in sessions (30 idle minutes end one) — for
// session windows and funnels. Key: user_id. Value: {"user_id","page","referrer","session_id",
// "duration_ms"}. Not thread-safe.
#pragma once

#include <random>
#include <utility>
#include <vector>

#include "engine/datagen/event_source.h"

namespace runnel::datagen {

class PageViews final : public EventSource {
 public:
  explicit PageViews(std::uint64_t seed, int users = 300) : rng_(seed), users_(users) {}

  std::string name() const override { return "page-views"; }
  std::string defaultTopic() const override { return "pageviews"; }
  std::vector<FieldDescription> fields() const override;
  GeneratedRecord next(std::int64_t nowMs) override;

 private:
  std::mt19937_64 rng_;
  int users_;
  std::int64_t nextSession_ = 1;
  std::vector<std::pair<std::int64_t, std::int64_t>>
      sessions_;  // per user: (session id, last view ms)
};

}  // namespace runnel::datagen
