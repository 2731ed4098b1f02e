#include "engine/common/memory_env.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace runnel {

// Contents of one file, shared by the Env's name table and every open handle.
struct MemoryEnv::FileData {
  mutable Mutex mu;
  Bytes bytes GUARDED_BY(mu);
};

namespace {

std::string normalize(std::string path) {
  while (path.size() > 1 && path.back() == '/')
    path.pop_back();
  return path;
}

using FileData = MemoryEnv::FileData;

class MemoryWritableFile final : public WritableFile {
 public:
  MemoryWritableFile(std::string path, std::shared_ptr<FileData> data)
      : path_(std::move(path)), data_(std::move(data)) {}

  Status append(ByteView bytes) override {
    if (!data_) return closed();
    MutexLock lock(data_->mu);
    data_->bytes.insert(data_->bytes.end(), bytes.begin(), bytes.end());
    return Status::ok();
  }
  Status flush() override { return data_ ? Status::ok() : closed(); }
  Status sync() override { return data_ ? Status::ok() : closed(); }
  Status close() override {
    data_.reset();
    return Status::ok();
  }
  Status truncate(std::uint64_t size) override {
    if (!data_) return closed();
    MutexLock lock(data_->mu);
    if (size < data_->bytes.size()) data_->bytes.resize(size);
    return Status::ok();
  }
  std::uint64_t size() const override {
    if (!data_) return 0;
    MutexLock lock(data_->mu);
    return data_->bytes.size();
  }
  const std::string& path() const override { return path_; }

 private:
  Status closed() const { return Status::ioError("write " + path_ + ": file is closed"); }
  std::string path_;
  std::shared_ptr<FileData> data_;
};

class MemoryRandomAccessFile final : public RandomAccessFile {
 public:
  MemoryRandomAccessFile(std::string path, std::shared_ptr<FileData> data)
      : path_(std::move(path)), data_(std::move(data)) {}

  Result<std::size_t> read(std::uint64_t offset, std::span<std::uint8_t> out) const override {
    MutexLock lock(data_->mu);
    if (offset >= data_->bytes.size()) return std::size_t{0};
    const std::size_t n = std::min<std::size_t>(out.size(), data_->bytes.size() - offset);
    std::memcpy(out.data(), data_->bytes.data() + offset, n);
    return n;
  }
  const std::string& path() const override { return path_; }

 private:
  std::string path_;
  std::shared_ptr<FileData> data_;
};

}  // namespace

MemoryEnv::MemoryEnv() {
  MutexLock lock(mu_);
  dirs_.insert("/");
  dirs_.insert(".");
}

MemoryEnv::~MemoryEnv() = default;

bool MemoryEnv::parentExists(const std::string& path) const {
  return dirs_.count(parentDir(path)) > 0;
}

Result<std::unique_ptr<WritableFile>> MemoryEnv::openWritable(const std::string& rawPath,
                                                              bool truncate) {
  const std::string path = normalize(rawPath);
  MutexLock lock(mu_);
  if (dirs_.count(path)) return posixError("open", path, EISDIR);
  if (!parentExists(path)) return posixError("open", path, ENOENT);
  auto& slot = files_[path];
  if (!slot) slot = std::make_shared<FileData>();
  if (truncate) {
    MutexLock fileLock(slot->mu);
    slot->bytes.clear();
  }
  return std::unique_ptr<WritableFile>(new MemoryWritableFile(path, slot));
}

Result<std::unique_ptr<WritableFile>> MemoryEnv::newWritableFile(const std::string& path) {
  return openWritable(path, true);
}

Result<std::unique_ptr<WritableFile>> MemoryEnv::newAppendableFile(const std::string& path) {
  return openWritable(path, false);
}

Result<std::unique_ptr<RandomAccessFile>> MemoryEnv::newRandomAccessFile(
    const std::string& rawPath) {
  const std::string path = normalize(rawPath);
  MutexLock lock(mu_);
  auto it = files_.find(path);
  if (it == files_.end()) return posixError("open", path, ENOENT);
  return std::unique_ptr<RandomAccessFile>(new MemoryRandomAccessFile(path, it->second));
}

bool MemoryEnv::fileExists(const std::string& rawPath) {
  const std::string path = normalize(rawPath);
  MutexLock lock(mu_);
  return files_.count(path) > 0 || dirs_.count(path) > 0;
}

Result<std::uint64_t> MemoryEnv::fileSize(const std::string& rawPath) {
  const std::string path = normalize(rawPath);
  MutexLock lock(mu_);
  auto it = files_.find(path);
  if (it == files_.end()) return posixError("stat", path, ENOENT);
  MutexLock fileLock(it->second->mu);
  return static_cast<std::uint64_t>(it->second->bytes.size());
}

Result<std::vector<std::string>> MemoryEnv::listDir(const std::string& rawDir) {
  const std::string dir = normalize(rawDir);
  MutexLock lock(mu_);
  if (!dirs_.count(dir)) {
    return posixError("list directory", dir, files_.count(dir) ? ENOTDIR : ENOENT);
  }
  std::vector<std::string> names;
  const auto addChild = [&](const std::string& path) {
    if (path != dir && parentDir(path) == dir) names.push_back(path.substr(path.rfind('/') + 1));
  };
  for (const auto& [path, data] : files_)
    addChild(path);
  for (const auto& path : dirs_)
    addChild(path);
  return names;
}

Status MemoryEnv::deleteFile(const std::string& rawPath) {
  const std::string path = normalize(rawPath);
  MutexLock lock(mu_);
  if (files_.erase(path) == 0)
    return posixError("delete", path, dirs_.count(path) ? EISDIR : ENOENT);
  return Status::ok();
}

Status MemoryEnv::createDir(const std::string& rawDir) {
  const std::string dir = normalize(rawDir);
  if (dir.empty()) return Status::invalidArgument("create directory: empty path");
  MutexLock lock(mu_);
  if (files_.count(dir))
    return Status::alreadyExists("create directory " + dir + ": a file has that name");
  for (std::string d = dir; !dirs_.count(d); d = parentDir(d))
    dirs_.insert(d);
  return Status::ok();
}

Status MemoryEnv::deleteDir(const std::string& rawDir) {
  const std::string dir = normalize(rawDir);
  MutexLock lock(mu_);
  if (!dirs_.count(dir)) return posixError("delete directory", dir, ENOENT);
  const auto hasChild = [&](const std::string& path) {
    return path != dir && parentDir(path) == dir;
  };
  for (const auto& entry : files_) {
    if (hasChild(entry.first)) return posixError("delete directory", dir, ENOTEMPTY);
  }
  for (const auto& d : dirs_) {
    if (hasChild(d)) return posixError("delete directory", dir, ENOTEMPTY);
  }
  dirs_.erase(dir);
  return Status::ok();
}

Status MemoryEnv::rename(const std::string& rawFrom, const std::string& rawTo) {
  const std::string from = normalize(rawFrom);
  const std::string to = normalize(rawTo);
  MutexLock lock(mu_);
  if (!parentExists(to)) return posixError("rename " + from + " to", to, ENOENT);
  if (auto it = files_.find(from); it != files_.end()) {
    if (dirs_.count(to)) return posixError("rename " + from + " to", to, EISDIR);
    auto data = it->second;
    files_.erase(it);
    files_[to] = std::move(data);
    return Status::ok();
  }
  if (!dirs_.count(from)) return posixError("rename " + from + " to", to, ENOENT);
  if (files_.count(to) || dirs_.count(to)) return posixError("rename " + from + " to", to, EEXIST);
  // Move the directory and everything below it.
  const std::string prefix = from + "/";
  std::map<std::string, std::shared_ptr<FileData>> moved;
  for (auto it = files_.begin(); it != files_.end();) {
    if (it->first.starts_with(prefix)) {
      moved[to + it->first.substr(from.size())] = it->second;
      it = files_.erase(it);
    } else {
      ++it;
    }
  }
  files_.merge(moved);
  std::set<std::string> movedDirs;
  for (auto it = dirs_.begin(); it != dirs_.end();) {
    if (*it == from || it->starts_with(prefix)) {
      movedDirs.insert(to + it->substr(from.size()));
      it = dirs_.erase(it);
    } else {
      ++it;
    }
  }
  dirs_.merge(movedDirs);
  return Status::ok();
}

Status MemoryEnv::truncateFile(const std::string& rawPath, std::uint64_t size) {
  const std::string path = normalize(rawPath);
  MutexLock lock(mu_);
  auto it = files_.find(path);
  if (it == files_.end()) return posixError("truncate", path, ENOENT);
  MutexLock fileLock(it->second->mu);
  it->second->bytes.resize(size);
  return Status::ok();
}

Status MemoryEnv::syncDir(const std::string& rawDir) {
  const std::string dir = normalize(rawDir);
  MutexLock lock(mu_);
  if (!dirs_.count(dir)) return posixError("open directory", dir, ENOENT);
  return Status::ok();
}

}  // namespace runnel
