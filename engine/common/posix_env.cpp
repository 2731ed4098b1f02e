// The real file system. Writable files keep a 64 KiB user-space buffer so the many small index
// appends cost no system call each; large appends bypass it.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "engine/common/env.h"

namespace runnel {
namespace {

constexpr std::size_t kWriteBufferSize = std::size_t{64} * 1024;

Status writeAll(int fd, const std::uint8_t* p, std::size_t n, const std::string& path) {
  while (n > 0) {
    const ssize_t w = ::write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return posixError("write", path, errno);
    }
    p += w;
    n -= static_cast<std::size_t>(w);
  }
  return Status::ok();
}

class PosixWritableFile final : public WritableFile {
 public:
  PosixWritableFile(std::string path, int fd, std::uint64_t size)
      : path_(std::move(path)), fd_(fd), written_(size) {
    buffer_.reserve(kWriteBufferSize);
  }
  ~PosixWritableFile() override {
    if (fd_ >= 0) close();
  }

  Status append(ByteView data) override {
    if (fd_ < 0) return closedError();
    if (buffer_.size() + data.size() <= kWriteBufferSize) {
      buffer_.insert(buffer_.end(), data.begin(), data.end());
      return Status::ok();
    }
    RUNNEL_RETURN_IF_ERROR(flush());
    if (data.size() < kWriteBufferSize) {
      buffer_.assign(data.begin(), data.end());
      return Status::ok();
    }
    return writeDirect(data.data(), data.size());
  }

  Status flush() override {
    if (fd_ < 0) return closedError();
    if (buffer_.empty()) return Status::ok();
    Status s = writeDirect(buffer_.data(), buffer_.size());
    buffer_.clear();
    return s;
  }

  Status sync() override {
    RUNNEL_RETURN_IF_ERROR(flush());
    if (::fdatasync(fd_) != 0) return posixError("fsync", path_, errno);
    return Status::ok();
  }

  Status close() override {
    if (fd_ < 0) return Status::ok();
    Status s = flush();
    if (::close(fd_) != 0 && s.isOk()) s = posixError("close", path_, errno);
    fd_ = -1;
    return s;
  }

  Status truncate(std::uint64_t size) override {
    if (fd_ < 0) return closedError();
    if (size >= written_) {
      buffer_.resize(std::min<std::uint64_t>(buffer_.size(), size - written_));
      return Status::ok();
    }
    buffer_.clear();
    if (::ftruncate(fd_, static_cast<off_t>(size)) != 0)
      return posixError("truncate", path_, errno);
    written_ = size;
    return Status::ok();
  }

  std::uint64_t size() const override { return written_ + buffer_.size(); }
  const std::string& path() const override { return path_; }

 private:
  // On a short write (disk full) the bytes that did reach the file are counted, so size() and
  // truncate() stay truthful and the caller can cut the file back.
  Status writeDirect(const std::uint8_t* p, std::size_t n) {
    Status s = writeAll(fd_, p, n, path_);
    if (s.isOk()) {
      written_ += n;
    } else {
      const off_t end = ::lseek(fd_, 0, SEEK_END);
      if (end >= 0) written_ = static_cast<std::uint64_t>(end);
    }
    return s;
  }
  Status closedError() const { return Status::ioError("write " + path_ + ": file is closed"); }

  std::string path_;
  int fd_;
  std::uint64_t written_;  // bytes handed to the OS
  Bytes buffer_;
};

class PosixRandomAccessFile final : public RandomAccessFile {
 public:
  PosixRandomAccessFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~PosixRandomAccessFile() override { ::close(fd_); }

  Result<std::size_t> read(std::uint64_t offset, std::span<std::uint8_t> out) const override {
    std::size_t done = 0;
    while (done < out.size()) {
      const ssize_t r =
          ::pread(fd_, out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
      if (r < 0) {
        if (errno == EINTR) continue;
        return posixError("read", path_, errno);
      }
      if (r == 0) break;
      done += static_cast<std::size_t>(r);
    }
    return done;
  }
  const std::string& path() const override { return path_; }

 private:
  std::string path_;
  int fd_;
};

class PosixEnv final : public Env {
 public:
  Result<std::unique_ptr<WritableFile>> newWritableFile(const std::string& path) override {
    return openWritable(path, O_TRUNC);
  }
  Result<std::unique_ptr<WritableFile>> newAppendableFile(const std::string& path) override {
    return openWritable(path, 0);
  }
  Result<std::unique_ptr<RandomAccessFile>> newRandomAccessFile(const std::string& path) override {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return posixError("open", path, errno);
    return std::unique_ptr<RandomAccessFile>(new PosixRandomAccessFile(path, fd));
  }

  bool fileExists(const std::string& path) override { return ::access(path.c_str(), F_OK) == 0; }

  Result<std::uint64_t> fileSize(const std::string& path) override {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return posixError("stat", path, errno);
    return static_cast<std::uint64_t>(st.st_size);
  }

  Result<std::vector<std::string>> listDir(const std::string& dir) override {
    DIR* d = ::opendir(dir.c_str());
    if (d == nullptr) return posixError("list directory", dir, errno);
    std::vector<std::string> names;
    while (const dirent* e = ::readdir(d)) {
      if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0) {
        names.emplace_back(e->d_name);
      }
    }
    ::closedir(d);
    return names;
  }

  Status deleteFile(const std::string& path) override {
    if (::unlink(path.c_str()) != 0) return posixError("delete", path, errno);
    return Status::ok();
  }

  Status createDir(const std::string& dir) override {
    if (dir.empty()) return Status::invalidArgument("create directory: empty path");
    struct stat st {};
    if (::stat(dir.c_str(), &st) == 0) {
      if (S_ISDIR(st.st_mode)) return Status::ok();
      return Status::alreadyExists("create directory " + dir + ": a file has that name");
    }
    const std::string parent = parentDir(dir);
    if (parent != dir && parent != "." && parent != "/") RUNNEL_RETURN_IF_ERROR(createDir(parent));
    if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
      return posixError("create directory", dir, errno);
    }
    return Status::ok();
  }

  Status deleteDir(const std::string& dir) override {
    if (::rmdir(dir.c_str()) != 0) return posixError("delete directory", dir, errno);
    return Status::ok();
  }

  Status rename(const std::string& from, const std::string& to) override {
    if (::rename(from.c_str(), to.c_str()) != 0)
      return posixError("rename " + from + " to", to, errno);
    return Status::ok();
  }

  Status truncateFile(const std::string& path, std::uint64_t size) override {
    if (::truncate(path.c_str(), static_cast<off_t>(size)) != 0) {
      return posixError("truncate", path, errno);
    }
    return Status::ok();
  }

  Status syncDir(const std::string& dir) override {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return posixError("open directory", dir, errno);
    Status s;
    if (::fsync(fd) != 0) s = posixError("sync directory", dir, errno);
    ::close(fd);
    return s;
  }

 private:
  Result<std::unique_ptr<WritableFile>> openWritable(const std::string& path, int extraFlags) {
    const int fd =
        ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | extraFlags, 0644);
    if (fd < 0) return posixError("open", path, errno);
    const off_t end = ::lseek(fd, 0, SEEK_END);
    if (end < 0) {
      const int err = errno;
      ::close(fd);
      return posixError("seek", path, err);
    }
    return std::unique_ptr<WritableFile>(
        new PosixWritableFile(path, fd, static_cast<std::uint64_t>(end)));
  }
};

}  // namespace

Env* Env::defaultEnv() {
  static PosixEnv env;
  return &env;
}

}  // namespace runnel
