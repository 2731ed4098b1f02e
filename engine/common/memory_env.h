// MemoryEnv: a whole file system held in memory, for fast tests that never touch the disk.
// Behaves like POSIX where the engine relies on it: a file lives in an existing directory,
// open handles keep reading and writing a file after it is deleted or renamed, rename replaces.
// Thread-safe; the Env must outlive the files it hands out only for bookkeeping — file contents
// are shared with the handles.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>

#include "engine/common/env.h"
#include "engine/common/thread_annotations.h"

namespace runnel {

class MemoryEnv final : public Env {
 public:
  MemoryEnv();
  ~MemoryEnv() override;

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

  struct FileData;

 private:
  Result<std::unique_ptr<WritableFile>> openWritable(const std::string& path, bool truncate);
  bool parentExists(const std::string& path) const REQUIRES(mu_);

  mutable Mutex mu_;
  std::map<std::string, std::shared_ptr<FileData>> files_ GUARDED_BY(mu_);
  std::set<std::string> dirs_ GUARDED_BY(mu_);
};

}  // namespace runnel
