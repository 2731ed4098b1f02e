// ApiError: what a broker or the controller answers when a request fails — a Kafka error code
// (engine/common/error_code.h, the vocabulary every response carries) plus a sentence for people.
// kNone means success. A plain value; copy it freely.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>

#include "engine/common/error_code.h"

namespace runnel::cluster {

using kafka::ErrorCode;

struct ApiError {
  ErrorCode code = ErrorCode::kNone;
  std::string message;

  ApiError() = default;
  ApiError(ErrorCode c, std::string m = {}) : code(c), message(std::move(m)) {}  // NOLINT

  static ApiError none() { return {}; }
  bool ok() const { return code == ErrorCode::kNone; }
  // "NOT_ENOUGH_REPLICAS: ISR {1} is smaller than min.insync.replicas=2".
  std::string toString() const;
};

// A value, or the ApiError saying why there is none (Result<T> with a Kafka error).
template <typename T>
class [[nodiscard]] ApiResult {
 public:
  ApiResult(T value) : value_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  ApiResult(ApiError error) : error_(std::move(error)) {  // NOLINT(google-explicit-constructor)
    assert(!error_.ok() && "an ApiResult built from an error must carry one");
  }
  bool ok() const { return value_.has_value(); }
  const ApiError& error() const { return error_; }
  T& value() & {
    assert(ok());
    return *value_;
  }
  const T& value() const& {
    assert(ok());
    return *value_;
  }
  T&& value() && {
    assert(ok());
    return std::move(*value_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::optional<T> value_;
  ApiError error_;
};

}  // namespace runnel::cluster
