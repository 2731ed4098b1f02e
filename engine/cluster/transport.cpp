#include "engine/cluster/transport.h"

#include <algorithm>
#include <cmath>

namespace runnel::cluster {
namespace {

std::string describe(int from, int to, bool bothWays, bool cut, std::int64_t delayMs,
                     double dropRate) {
  std::string d = "link " + std::to_string(from) + (bothWays ? " ↔ " : " → ") + std::to_string(to);
  if (cut) return d + " cut";
  std::string parts;
  if (delayMs > 0) parts += std::to_string(delayMs) + " ms delay";
  if (dropRate > 0) {
    if (!parts.empty()) parts += ", ";
    parts += std::to_string(static_cast<int>(std::lround(dropRate * 100))) + "% dropped";
  }
  return d + ": " + parts;
}

}  // namespace

Transport::Transport(Clock& clock, std::uint64_t seed) : timer_(clock, "transport"), rng_(seed) {}

Transport::~Transport() {
  stop();
}

void Transport::stop() {
  timer_.stop();
}

void Transport::registerEndpoint(int brokerId, TransportEndpoint* endpoint) {
  MutexLock lock(mu_);
  endpoints_[brokerId] = endpoint;
}

void Transport::unregisterEndpoint(int brokerId) {
  MutexLock lock(mu_);
  endpoints_.erase(brokerId);
}

Transport::Hop Transport::travel(int from, int to) {
  Hop hop;
  if (isolated_.count(from) || isolated_.count(to)) {
    hop.lost = true;
    hop.why = "broker " + std::to_string(isolated_.count(from) ? from : to) + " is isolated";
    return hop;
  }
  auto it = links_.find({from, to});
  if (it == links_.end()) return hop;
  const Link& link = it->second;
  hop.delayMs = link.delayMs;
  if (link.cut) {
    hop.lost = true;
    hop.why = "link " + std::to_string(from) + " → " + std::to_string(to) + " is cut";
  } else if (link.dropRate > 0 &&
             std::uniform_real_distribution<double>(0, 1)(rng_) < link.dropRate) {
    hop.lost = true;
    hop.why = "message dropped on link " + std::to_string(from) + " → " + std::to_string(to);
  }
  return hop;
}

void Transport::replicaFetch(int from, int to, FetchRequest request, FetchCallback done) {
  Hop hop;
  {
    MutexLock lock(mu_);
    ++sent_;
    hop = travel(from, to);
    if (hop.lost) ++lost_;
  }
  if (hop.lost) {
    FetchResponse lostResponse{{ErrorCode::kNetworkException, hop.why}, {}};
    // The sender learns of the loss after the link's delay, as it would from a timeout.
    auto fail = [done = std::move(done), r = std::move(lostResponse)]() mutable {
      done(std::move(r));
    };
    if (hop.delayMs > 0) {
      timer_.schedule(hop.delayMs, std::move(fail));
    } else {
      fail();
    }
    return;
  }
  if (hop.delayMs > 0) {
    timer_.schedule(hop.delayMs, [this, from, to, request = std::move(request),
                                  done = std::move(done)]() mutable {
      deliverRequest(from, to, std::move(request), std::move(done));
    });
    return;
  }
  deliverRequest(from, to, std::move(request), std::move(done));
}

void Transport::deliverRequest(int from, int to, FetchRequest request, FetchCallback done) {
  TransportEndpoint* endpoint = nullptr;
  {
    MutexLock lock(mu_);
    auto it = endpoints_.find(to);
    if (it != endpoints_.end()) endpoint = it->second;
  }
  if (endpoint == nullptr) {
    done(FetchResponse{
        {ErrorCode::kNetworkException, "broker " + std::to_string(to) + " is not reachable"}, {}});
    return;
  }
  endpoint->handleReplicaFetch(std::move(request),
                               [this, from, to, done = std::move(done)](FetchResponse r) mutable {
                                 deliverResponse(to, from, std::move(r), std::move(done));
                               });
}

void Transport::deliverResponse(int from, int to, FetchResponse response, FetchCallback done) {
  Hop hop;
  {
    MutexLock lock(mu_);
    hop = travel(from, to);
    if (hop.lost) ++lost_;
  }
  if (hop.lost) response = FetchResponse{{ErrorCode::kNetworkException, hop.why}, {}};
  if (hop.delayMs > 0) {
    timer_.schedule(hop.delayMs, [done = std::move(done), r = std::move(response)]() mutable {
      done(std::move(r));
    });
  } else {
    done(std::move(response));
  }
}

void Transport::editLink(int from, int to, LinkDirection direction,
                         const std::function<void(Link&)>& edit) {
  auto apply = [&](int a, int b) {
    Link& link = links_[{a, b}];
    edit(link);
    if (link.healthy()) links_.erase({a, b});
  };
  apply(from, to);
  if (direction == LinkDirection::kBoth) apply(to, from);
}

void Transport::setDelay(int from, int to, std::int64_t delayMs, LinkDirection direction) {
  MutexLock lock(mu_);
  editLink(from, to, direction, [&](Link& l) { l.delayMs = std::max<std::int64_t>(0, delayMs); });
}

void Transport::setDropRate(int from, int to, double rate, LinkDirection direction) {
  MutexLock lock(mu_);
  editLink(from, to, direction, [&](Link& l) { l.dropRate = std::clamp(rate, 0.0, 1.0); });
}

void Transport::cut(int from, int to, LinkDirection direction) {
  MutexLock lock(mu_);
  editLink(from, to, direction, [](Link& l) { l.cut = true; });
}

void Transport::heal(int from, int to, LinkDirection direction) {
  MutexLock lock(mu_);
  editLink(from, to, direction, [](Link& l) { l = Link(); });
}

void Transport::isolate(int brokerId) {
  MutexLock lock(mu_);
  isolated_.insert(brokerId);
}

void Transport::healAll() {
  MutexLock lock(mu_);
  links_.clear();
  isolated_.clear();
}

std::vector<LinkFault> Transport::activeFaults() const {
  MutexLock lock(mu_);
  std::vector<LinkFault> out;
  for (int id : isolated_) {
    LinkFault f;
    f.from = id;
    f.bothWays = true;
    f.cut = true;
    f.description = "broker " + std::to_string(id) + " isolated from every other broker";
    out.push_back(f);
  }
  for (const auto& [key, link] : links_) {
    const auto [from, to] = key;
    auto reverse = links_.find({to, from});
    const bool bothWays = reverse != links_.end() && reverse->second == link;
    if (bothWays && from > to) continue;  // listed once, from the lower id
    LinkFault f{from, to, bothWays, link.cut, link.delayMs, link.dropRate, {}};
    f.description = describe(from, to, bothWays, link.cut, link.delayMs, link.dropRate);
    out.push_back(std::move(f));
  }
  return out;
}

void Transport::setSeed(std::uint64_t seed) {
  MutexLock lock(mu_);
  rng_.seed(seed);
}

std::uint64_t Transport::requestsSent() const {
  MutexLock lock(mu_);
  return sent_;
}

std::uint64_t Transport::messagesLost() const {
  MutexLock lock(mu_);
  return lost_;
}

}  // namespace runnel::cluster
