#include "engine/kafka/server/poller.h"

#include <cerrno>
#include <cstring>
#include <string>
#include <unordered_map>

#if defined(__linux__)
#include <sys/epoll.h>
#include <unistd.h>
#endif

namespace runnel::kafka {
namespace {

#if defined(__linux__)
Status osError(const char* what) {
  return Status::ioError(std::string(what) + ": " + std::strerror(errno));
}

class EpollPoller final : public Poller {
 public:
  EpollPoller() : epfd_(epoll_create1(EPOLL_CLOEXEC)) {}
  ~EpollPoller() override {
    if (epfd_ >= 0) close(epfd_);
  }
  Status add(int fd, bool wantRead, bool wantWrite) override {
    return control(EPOLL_CTL_ADD, fd, wantRead, wantWrite);
  }
  Status modify(int fd, bool wantRead, bool wantWrite) override {
    return control(EPOLL_CTL_MOD, fd, wantRead, wantWrite);
  }
  void remove(int fd) override { epoll_ctl(epfd_, EPOLL_CTL_DEL, fd, nullptr); }
  Status wait(int timeoutMs, std::vector<PollEvent>& out) override {
    out.clear();
    epoll_event events[256];
    const int n = epoll_wait(epfd_, events, 256, timeoutMs);
    if (n < 0) return errno == EINTR ? Status::ok() : osError("epoll_wait");
    for (int i = 0; i < n; ++i) {
      const auto e = events[i].events;
      out.push_back({events[i].data.fd, (e & EPOLLIN) != 0, (e & EPOLLOUT) != 0,
                     (e & (EPOLLERR | EPOLLHUP)) != 0});
    }
    return Status::ok();
  }

 private:
  Status control(int op, int fd, bool wantRead, bool wantWrite) {
    if (epfd_ < 0) return Status::ioError("epoll is not available");
    epoll_event ev{};
    ev.events = (wantRead ? EPOLLIN : 0u) | (wantWrite ? EPOLLOUT : 0u) | EPOLLRDHUP;
    ev.data.fd = fd;
    return epoll_ctl(epfd_, op, fd, &ev) == 0 ? Status::ok() : osError("epoll_ctl");
  }
  int epfd_;
};
#else
class PollPoller final : public Poller {
 public:
  Status add(SocketHandle fd, bool wantRead, bool wantWrite) override {
    interest_[fd] = {wantRead, wantWrite};
    return Status::ok();
  }
  Status modify(SocketHandle fd, bool wantRead, bool wantWrite) override {
    return add(fd, wantRead, wantWrite);
  }
  void remove(SocketHandle fd) override { interest_.erase(fd); }
  Status wait(int timeoutMs, std::vector<PollEvent>& out) override {
    out.clear();
    entries_.clear();
    for (const auto& [fd, want] : interest_) {
      SocketPollEntry e;
      e.handle = fd;
      e.wantRead = want.first;
      e.wantWrite = want.second;
      entries_.push_back(e);
    }
    RUNNEL_RETURN_IF_ERROR(pollSockets(entries_, timeoutMs));
    for (const SocketPollEntry& e : entries_) {
      if (e.readable || e.writable || e.hangup)
        out.push_back({e.handle, e.readable, e.writable, e.hangup});
    }
    return Status::ok();
  }

 private:
  std::unordered_map<SocketHandle, std::pair<bool, bool> > interest_;
  std::vector<SocketPollEntry> entries_;  // reused between waits
};
#endif

}  // namespace

std::unique_ptr<Poller> Poller::create() {
#if defined(__linux__)
  return std::make_unique<EpollPoller>();
#else
  return std::make_unique<PollPoller>();
#endif
}

}  // namespace runnel::kafka
