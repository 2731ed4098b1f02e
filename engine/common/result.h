// Result<T>: a value of type T, or the Status explaining why there is none.
// The engine's fallible calls that produce something return it instead of throwing.
// Thread-safety: as for T; a Result is a plain value.
#pragma once

#include <cassert>
#include <optional>
#include <utility>

#include "engine/common/status.h"

namespace runnel {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : status_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!status_.isOk() && "a Result built from a Status must carry an error");
  }

  bool isOk() const { return value_.has_value(); }
  explicit operator bool() const { return isOk(); }
  const Status& status() const { return status_; }

  T& value() & {
    assert(isOk());
    return *value_;
  }
  const T& value() const& {
    assert(isOk());
    return *value_;
  }
  T&& value() && {
    assert(isOk());
    return std::move(*value_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  T valueOr(T fallback) const& { return isOk() ? *value_ : std::move(fallback); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace runnel

// Evaluates `expr` (a Result); returns its Status from the enclosing function on error,
// otherwise moves the value into `lhs`.
#define RUNNEL_ASSIGN_OR_RETURN(lhs, expr) \
  RUNNEL_ASSIGN_OR_RETURN_IMPL_(RUNNEL_CONCAT_(runnel_result_, __LINE__), lhs, expr)
#define RUNNEL_CONCAT_INNER_(a, b) a##b
#define RUNNEL_CONCAT_(a, b) RUNNEL_CONCAT_INNER_(a, b)
#define RUNNEL_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.isOk()) return tmp.status();               \
  lhs = std::move(tmp).value()
