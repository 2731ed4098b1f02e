#include "engine/common/fault_injection_env.h"

#include <cerrno>

namespace runnel {

class FaultWritableFile final : public WritableFile {
 public:
  FaultWritableFile(FaultInjectionEnv* env, std::unique_ptr<WritableFile> base)
      : env_(env), base_(std::move(base)) {}

  Status append(ByteView data) override {
    const std::uint64_t fits = env_->reserve(data.size());
    if (fits < data.size()) {
      if (fits > 0) RUNNEL_RETURN_IF_ERROR(base_->append(data.first(fits)));
      // A real short write reaches the file at once, so make the partial bytes visible too.
      base_->flush();
      return posixError("write", path(), ENOSPC);
    }
    return base_->append(data);
  }
  Status flush() override { return base_->flush(); }
  Status sync() override {
    RUNNEL_RETURN_IF_ERROR(base_->sync());
    env_->onSynced(path(), base_->size());
    return Status::ok();
  }
  Status close() override { return base_->close(); }
  Status truncate(std::uint64_t size) override {
    RUNNEL_RETURN_IF_ERROR(base_->truncate(size));
    env_->onTruncated(path(), size);
    return Status::ok();
  }
  std::uint64_t size() const override { return base_->size(); }
  const std::string& path() const override { return base_->path(); }

 private:
  FaultInjectionEnv* env_;
  std::unique_ptr<WritableFile> base_;
};

FaultInjectionEnv::FaultInjectionEnv(Env* base) : base_(base) {}
FaultInjectionEnv::~FaultInjectionEnv() = default;

void FaultInjectionEnv::setSpaceLimit(std::optional<std::uint64_t> bytes) {
  MutexLock lock(mu_);
  spaceLeft_ = bytes;
}

void FaultInjectionEnv::setDirWritable(const std::string& dir, bool writable) {
  MutexLock lock(mu_);
  if (writable) {
    unwritableDirs_.erase(dir);
  } else {
    unwritableDirs_.insert(dir);
  }
}

std::uint64_t FaultInjectionEnv::bytesAppended() const {
  MutexLock lock(mu_);
  return bytesAppended_;
}

std::uint64_t FaultInjectionEnv::syncCount() const {
  MutexLock lock(mu_);
  return syncCount_;
}

std::uint64_t FaultInjectionEnv::reserve(std::uint64_t n) {
  MutexLock lock(mu_);
  std::uint64_t fits = n;
  if (spaceLeft_) {
    fits = std::min(n, *spaceLeft_);
    *spaceLeft_ -= fits;
  }
  bytesAppended_ += fits;
  return fits;
}

void FaultInjectionEnv::onSynced(const std::string& path, std::uint64_t size) {
  MutexLock lock(mu_);
  ++syncCount_;
  auto it = files_.find(path);
  if (it != files_.end()) it->second.syncedSize = size;
}

void FaultInjectionEnv::onTruncated(const std::string& path, std::uint64_t size) {
  MutexLock lock(mu_);
  auto it = files_.find(path);
  if (it != files_.end() && it->second.syncedSize > size) it->second.syncedSize = size;
}

Status FaultInjectionEnv::checkWritable(std::string_view op, const std::string& path) const {
  MutexLock lock(mu_);
  if (unwritableDirs_.count(parentDir(path))) return posixError(op, path, EACCES);
  return Status::ok();
}

Result<std::unique_ptr<WritableFile>> FaultInjectionEnv::openWritable(const std::string& path,
                                                                      bool truncate) {
  const bool existed = base_->fileExists(path);
  if (!existed) RUNNEL_RETURN_IF_ERROR(checkWritable("open", path));
  auto file = truncate ? base_->newWritableFile(path) : base_->newAppendableFile(path);
  if (!file.isOk()) return file.status();
  {
    MutexLock lock(mu_);
    auto [it, inserted] = files_.try_emplace(path);
    if (inserted) {
      // A file that existed before we started watching it is as durable as it is now.
      it->second.entryDurable = existed;
      it->second.syncedSize = existed ? (*file)->size() : 0;
    }
    if (truncate) it->second.syncedSize = 0;
  }
  return std::unique_ptr<WritableFile>(new FaultWritableFile(this, std::move(file).value()));
}

Result<std::unique_ptr<WritableFile>> FaultInjectionEnv::newWritableFile(const std::string& path) {
  return openWritable(path, true);
}

Result<std::unique_ptr<WritableFile>> FaultInjectionEnv::newAppendableFile(
    const std::string& path) {
  return openWritable(path, false);
}

Result<std::unique_ptr<RandomAccessFile>> FaultInjectionEnv::newRandomAccessFile(
    const std::string& path) {
  return base_->newRandomAccessFile(path);
}

bool FaultInjectionEnv::fileExists(const std::string& path) {
  return base_->fileExists(path);
}

Result<std::uint64_t> FaultInjectionEnv::fileSize(const std::string& path) {
  return base_->fileSize(path);
}

Result<std::vector<std::string>> FaultInjectionEnv::listDir(const std::string& dir) {
  return base_->listDir(dir);
}

Status FaultInjectionEnv::deleteFile(const std::string& path) {
  RUNNEL_RETURN_IF_ERROR(checkWritable("delete", path));
  RUNNEL_RETURN_IF_ERROR(base_->deleteFile(path));
  MutexLock lock(mu_);
  files_.erase(path);
  return Status::ok();
}

Status FaultInjectionEnv::createDir(const std::string& dir) {
  if (!base_->fileExists(dir)) RUNNEL_RETURN_IF_ERROR(checkWritable("create directory", dir));
  return base_->createDir(dir);
}

Status FaultInjectionEnv::deleteDir(const std::string& dir) {
  RUNNEL_RETURN_IF_ERROR(checkWritable("delete directory", dir));
  return base_->deleteDir(dir);
}

Status FaultInjectionEnv::rename(const std::string& from, const std::string& to) {
  RUNNEL_RETURN_IF_ERROR(checkWritable("rename", from));
  RUNNEL_RETURN_IF_ERROR(checkWritable("rename", to));
  RUNNEL_RETURN_IF_ERROR(base_->rename(from, to));
  MutexLock lock(mu_);
  auto it = files_.find(from);
  if (it != files_.end()) {
    const FileState state = it->second;
    files_.erase(it);
    files_[to] = state;
  } else {
    files_.erase(to);  // replaced by a file we never wrote: it is as durable as it is
  }
  return Status::ok();
}

Status FaultInjectionEnv::truncateFile(const std::string& path, std::uint64_t size) {
  RUNNEL_RETURN_IF_ERROR(base_->truncateFile(path, size));
  onTruncated(path, size);
  return Status::ok();
}

Status FaultInjectionEnv::syncDir(const std::string& dir) {
  RUNNEL_RETURN_IF_ERROR(base_->syncDir(dir));
  MutexLock lock(mu_);
  for (auto& [path, state] : files_) {
    if (parentDir(path) == dir) state.entryDurable = true;
  }
  return Status::ok();
}

Status FaultInjectionEnv::simulateCrash() {
  std::map<std::string, FileState> files;
  {
    MutexLock lock(mu_);
    files.swap(files_);
  }
  for (const auto& [path, state] : files) {
    if (!base_->fileExists(path)) continue;
    if (!state.entryDurable) {
      RUNNEL_RETURN_IF_ERROR(base_->deleteFile(path));
      continue;
    }
    RUNNEL_ASSIGN_OR_RETURN(std::uint64_t size, base_->fileSize(path));
    if (size > state.syncedSize)
      RUNNEL_RETURN_IF_ERROR(base_->truncateFile(path, state.syncedSize));
  }
  return Status::ok();
}

}  // namespace runnel
