#include "engine/datagen/card_authorizations.h"

#include <algorithm>
#include <cstdio>

#include "engine/common/json_writer.h"

namespace runnel::datagen {
namespace {
constexpr const char* kMerchants[] = {"Corner Cafe",    "City Grocers", "Metro Transit",
                                      "Book Nook",      "Fuel Stop",    "Cinema Star",
                                      "Green Pharmacy", "Tech Depot"};
constexpr const char* kHomeCountries[] = {"NL", "DE", "BE", "FR"};
constexpr const char* kFarMerchants[] = {"Gift Cards Online", "Lux Watches", "Crypto Kiosk",
                                         "Electro Mega"};
constexpr const char* kFarCountries[] = {"BR", "RU", "NG", "US", "VN"};

template <std::size_t N>
const char* pick(std::mt19937_64& rng, const char* const (&items)[N]) {
  return items[std::uniform_int_distribution<std::size_t>(0, N - 1)(rng)];
}
}  // namespace

CardAuthorizations::CardAuthorizations(std::uint64_t seed, Options options)
    : options_(options),
      rng_(seed),
      lastUseMs_(static_cast<std::size_t>(std::max(1, options.cards)), INT64_MIN / 2),
      stolen_(lastUseMs_.size(), false) {}

std::vector<FieldDescription> CardAuthorizations::fields() const {
  return {{"card_number", "STRING"}, {"amount", "DOUBLE"}, {"merchant", "STRING"},
          {"country", "STRING"},     {"status", "STRING"}, {"attempt_id", "BIGINT"}};
}

std::string CardAuthorizations::cardNumber(int index) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "4111-%04d-%04d-%04d", 1000 + (index * 37) % 9000,
                2000 + (index * 91) % 8000, index);
  return buf;
}

int CardAuthorizations::pickOrdinaryCard(std::int64_t nowMs) {
  const int cards = static_cast<int>(lastUseMs_.size());
  std::uniform_int_distribution<int> any(0, cards - 1);
  // A few random probes, then a scan: cheap when most cards are idle, correct when few are.
  for (int probe = 0; probe < 8; ++probe) {
    const int c = any(rng_);
    if (!stolen_[static_cast<std::size_t>(c)] &&
        nowMs - lastUseMs_[static_cast<std::size_t>(c)] >= options_.minGapPerCardMs)
      return c;
  }
  const int start = any(rng_);
  for (int i = 0; i < cards; ++i) {
    const int c = (start + i) % cards;
    if (!stolen_[static_cast<std::size_t>(c)] &&
        nowMs - lastUseMs_[static_cast<std::size_t>(c)] >= options_.minGapPerCardMs)
      return c;
  }
  return -1;
}

GeneratedRecord CardAuthorizations::next(std::int64_t nowMs) {
  if (!burst_.empty() && burst_.front().dueMs <= nowMs) {
    const PendingAttempt attempt = burst_.front();
    burst_.pop_front();
    return make(attempt.card, nowMs, true);
  }
  if (burst_.empty() && std::bernoulli_distribution(options_.burstProbability)(rng_)) {
    const int card = pickOrdinaryCard(nowMs);
    if (card >= 0) {
      stolen_[static_cast<std::size_t>(card)] = true;
      const int attempts = std::uniform_int_distribution<int>(options_.minBurstAttempts,
                                                              options_.maxBurstAttempts)(rng_);
      bursts_.push_back({cardNumber(card), nowMs, attempts});
      // The first attempt now, the rest spread over the burst's span.
      const std::int64_t step = options_.burstSpreadMs / std::max(1, attempts);
      for (int i = 1; i < attempts; ++i)
        burst_.push_back({card, nowMs + step * i});
      return make(card, nowMs, true);
    }
  }
  const int card = pickOrdinaryCard(nowMs);
  if (card < 0) {
    // Every card is resting: the stream is denser than the card pool allows. Reuse the one
    // rested longest rather than stall (documented: keep cards x 1/minGap above the rate).
    const auto it = std::min_element(lastUseMs_.begin(), lastUseMs_.end());
    return make(static_cast<int>(it - lastUseMs_.begin()), nowMs, false);
  }
  return make(card, nowMs, false);
}

GeneratedRecord CardAuthorizations::make(int card, std::int64_t timestampMs, bool fraudulent) {
  lastUseMs_[static_cast<std::size_t>(card)] = timestampMs;
  const std::string number = cardNumber(card);
  double amount = fraudulent ? std::uniform_real_distribution<double>(250, 2500)(rng_)
                             : std::lognormal_distribution<double>(3.0, 0.8)(rng_);
  amount = static_cast<double>(static_cast<std::int64_t>(amount * 100)) / 100;
  const bool declined =
      fraudulent ? std::bernoulli_distribution(0.7)(rng_) : std::bernoulli_distribution(0.03)(rng_);
  JsonWriter json;
  json.beginObject()
      .key("card_number")
      .value(number)
      .key("amount")
      .value(amount)
      .key("merchant")
      .value(fraudulent ? pick(rng_, kFarMerchants) : pick(rng_, kMerchants))
      .key("country")
      .value(fraudulent ? pick(rng_, kFarCountries) : pick(rng_, kHomeCountries))
      .key("status")
      .value(declined ? "DECLINED" : "APPROVED")
      .key("attempt_id")
      .value(++attemptId_)
      .endObject();
  return {number, json.take(), timestampMs};
}

}  // namespace runnel::datagen
