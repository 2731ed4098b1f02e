// Status: the outcome of a fallible engine call — OK, or an error code with a message.
// Errors are values: no exception crosses a module boundary. A Status is a small value type,
// cheap to copy when OK (no allocation); safe to pass between threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace runnel {

class Status {
 public:
  enum class Code : unsigned char {
    kOk = 0,
    kNotFound,
    kCorruption,
    kInvalidArgument,
    kIoError,
    kNotSupported,
    kAlreadyExists,
    kOutOfRange,
    kUnavailable,  // a broker, leader or peer is not reachable right now; retrying may help
    kTimedOut,
    kAborted,            // cancelled or fenced (e.g. a stale leader epoch)
    kResourceExhausted,  // disk full, queue full, quota
    kInternal,
  };

  Status() = default;

  static Status ok() { return Status(); }
  static Status notFound(std::string_view msg) { return Status(Code::kNotFound, msg); }
  static Status corruption(std::string_view msg) { return Status(Code::kCorruption, msg); }
  static Status invalidArgument(std::string_view msg) {
    return Status(Code::kInvalidArgument, msg);
  }
  static Status ioError(std::string_view msg) { return Status(Code::kIoError, msg); }
  static Status notSupported(std::string_view msg) { return Status(Code::kNotSupported, msg); }
  static Status alreadyExists(std::string_view msg) { return Status(Code::kAlreadyExists, msg); }
  static Status outOfRange(std::string_view msg) { return Status(Code::kOutOfRange, msg); }
  static Status unavailable(std::string_view msg) { return Status(Code::kUnavailable, msg); }
  static Status timedOut(std::string_view msg) { return Status(Code::kTimedOut, msg); }
  static Status aborted(std::string_view msg) { return Status(Code::kAborted, msg); }
  static Status resourceExhausted(std::string_view msg) {
    return Status(Code::kResourceExhausted, msg);
  }
  static Status internal(std::string_view msg) { return Status(Code::kInternal, msg); }

  bool isOk() const { return state_ == nullptr; }
  bool isNotFound() const { return code() == Code::kNotFound; }
  bool isCorruption() const { return code() == Code::kCorruption; }
  bool isInvalidArgument() const { return code() == Code::kInvalidArgument; }
  bool isIoError() const { return code() == Code::kIoError; }
  bool isNotSupported() const { return code() == Code::kNotSupported; }
  bool isAlreadyExists() const { return code() == Code::kAlreadyExists; }
  bool isOutOfRange() const { return code() == Code::kOutOfRange; }
  bool isUnavailable() const { return code() == Code::kUnavailable; }
  bool isTimedOut() const { return code() == Code::kTimedOut; }
  bool isAborted() const { return code() == Code::kAborted; }
  bool isResourceExhausted() const { return code() == Code::kResourceExhausted; }
  bool isInternal() const { return code() == Code::kInternal; }

  Code code() const { return state_ ? state_->code : Code::kOk; }
  // The message alone, without the code's name.
  const std::string& message() const;
  // "Corruption: bad CRC in segment 00000000000000000042.log at byte 4096".
  std::string toString() const;

  // Returns a copy whose message is prefixed with context ("opening partition orders-3: ...").
  Status withContext(std::string_view context) const;

  static std::string_view codeName(Code code);

 private:
  struct State {
    Code code;
    std::string message;
  };
  Status(Code code, std::string_view msg);

  // Shared and immutable: copying a Status never copies the message.
  std::shared_ptr<const State> state_;
};

}  // namespace runnel

// Returns early from the enclosing function when `expr` yields an error Status.
#define RUNNEL_RETURN_IF_ERROR(expr)                   \
  do {                                                 \
    ::runnel::Status runnel_status_ = (expr);          \
    if (!runnel_status_.isOk()) return runnel_status_; \
  } while (false)
