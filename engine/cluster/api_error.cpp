#include "engine/cluster/api_error.h"

namespace runnel::cluster {

std::string ApiError::toString() const {
  std::string out(kafka::errorCodeName(code));
  if (!message.empty()) out += ": " + message;
  return out;
}

}  // namespace runnel::cluster
