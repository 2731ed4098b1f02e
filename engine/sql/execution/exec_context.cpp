#include "engine/sql/execution/exec_context.h"

namespace runnel::sql {

void ExecContext::reportError(std::string message) {
  MutexLock lock(mu_);
  errors_.push_back(std::move(message));
  while (errors_.size() > kMaxErrors)
    errors_.pop_front();
}

std::vector<std::string> ExecContext::errors() const {
  MutexLock lock(mu_);
  return {errors_.begin(), errors_.end()};
}

}  // namespace runnel::sql
