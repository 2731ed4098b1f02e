#include "engine/kafka/server/poller.h"

#include <cerrno>
#include <cstring>
#include <string>
#include <unordered_map>

#if defined(__linux__)
#include <sys/epoll.h>
#include <unistd.h>
#else
#include <poll.h>
#endif

namespace runnel::kafka {
namespace {

Status osError(const char* what) {
  return Status::ioError(std::string(what) + ": " + std::strerror(errno));
}

#if defined(__linux__)
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
  Status add(int fd, bool wantRead, bool wantWrite) override {
    interest_[fd] = {wantRead, wantWrite};
    return Status::ok();
  }
  Status modify(int fd, bool wantRead, bool wantWrite) override {
    return add(fd, wantRead, wantWrite);
  }
  void remove(int fd) override { interest_.erase(fd); }
  Status wait(int timeoutMs, std::vector<PollEvent>& out) override {
    out.clear();
    std::vector<pollfd> fds;
    fds.reserve(interest_.size());
    for (const auto& [fd, want] : interest_) {
      fds.push_back(
          {fd, static_cast<short>((want.first ? POLLIN : 0) | (want.second ? POLLOUT : 0)), 0});
    }
    const int n = ::poll(fds.data(), static_cast<nfds_t>(fds.size()), timeoutMs);
    if (n < 0) return errno == EINTR ? Status::ok() : osError("poll");
    for (const pollfd& p : fds) {
      if (p.revents == 0) continue;
      out.push_back({p.fd, (p.revents & POLLIN) != 0, (p.revents & POLLOUT) != 0,
                     (p.revents & (POLLERR | POLLHUP | POLLNVAL)) != 0});
    }
    return Status::ok();
  }

 private:
  std::unordered_map<int, std::pair<bool, bool> > interest_;
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
