// Env: every file-system call of the engine goes through this interface (after LevelDB's Env), so
// tests can swap in an in-memory file system (MemoryEnv) or one that fails on purpose
// (FaultInjectionEnv: full disk, unwritable directory, crash that loses unsynced data).
// Errors come back as Status values naming the path and the OS's reason.
// Thread-safety: Env methods may be called from any thread. A WritableFile is used by one thread
// at a time; a RandomAccessFile may be read by many threads at once. Env::defaultEnv() lives for
// the whole process; other Envs must outlive the files they hand out.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/bytes.h"
#include "engine/common/result.h"
#include "engine/common/status.h"

namespace runnel {

// A file written sequentially. Appends may be buffered in user space until flush().
class WritableFile {
 public:
  virtual ~WritableFile() = default;
  virtual Status append(ByteView data) = 0;
  // Hands buffered bytes to the OS, after which other handles (RandomAccessFile) can read them.
  virtual Status flush() = 0;
  // flush() and then make the bytes durable (fsync).
  virtual Status sync() = 0;
  // Flushes and releases the handle; later calls fail. The destructor closes silently.
  virtual Status close() = 0;
  // Drops every byte at and past `size` (buffered or written); later appends go to the new end.
  virtual Status truncate(std::uint64_t size) = 0;
  // Bytes appended so far (including buffered ones) minus any truncation.
  virtual std::uint64_t size() const = 0;
  virtual const std::string& path() const = 0;
};

// A file read at arbitrary offsets. read() is safe to call from many threads at once.
class RandomAccessFile {
 public:
  virtual ~RandomAccessFile() = default;
  // Reads up to out.size() bytes at `offset`; returns how many were read (fewer only at end of
  // file). Reading at or past the end returns 0.
  virtual Result<std::size_t> read(std::uint64_t offset, std::span<std::uint8_t> out) const = 0;
  virtual const std::string& path() const = 0;
};

class Env {
 public:
  virtual ~Env() = default;

  // Creates `path`, or empties it if it exists.
  virtual Result<std::unique_ptr<WritableFile>> newWritableFile(const std::string& path) = 0;
  // Opens `path` for appending at its end, creating it if missing.
  virtual Result<std::unique_ptr<WritableFile>> newAppendableFile(const std::string& path) = 0;
  virtual Result<std::unique_ptr<RandomAccessFile>> newRandomAccessFile(
      const std::string& path) = 0;

  virtual bool fileExists(const std::string& path) = 0;
  virtual Result<std::uint64_t> fileSize(const std::string& path) = 0;
  // Names (not paths) of the entries of `dir`, in no particular order, without "." and "..".
  virtual Result<std::vector<std::string>> listDir(const std::string& dir) = 0;
  virtual Status deleteFile(const std::string& path) = 0;
  // Creates `dir` and any missing parents; OK if it already exists.
  virtual Status createDir(const std::string& dir) = 0;
  // Removes an empty directory.
  virtual Status deleteDir(const std::string& dir) = 0;
  // Renames a file or directory, atomically replacing an existing file at `to`.
  virtual Status rename(const std::string& from, const std::string& to) = 0;
  virtual Status truncateFile(const std::string& path, std::uint64_t size) = 0;
  // Makes the directory's entries (creations, renames, deletions) durable.
  virtual Status syncDir(const std::string& dir) = 0;

  // The real file system (posix_env.cpp or windows_env.cpp); never null, never destroyed.
  static Env* defaultEnv();
};

// "a/b" from ("a", "b"); tolerates a trailing slash on `dir` (or backslash, on Windows).
std::string joinPath(std::string_view dir, std::string_view name);
// The directory part of `path` ("." when there is none); on Windows a backslash separates too.
std::string parentDir(std::string_view path);

// Reads a whole file into memory.
Result<Bytes> readFileFully(Env& env, const std::string& path);
// Replaces `path` with `contents` so that a crash leaves either the old or the new file: writes
// "<path>.tmp", syncs it, renames it over `path` and syncs the directory.
Status writeFileAtomically(Env& env, const std::string& path, ByteView contents);
// Deletes `dir` and everything below it; OK if it does not exist.
Status deleteDirRecursively(Env& env, const std::string& dir);

// Builds the Status for a failed system call: "<op> <path>: <strerror(err)>", with the code
// chosen from the errno (ENOENT: not found, ENOSPC: resource exhausted, otherwise I/O error).
Status posixError(std::string_view op, std::string_view path, int err);

}  // namespace runnel
