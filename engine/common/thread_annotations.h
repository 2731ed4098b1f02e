// Clang thread-safety annotations (GUARDED_BY, REQUIRES, ...) and a Mutex/MutexLock pair that
// carries them, so "which lock guards what" is written down where it is checked by -Wthread-safety.
// On compilers without the analysis (gcc) the macros expand to nothing. Mutex is not copyable;
// MutexLock holds it for its scope.
#pragma once

#include <condition_variable>
#include <mutex>

#if defined(__clang__) && !defined(SWIG)
#define RUNNEL_THREAD_ANNOTATION_(x) __attribute__((x))
#else
#define RUNNEL_THREAD_ANNOTATION_(x)
#endif

#define CAPABILITY(x) RUNNEL_THREAD_ANNOTATION_(capability(x))
#define SCOPED_CAPABILITY RUNNEL_THREAD_ANNOTATION_(scoped_lockable)
#define GUARDED_BY(x) RUNNEL_THREAD_ANNOTATION_(guarded_by(x))
#define PT_GUARDED_BY(x) RUNNEL_THREAD_ANNOTATION_(pt_guarded_by(x))
#define ACQUIRED_BEFORE(...) RUNNEL_THREAD_ANNOTATION_(acquired_before(__VA_ARGS__))
#define ACQUIRED_AFTER(...) RUNNEL_THREAD_ANNOTATION_(acquired_after(__VA_ARGS__))
#define REQUIRES(...) RUNNEL_THREAD_ANNOTATION_(requires_capability(__VA_ARGS__))
#define REQUIRES_SHARED(...) RUNNEL_THREAD_ANNOTATION_(requires_shared_capability(__VA_ARGS__))
#define ACQUIRE(...) RUNNEL_THREAD_ANNOTATION_(acquire_capability(__VA_ARGS__))
#define RELEASE(...) RUNNEL_THREAD_ANNOTATION_(release_capability(__VA_ARGS__))
#define TRY_ACQUIRE(...) RUNNEL_THREAD_ANNOTATION_(try_acquire_capability(__VA_ARGS__))
#define EXCLUDES(...) RUNNEL_THREAD_ANNOTATION_(locks_excluded(__VA_ARGS__))
#define ASSERT_CAPABILITY(x) RUNNEL_THREAD_ANNOTATION_(assert_capability(x))
#define RETURN_CAPABILITY(x) RUNNEL_THREAD_ANNOTATION_(lock_returned(x))
#define NO_THREAD_SAFETY_ANALYSIS RUNNEL_THREAD_ANNOTATION_(no_thread_safety_analysis)

namespace runnel {

class CAPABILITY("mutex") Mutex {
 public:
  Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void lock() ACQUIRE() { mu_.lock(); }
  void unlock() RELEASE() { mu_.unlock(); }
  bool tryLock() TRY_ACQUIRE(true) { return mu_.try_lock(); }
  // Tells the analysis the caller holds the lock (no run-time check).
  void assertHeld() const ASSERT_CAPABILITY(this) {}

 private:
  friend class CondVar;
  std::mutex mu_;
};

class SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex& mu) ACQUIRE(mu) : mu_(mu) { mu_.lock(); }
  ~MutexLock() RELEASE() { mu_.unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex& mu_;
};

// A condition variable used with a Mutex; wait() must be called with that mutex held and
// returns with it held again (possibly spuriously early: callers loop on their condition).
class CondVar {
 public:
  void wait(Mutex& mu) REQUIRES(mu) {
    std::unique_lock<std::mutex> lock(mu.mu_, std::adopt_lock);
    cv_.wait(lock);
    lock.release();
  }
  template <typename Duration>
  void waitFor(Mutex& mu, Duration d) REQUIRES(mu) {
    std::unique_lock<std::mutex> lock(mu.mu_, std::adopt_lock);
    cv_.wait_for(lock, d);
    lock.release();
  }
  void signal() { cv_.notify_one(); }
  void signalAll() { cv_.notify_all(); }

 private:
  std::condition_variable cv_;
};

}  // namespace runnel
