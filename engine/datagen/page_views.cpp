#include "engine/datagen/page_views.h"

#include <algorithm>
#include <iterator>

#include "engine/common/json_writer.h"
#include "engine/datagen/record_ids.h"

namespace runnel::datagen {
namespace {
constexpr const char* kPages[] = {"/",       "/pricing",  "/docs",           "/blog",
                                  "/signup", "/checkout", "/product/kettle", "/product/grinder"};
constexpr const char* kReferrers[] = {"direct", "search", "social", "newsletter"};
constexpr std::int64_t kSessionGapMs = std::int64_t{30} * 60 * 1000;
}  // namespace

std::vector<FieldDescription> PageViews::fields() const {
  return {{"user_id", "STRING"},
          {"page", "STRING"},
          {"referrer", "STRING"},
          {"session_id", "STRING"},
          {"duration_ms", "BIGINT"}};
}

GeneratedRecord PageViews::next(std::int64_t nowMs) {
  if (sessions_.empty()) sessions_.assign(static_cast<std::size_t>(users_), {0, INT64_MIN / 2});
  // A few users are far more active than the rest, as on real sites.
  const int user = static_cast<int>(
      std::min<double>(users_ - 1, std::exponential_distribution<double>(5.0 / users_)(rng_)));
  auto& [session, lastMs] = sessions_[static_cast<std::size_t>(user)];
  if (nowMs - lastMs > kSessionGapMs) session = nextSession_++;
  lastMs = nowMs;
  const std::string userId = idOf("u", user + 1, 4);
  JsonWriter json;
  json.beginObject()
      .key("user_id")
      .value(userId)
      .key("page")
      .value(kPages[std::uniform_int_distribution<std::size_t>(0, std::size(kPages) - 1)(rng_)])
      .key("referrer")
      .value(kReferrers[std::uniform_int_distribution<std::size_t>(
          0, std::size(kReferrers) - 1)(rng_)])
      .key("session_id")
      .value(idOf("s", session, 6))
      .key("duration_ms")
      .value(std::int64_t{200} +
             static_cast<std::int64_t>(std::exponential_distribution<double>(1.0 / 8000)(rng_)))
      .endObject();
  return {userId, json.take(), nowMs};
}

}  // namespace runnel::datagen
