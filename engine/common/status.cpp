#include "engine/common/status.h"

namespace runnel {

Status::Status(Code code, std::string_view msg)
    : state_(std::make_shared<const State>(State{code, std::string(msg)})) {}

const std::string& Status::message() const {
  static const std::string kEmpty;
  return state_ ? state_->message : kEmpty;
}

std::string_view Status::codeName(Code code) {
  switch (code) {
    case Code::kOk:
      return "OK";
    case Code::kNotFound:
      return "Not found";
    case Code::kCorruption:
      return "Corruption";
    case Code::kInvalidArgument:
      return "Invalid argument";
    case Code::kIoError:
      return "I/O error";
    case Code::kNotSupported:
      return "Not supported";
    case Code::kAlreadyExists:
      return "Already exists";
    case Code::kOutOfRange:
      return "Out of range";
    case Code::kUnavailable:
      return "Unavailable";
    case Code::kTimedOut:
      return "Timed out";
    case Code::kAborted:
      return "Aborted";
    case Code::kResourceExhausted:
      return "Resource exhausted";
    case Code::kInternal:
      return "Internal error";
  }
  return "Unknown";
}

std::string Status::toString() const {
  if (isOk()) return "OK";
  std::string out(codeName(code()));
  if (!state_->message.empty()) {
    out += ": ";
    out += state_->message;
  }
  return out;
}

Status Status::withContext(std::string_view context) const {
  if (isOk()) return *this;
  std::string msg(context);
  msg += ": ";
  msg += state_->message;
  return Status(code(), msg);
}

}  // namespace runnel
