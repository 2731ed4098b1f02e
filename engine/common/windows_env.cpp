// The real file system on Windows (MSVC and MinGW), with the semantics the engine relies on:
// - paths are UTF-8 and reach the wide ("W") calls as UTF-16; '/' and '\' both separate;
// - every handle shares read, write and delete, so a segment can be renamed or deleted while a
//   reader still holds it, as on POSIX;
// - a deleted name is free at once, even while a reader holds the file, so the log can delete a
//   segment or index and create a new one of the same name (see deleteFile());
// - rename replaces the target atomically and is durable when it returns
//   (MoveFileExW with MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH), also when a reader
//   holds the target (see rename());
// - sync() is FlushFileBuffers; syncDir() has nothing to do (see there).
// Writable files keep the same 64 KiB user-space buffer as the POSIX Env.
#include <windows.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "engine/common/env.h"
#include "engine/common/windows_text.h"

namespace runnel {
namespace {

constexpr std::size_t kWriteBufferSize = std::size_t{64} * 1024;
constexpr DWORD kShareAll = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;

// FILE_DISPOSITION_INFO_EX and FileRenameInfoEx (Windows 10 1607+) spelled out here: both SDKs
// declare them only for _WIN32_WINNT above the 0x0A00 this project targets, and the calls fail
// cleanly (ERROR_INVALID_PARAMETER and the like) where the system or file system lacks them.
constexpr auto kFileDispositionInfoEx = static_cast<FILE_INFO_BY_HANDLE_CLASS>(21);
constexpr auto kFileRenameInfoEx = static_cast<FILE_INFO_BY_HANDLE_CLASS>(22);
constexpr DWORD kDispositionDelete = 0x1;
constexpr DWORD kDispositionPosixSemantics = 0x2;
constexpr DWORD kRenameReplaceIfExists = 0x1;
constexpr DWORD kRenamePosixSemantics = 0x2;
struct DispositionInfoEx {
  DWORD flags;
};

// Files deleted while open are first renamed to "<name><kTombstoneMarker><unique>" (see
// deleteFile()); listDir() never reports such names.
constexpr std::wstring_view kTombstoneMarker = L".runnel-deleted-";

Status windowsError(std::string_view op, std::string_view path, DWORD err) {
  std::string msg(op);
  msg += ' ';
  msg += path;
  msg += ": ";
  msg += windowsErrorText(err);
  switch (err) {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
      return Status::notFound(msg);
    case ERROR_DISK_FULL:
    case ERROR_HANDLE_DISK_FULL:
#if defined(ERROR_DISK_QUOTA_EXCEEDED)  // not in MinGW's headers
    case ERROR_DISK_QUOTA_EXCEEDED:
#endif
      return Status::resourceExhausted(msg);
    default:
      return Status::ioError(msg);
  }
}

Status lastError(std::string_view op, std::string_view path) {
  return windowsError(op, path, GetLastError());
}

Result<std::uint64_t> handleSize(HANDLE h, const std::string& path) {
  LARGE_INTEGER size{};
  if (!GetFileSizeEx(h, &size)) return lastError("stat", path);
  return static_cast<std::uint64_t>(size.QuadPart);
}

// Moves the handle's position to `offset` and cuts the file there.
Status cutAt(HANDLE h, std::uint64_t offset, const std::string& path) {
  LARGE_INTEGER at{};
  at.QuadPart = static_cast<LONGLONG>(offset);
  if (!SetFilePointerEx(h, at, nullptr, FILE_BEGIN) || !SetEndOfFile(h))
    return lastError("truncate", path);
  return Status::ok();
}

class WindowsWritableFile final : public WritableFile {
 public:
  WindowsWritableFile(std::string path, HANDLE h, std::uint64_t size)
      : path_(std::move(path)), handle_(h), written_(size) {
    buffer_.reserve(kWriteBufferSize);
  }
  ~WindowsWritableFile() override {
    if (handle_ != INVALID_HANDLE_VALUE) close();
  }

  Status append(ByteView data) override {
    if (handle_ == INVALID_HANDLE_VALUE) return closedError();
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
    if (handle_ == INVALID_HANDLE_VALUE) return closedError();
    if (buffer_.empty()) return Status::ok();
    Status s = writeDirect(buffer_.data(), buffer_.size());
    buffer_.clear();
    return s;
  }

  Status sync() override {
    RUNNEL_RETURN_IF_ERROR(flush());
    if (!FlushFileBuffers(handle_)) return lastError("fsync", path_);
    return Status::ok();
  }

  Status close() override {
    if (handle_ == INVALID_HANDLE_VALUE) return Status::ok();
    Status s = flush();
    if (!CloseHandle(handle_) && s.isOk()) s = lastError("close", path_);
    handle_ = INVALID_HANDLE_VALUE;
    return s;
  }

  Status truncate(std::uint64_t size) override {
    if (handle_ == INVALID_HANDLE_VALUE) return closedError();
    if (size >= written_) {
      buffer_.resize(std::min<std::uint64_t>(buffer_.size(), size - written_));
      return Status::ok();
    }
    buffer_.clear();
    RUNNEL_RETURN_IF_ERROR(cutAt(handle_, size, path_));
    written_ = size;
    return Status::ok();
  }

  std::uint64_t size() const override { return written_ + buffer_.size(); }
  const std::string& path() const override { return path_; }

 private:
  // On a short write (disk full) the bytes that did reach the file are counted, and the position
  // moved to the real end, so size() and truncate() stay truthful.
  Status writeDirect(const std::uint8_t* p, std::size_t n) {
    while (n > 0) {
      const DWORD chunk = static_cast<DWORD>(std::min<std::size_t>(n, DWORD{1} << 30));
      DWORD done = 0;
      if (!WriteFile(handle_, p, chunk, &done, nullptr)) {
        Status s = lastError("write", path_);
        if (auto end = handleSize(handle_, path_); end.isOk()) {
          written_ = *end;
          LARGE_INTEGER zero{};
          SetFilePointerEx(handle_, zero, nullptr, FILE_END);
        }
        return s;
      }
      p += done;
      n -= done;
      written_ += done;
    }
    return Status::ok();
  }
  Status closedError() const { return Status::ioError("write " + path_ + ": file is closed"); }

  std::string path_;
  HANDLE handle_;
  std::uint64_t written_;  // bytes handed to the OS
  Bytes buffer_;
};

class WindowsRandomAccessFile final : public RandomAccessFile {
 public:
  WindowsRandomAccessFile(std::string path, HANDLE h) : path_(std::move(path)), handle_(h) {}
  ~WindowsRandomAccessFile() override { CloseHandle(handle_); }

  // ReadFile with an OVERLAPPED offset on a synchronous handle is Windows' pread: it reads at the
  // given offset whatever the handle's position, so concurrent readers do not interfere.
  Result<std::size_t> read(std::uint64_t offset, std::span<std::uint8_t> out) const override {
    std::size_t done = 0;
    while (done < out.size()) {
      const std::uint64_t at = offset + done;
      OVERLAPPED position{};
      position.Offset = static_cast<DWORD>(at & 0xffffffffu);
      position.OffsetHigh = static_cast<DWORD>(at >> 32);
      const DWORD want = static_cast<DWORD>(std::min<std::size_t>(out.size() - done, 1u << 30));
      DWORD got = 0;
      if (!ReadFile(handle_, out.data() + done, want, &got, &position)) {
        const DWORD err = GetLastError();
        if (err == ERROR_HANDLE_EOF) break;
        return windowsError("read", path_, err);
      }
      if (got == 0) break;
      done += got;
    }
    return done;
  }
  const std::string& path() const override { return path_; }

 private:
  std::string path_;
  HANDLE handle_;
};

class WindowsEnv final : public Env {
 public:
  Result<std::unique_ptr<WritableFile>> newWritableFile(const std::string& path) override {
    return openWritable(path, CREATE_ALWAYS);
  }
  Result<std::unique_ptr<WritableFile>> newAppendableFile(const std::string& path) override {
    return openWritable(path, OPEN_ALWAYS);
  }
  Result<std::unique_ptr<RandomAccessFile>> newRandomAccessFile(const std::string& path) override {
    const HANDLE h = CreateFileW(toWide(path).c_str(), GENERIC_READ, kShareAll, nullptr,
                                 OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h == INVALID_HANDLE_VALUE) return lastError("open", path);
    return std::unique_ptr<RandomAccessFile>(new WindowsRandomAccessFile(path, h));
  }

  bool fileExists(const std::string& path) override {
    return GetFileAttributesW(toWide(path).c_str()) != INVALID_FILE_ATTRIBUTES;
  }

  Result<std::uint64_t> fileSize(const std::string& path) override {
    WIN32_FILE_ATTRIBUTE_DATA data{};
    if (!GetFileAttributesExW(toWide(path).c_str(), GetFileExInfoStandard, &data))
      return lastError("stat", path);
    return (static_cast<std::uint64_t>(data.nFileSizeHigh) << 32) | data.nFileSizeLow;
  }

  Result<std::vector<std::string>> listDir(const std::string& dir) override {
    WIN32_FIND_DATAW entry{};
    const HANDLE find = FindFirstFileW(toWide(joinPath(dir, "*")).c_str(), &entry);
    if (find == INVALID_HANDLE_VALUE) {
      // A file given as `dir` reports ERROR_DIRECTORY (or not found): either way, not a directory.
      return lastError("list directory", dir);
    }
    std::vector<std::string> names;
    do {
      const std::wstring_view name(entry.cFileName);
      if (name == L"." || name == L"..") continue;
      if (name.find(kTombstoneMarker) != std::wstring_view::npos) {
        // Garbage by definition: a file being deleted, or left by a crash between the rename and
        // the delete. Deleting it again is harmless either way.
        DeleteFileW(toWide(joinPath(dir, toUtf8(name))).c_str());
        continue;
      }
      names.push_back(toUtf8(name));
    } while (FindNextFileW(find, &entry));
    const DWORD err = GetLastError();
    FindClose(find);
    if (err != ERROR_NO_MORE_FILES) return windowsError("list directory", dir, err);
    return names;
  }

  // Windows keeps the name of a file deleted while open (a reader holds a segment) until the last
  // handle closes: the file is "delete pending", and creating a file of the same name fails with
  // "Access is denied". The log does exactly that (a truncated or replaced segment's index is
  // deleted and recreated under the same name while fetches still read the old one), so the name
  // must be free when this returns, as on POSIX:
  // 1. POSIX delete semantics (Windows 10 1709+, NTFS): the name goes at once, the open handles
  //    keep the data;
  // 2. otherwise (FAT, network shares, older systems) the file is renamed to a unique tombstone
  //    name in the same directory, which every handle's FILE_SHARE_DELETE allows, and the
  //    tombstone is deleted: it lingers, invisible to listDir(), until the last reader closes;
  // 3. a file someone opened without sharing delete cannot be renamed: plain delete, whose error
  //    (or later "Access is denied" on re-creation) then names the path.
  Status deleteFile(const std::string& path) override {
    const std::wstring wide = toWide(path);
    const HANDLE h = CreateFileW(wide.c_str(), DELETE, kShareAll, nullptr, OPEN_EXISTING,
                                 FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h == INVALID_HANDLE_VALUE) return lastError("delete", path);
    DispositionInfoEx posixDelete{kDispositionDelete | kDispositionPosixSemantics};
    const bool deleted =
        SetFileInformationByHandle(h, kFileDispositionInfoEx, &posixDelete, sizeof posixDelete);
    CloseHandle(h);
    if (deleted) return Status::ok();

    for (int attempt = 0; attempt < 8; ++attempt) {
      const std::wstring tombstone = wide + std::wstring(kTombstoneMarker) + uniqueSuffix();
      if (MoveFileExW(wide.c_str(), tombstone.c_str(), 0)) {
        if (!DeleteFileW(tombstone.c_str())) return lastError("delete", toUtf8(tombstone));
        return Status::ok();
      }
      if (GetLastError() != ERROR_ALREADY_EXISTS && GetLastError() != ERROR_FILE_EXISTS) break;
    }
    if (!DeleteFileW(wide.c_str())) return lastError("delete", path);
    return Status::ok();
  }

  Status createDir(const std::string& dir) override {
    if (dir.empty()) return Status::invalidArgument("create directory: empty path");
    const DWORD attributes = GetFileAttributesW(toWide(dir).c_str());
    if (attributes != INVALID_FILE_ATTRIBUTES) {
      if ((attributes & FILE_ATTRIBUTE_DIRECTORY) != 0) return Status::ok();
      return Status::alreadyExists("create directory " + dir + ": a file has that name");
    }
    // std::filesystem knows drive letters, UNC shares and both separators; its error codes are
    // Windows error codes here.
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(toWide(dir)), ec);
    if (ec) return windowsError("create directory", dir, static_cast<DWORD>(ec.value()));
    return Status::ok();
  }

  Status deleteDir(const std::string& dir) override {
    if (!RemoveDirectoryW(toWide(dir).c_str())) return lastError("delete directory", dir);
    return Status::ok();
  }

  // MoveFileExW cannot replace a target that is open (a reader holds the old checkpoint or
  // segment): it fails with "Access is denied". Then the rename is retried with POSIX semantics
  // (Windows 10 1709+, NTFS), which replaces the name and leaves the reader its old file, as
  // rename(2) does; the source handle is flushed so the new name is durable like with
  // MOVEFILE_WRITE_THROUGH.
  Status rename(const std::string& from, const std::string& to) override {
    const std::wstring wideFrom = toWide(from);
    const std::wstring wideTo = toWide(to);
    if (MoveFileExW(wideFrom.c_str(), wideTo.c_str(),
                    MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
      return Status::ok();
    }
    DWORD err = GetLastError();
    if (err == ERROR_ACCESS_DENIED) err = posixRename(wideFrom, wideTo, err);
    if (err != ERROR_SUCCESS) return windowsError("rename " + from + " to", to, err);
    return Status::ok();
  }

  Status truncateFile(const std::string& path, std::uint64_t size) override {
    const HANDLE h = CreateFileW(toWide(path).c_str(), GENERIC_WRITE, kShareAll, nullptr,
                                 OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h == INVALID_HANDLE_VALUE) return lastError("truncate", path);
    Status s = cutAt(h, size, path);
    CloseHandle(h);
    return s;
  }

  // Nothing to do, and nothing that could be done: Windows cannot flush a directory through a
  // handle without administrator rights (FlushFileBuffers needs GENERIC_WRITE on it). It is not
  // needed either: NTFS journals every name change (creation, rename, deletion) itself, and
  // rename() above returns only once MOVEFILE_WRITE_THROUGH has made the new name durable.
  Status syncDir(const std::string& dir) override {
    if (!fileExists(dir)) return Status::notFound("sync directory " + dir + ": no such directory");
    return Status::ok();
  }

 private:
  // Unique among this process's tombstones (counter) and other processes' (process id); a
  // leftover from an earlier run with the same id is skipped by deleteFile()'s retry.
  static std::wstring uniqueSuffix() {
    static std::atomic<std::uint64_t> counter{0};
    return std::to_wstring(GetCurrentProcessId()) + L"-" + std::to_wstring(++counter);
  }

  // An absolute path with backslashes (C:\dir\name) from a relative one or one with slashes.
  static std::wstring fullPath(const std::wstring& path) {
    std::wstring full(MAX_PATH, L'\0');
    for (;;) {
      const DWORD n =
          GetFullPathNameW(path.c_str(), static_cast<DWORD>(full.size()), full.data(), nullptr);
      if (n == 0) return path;
      if (n < full.size()) {
        full.resize(n);
        return full;
      }
      full.resize(n);
    }
  }

  // FileRenameInfoEx with POSIX semantics. Returns ERROR_SUCCESS, `refused` when the system or
  // file system does not offer the call (the caller's first error explains more), or the error
  // of making the new name durable.
  static DWORD posixRename(const std::wstring& from, const std::wstring& to, DWORD refused) {
    const HANDLE h = CreateFileW(from.c_str(), DELETE | GENERIC_WRITE, kShareAll, nullptr,
                                 OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h == INVALID_HANDLE_VALUE) return refused;
    // The target goes to the file system as given: it must be absolute, with backslashes.
    const std::wstring target = fullPath(to);
    // FILE_RENAME_INFO ends in a flexible array: allocate room for the whole target name.
    const std::size_t nameBytes = target.size() * sizeof(wchar_t);
    std::vector<std::uint8_t> storage(sizeof(FILE_RENAME_INFO) + nameBytes);
    auto* info = reinterpret_cast<FILE_RENAME_INFO*>(storage.data());
    // The first member is a union of BOOLEAN ReplaceIfExists and DWORD Flags; written through
    // memcpy because older SDKs name only the BOOLEAN.
    const DWORD flags = kRenameReplaceIfExists | kRenamePosixSemantics;
    std::memcpy(storage.data(), &flags, sizeof flags);
    info->RootDirectory = nullptr;
    info->FileNameLength = static_cast<DWORD>(nameBytes);
    std::memcpy(info->FileName, target.c_str(), nameBytes);
    DWORD result = refused;
    if (SetFileInformationByHandle(h, kFileRenameInfoEx, info,
                                   static_cast<DWORD>(storage.size()))) {
      result = FlushFileBuffers(h) ? ERROR_SUCCESS : GetLastError();
    }
    CloseHandle(h);
    return result;
  }

  Result<std::unique_ptr<WritableFile>> openWritable(const std::string& path, DWORD disposition) {
    const HANDLE h = CreateFileW(toWide(path).c_str(), GENERIC_WRITE, kShareAll, nullptr,
                                 disposition, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h == INVALID_HANDLE_VALUE) return lastError("open", path);
    LARGE_INTEGER zero{};
    LARGE_INTEGER end{};
    if (!SetFilePointerEx(h, zero, &end, FILE_END)) {
      Status s = lastError("seek", path);
      CloseHandle(h);
      return s;
    }
    return std::unique_ptr<WritableFile>(
        new WindowsWritableFile(path, h, static_cast<std::uint64_t>(end.QuadPart)));
  }
};

}  // namespace

Env* Env::defaultEnv() {
  static WindowsEnv env;
  return &env;
}

}  // namespace runnel
