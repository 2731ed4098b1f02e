// FaultInjectionEnv wraps another Env and breaks it on request, for failure tests:
//  - a full disk: after a byte budget is used up, appends write what still fits and fail with
//    "No space left on device" (a short write, as a real disk gives);
//  - an unwritable directory: creating, deleting or renaming entries in it fails with
//    "Permission denied" (already open files stay writable, as with chmod on Linux);
//  - a crash: simulateCrash() drops every byte not yet synced and every file created since its
//    directory was last synced, as a power cut would (after LevelDB's fault_injection_test).
// Thread-safe. The base Env must outlive this one; this one must outlive its open files.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "engine/common/env.h"
#include "engine/common/thread_annotations.h"

namespace runnel {

class FaultInjectionEnv final : public Env {
 public:
  explicit FaultInjectionEnv(Env* base);
  ~FaultInjectionEnv() override;

  // Allows `bytes` more bytes of appends in total, then fails; nullopt removes the limit.
  void setSpaceLimit(std::optional<std::uint64_t> bytes);
  void setDirWritable(const std::string& dir, bool writable);
  // Loses what a power cut would lose. Call it with no file of this Env open for writing.
  Status simulateCrash();

  std::uint64_t bytesAppended() const;
  std::uint64_t syncCount() const;

  Result<std::unique_ptr<WritableFile>> newWritableFile(const std::string& path) override;
  Result<std::unique_ptr<WritableFile>> newAppendableFile(const std::string& path) override;
  Result<std::unique_ptr<RandomAccessFile>> newRandomAccessFile(const std::string& path) override;
  bool fileExists(const std::string& path) override;
  Result<std::uint64_t> fileSize(const std::string& path) override;
  Result<std::vector<std::string>> listDir(const std::string& dir) override;
  Status deleteFile(const std::string& path) override;
  Status createDir(const std::string& dir) override;
  Status deleteDir(const std::string& dir) override;
  Status rename(const std::string& from, const std::string& to) override;
  Status truncateFile(const std::string& path, std::uint64_t size) override;
  Status syncDir(const std::string& dir) override;

 private:
  friend class FaultWritableFile;
  // What survives a crash of one file written through this Env.
  struct FileState {
    std::uint64_t syncedSize = 0;
    bool entryDurable = false;  // its directory was synced after it was created
  };

  Result<std::unique_ptr<WritableFile>> openWritable(const std::string& path, bool truncate);
  Status checkWritable(std::string_view op, const std::string& path) const;
  // Returns how many of `n` bytes still fit on the "disk" and takes them from the budget.
  std::uint64_t reserve(std::uint64_t n);
  void onSynced(const std::string& path, std::uint64_t size);
  void onTruncated(const std::string& path, std::uint64_t size);

  Env* const base_;
  mutable Mutex mu_;
  std::optional<std::uint64_t> spaceLeft_ GUARDED_BY(mu_);
  std::set<std::string> unwritableDirs_ GUARDED_BY(mu_);
  std::map<std::string, FileState> files_ GUARDED_BY(mu_);
  std::uint64_t bytesAppended_ GUARDED_BY(mu_) = 0;
  std::uint64_t syncCount_ GUARDED_BY(mu_) = 0;
};

}  // namespace runnel
