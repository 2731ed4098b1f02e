#include "widgets/models/log_buffer.h"

namespace runnel::widgets {

void LogBuffer::push(LogLine line) {
  std::lock_guard lock(mutex_);
  line.sequence = next_++;
  pending_.push_back(std::move(line));
  if (pending_.size() > capacity_) {
    pending_.pop_front();
    ++dropped_;
  }
}

std::vector<LogLine> LogBuffer::takeNew(std::uint64_t* dropped) {
  std::lock_guard lock(mutex_);
  std::vector<LogLine> out(std::make_move_iterator(pending_.begin()),
                           std::make_move_iterator(pending_.end()));
  pending_.clear();
  if (dropped) *dropped = dropped_;
  dropped_ = 0;
  return out;
}

void LogBufferSink::sink_it_(const spdlog::details::log_msg& msg) {
  LogLine line;
  line.time = msg.time;
  line.level = static_cast<int>(msg.level);
  line.message.assign(msg.payload.data(), msg.payload.size());
  buffer_->push(std::move(line));
}

}  // namespace runnel::widgets
