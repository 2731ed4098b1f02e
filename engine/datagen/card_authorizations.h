// CardAuthorizations: card payment attempts for the fraud-detection demo. Ordinary cards are used
// at most once every two minutes of event time, so no ordinary card ever makes more than three
// attempts in a 5-minute window; now and then a stolen card bursts — several attempts within a
// minute, mostly declined, from far-away merchants. The bursts are recorded, so a test knows
// exactly which (card, window) pairs the possible_fraud query must report.
// Key: card_number. Value: {"card_number","amount","merchant","country","status","attempt_id"}.
// Not thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <random>
#include <unordered_map>
#include <vector>

#include "engine/datagen/event_source.h"

namespace runnel::datagen {

struct FraudBurst {
  std::string cardNumber;
  std::int64_t firstAttemptMs = 0;
  int attempts = 0;
};

class CardAuthorizations final : public EventSource {
 public:
  struct Options {
    int cards = 400;
    // Chance that a record starts a new burst (when no burst is under way).
    double burstProbability = 0.01;
    int minBurstAttempts = 5;
    int maxBurstAttempts = 9;
    std::int64_t burstSpreadMs = 60'000;     // a burst's attempts fall within this span
    std::int64_t minGapPerCardMs = 120'000;  // ordinary use of one card
  };

  explicit CardAuthorizations(std::uint64_t seed) : CardAuthorizations(seed, Options{}) {}
  CardAuthorizations(std::uint64_t seed, Options options);

  std::string name() const override { return "card-authorizations"; }
  std::string defaultTopic() const override { return "authorization_attempts"; }
  std::vector<FieldDescription> fields() const override;
  GeneratedRecord next(std::int64_t nowMs) override;

  // Every burst started so far, in order.
  const std::vector<FraudBurst>& bursts() const { return bursts_; }
  static std::string cardNumber(int index);

 private:
  struct PendingAttempt {
    int card;
    std::int64_t dueMs;
  };
  GeneratedRecord make(int card, std::int64_t timestampMs, bool fraudulent);
  int pickOrdinaryCard(std::int64_t nowMs);

  Options options_;
  std::mt19937_64 rng_;
  std::vector<std::int64_t> lastUseMs_;
  std::vector<bool> stolen_;  // a card that burst once is never used ordinarily again
  std::deque<PendingAttempt> burst_;
  std::vector<FraudBurst> bursts_;
  std::int64_t attemptId_ = 0;
};

}  // namespace runnel::datagen
