#include "engine/remote/connection_health.h"

namespace runnel::remote {

bool isConnectionError(rd_kafka_resp_err_t err) {
  switch (err) {
    case RD_KAFKA_RESP_ERR__TRANSPORT:
    case RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN:
    case RD_KAFKA_RESP_ERR__RESOLVE:
    case RD_KAFKA_RESP_ERR__TIMED_OUT:
    case RD_KAFKA_RESP_ERR__TIMED_OUT_QUEUE:
    case RD_KAFKA_RESP_ERR__AUTHENTICATION:
    case RD_KAFKA_RESP_ERR__SSL:
    case RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED:
    case RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT:
    case RD_KAFKA_RESP_ERR_NETWORK_EXCEPTION:
    case RD_KAFKA_RESP_ERR_BROKER_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_UNSUPPORTED_SASL_MECHANISM:
    case RD_KAFKA_RESP_ERR_ILLEGAL_SASL_STATE:
      return true;
    default:
      return false;
  }
}

namespace {
bool isAuthError(rd_kafka_resp_err_t err) {
  return err == RD_KAFKA_RESP_ERR__AUTHENTICATION ||
         err == RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED ||
         err == RD_KAFKA_RESP_ERR_UNSUPPORTED_SASL_MECHANISM ||
         err == RD_KAFKA_RESP_ERR_ILLEGAL_SASL_STATE || err == RD_KAFKA_RESP_ERR__SSL;
}
}  // namespace

void ConnectionHealth::onError(rd_kafka_resp_err_t err, std::string_view reason) {
  std::lock_guard<std::mutex> lock(mu_);
  if (err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN) allDown_ = true;
  // "All brokers down" follows the real cause (refused, auth): keep the cause.
  if (err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN && lastErr_ != RD_KAFKA_RESP_ERR_NO_ERROR) return;
  lastErr_ = err;
  lastReason_ = std::string(reason);
}

void ConnectionHealth::onSuccess() {
  std::lock_guard<std::mutex> lock(mu_);
  lastErr_ = RD_KAFKA_RESP_ERR_NO_ERROR;
  lastReason_.clear();
  allDown_ = false;
}

bool ConnectionHealth::allBrokersDown() const {
  std::lock_guard<std::mutex> lock(mu_);
  return allDown_;
}

std::string ConnectionHealth::lastProblem() const {
  std::lock_guard<std::mutex> lock(mu_);
  return lastReason_;
}

bool ConnectionHealth::authenticationFailed() const {
  std::lock_guard<std::mutex> lock(mu_);
  return isAuthError(lastErr_);
}

Status ConnectionHealth::failure(rd_kafka_resp_err_t err, std::string_view what,
                                 std::string_view detail) const {
  std::string cause = detail.empty() ? std::string(rd_kafka_err2str(err)) : std::string(detail);
  const std::string where = " on Kafka at " + bootstrap_;
  if (isConnectionError(err)) {
    rd_kafka_resp_err_t last;
    std::string reason;
    {
      std::lock_guard<std::mutex> lock(mu_);
      last = lastErr_;
      reason = lastReason_;
    }
    if (isAuthError(err) || isAuthError(last)) {
      return Status::invalidArgument(
          std::string(what) + ": authentication to Kafka at " + bootstrap_ +
          " failed: " + (isAuthError(last) && !reason.empty() ? reason : cause));
    }
    std::string msg = std::string(what) + ": cannot reach Kafka at " + bootstrap_ + ": ";
    msg += reason.empty() ? cause : reason + " (" + cause + ")";
    return Status::unavailable(msg);
  }
  const std::string msg = std::string(what) + where + ": " + cause;
  switch (err) {
    case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
    case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC:
    case RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
    case RD_KAFKA_RESP_ERR_GROUP_ID_NOT_FOUND:
    case RD_KAFKA_RESP_ERR__NOENT:
      return Status::notFound(msg);
    case RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS:
      return Status::alreadyExists(msg);
    case RD_KAFKA_RESP_ERR_INVALID_PARTITIONS:
    case RD_KAFKA_RESP_ERR_INVALID_REPLICATION_FACTOR:
    case RD_KAFKA_RESP_ERR_INVALID_REPLICA_ASSIGNMENT:
    case RD_KAFKA_RESP_ERR_INVALID_CONFIG:
    case RD_KAFKA_RESP_ERR_INVALID_REQUEST:
    case RD_KAFKA_RESP_ERR_POLICY_VIOLATION:
    case RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION:
    case RD_KAFKA_RESP_ERR__INVALID_ARG:
    case RD_KAFKA_RESP_ERR_NON_EMPTY_GROUP:
    case RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID:
    case RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE:
      return Status::invalidArgument(msg);
    case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED:
      return Status::invalidArgument(std::string(what) + ": not authorized" + where + ": " + cause);
    case RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE:
    case RD_KAFKA_RESP_ERR__PARTITION_EOF:
      return Status::outOfRange(msg);
    case RD_KAFKA_RESP_ERR__QUEUE_FULL:
      return Status::resourceExhausted(msg);
    case RD_KAFKA_RESP_ERR__NOT_IMPLEMENTED:
    case RD_KAFKA_RESP_ERR_UNSUPPORTED_VERSION:
      return Status::notSupported(msg);
    case RD_KAFKA_RESP_ERR__DESTROY:
    case RD_KAFKA_RESP_ERR__FENCED:
    case RD_KAFKA_RESP_ERR__STATE:
      return Status::aborted(msg);
    case RD_KAFKA_RESP_ERR__FATAL:
      return Status::internal(msg);
    default:
      return Status::unavailable(msg);
  }
}

}  // namespace runnel::remote
