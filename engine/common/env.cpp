#include "engine/common/env.h"

#include <cerrno>
#include <system_error>

namespace runnel {
namespace {
#if defined(_WIN32)
constexpr std::string_view kSeparators = "/\\";  // Windows takes both; joinPath writes '/'
#else
constexpr std::string_view kSeparators = "/";
#endif

bool isSeparator(char c) {
  return kSeparators.find(c) != std::string_view::npos;
}
}  // namespace

std::string joinPath(std::string_view dir, std::string_view name) {
  std::string out(dir);
  if (!out.empty() && !isSeparator(out.back())) out.push_back('/');
  out.append(name);
  return out;
}

std::string parentDir(std::string_view path) {
  while (path.size() > 1 && isSeparator(path.back()))
    path.remove_suffix(1);
  const auto slash = path.find_last_of(kSeparators);
  if (slash == std::string_view::npos) return ".";
  if (slash == 0) return "/";
  return std::string(path.substr(0, slash));
}

Result<Bytes> readFileFully(Env& env, const std::string& path) {
  RUNNEL_ASSIGN_OR_RETURN(auto file, env.newRandomAccessFile(path));
  Bytes out;
  constexpr std::size_t kChunk = 64 * 1024;
  for (;;) {
    const std::size_t old = out.size();
    out.resize(old + kChunk);
    RUNNEL_ASSIGN_OR_RETURN(std::size_t n, file->read(old, std::span(out).subspan(old)));
    out.resize(old + n);
    if (n < kChunk) return out;
  }
}

Status writeFileAtomically(Env& env, const std::string& path, ByteView contents) {
  const std::string tmp = path + ".tmp";
  {
    RUNNEL_ASSIGN_OR_RETURN(auto file, env.newWritableFile(tmp));
    Status s = file->append(contents);
    if (s.isOk()) s = file->sync();
    if (s.isOk()) s = file->close();
    if (!s.isOk()) {
      env.deleteFile(tmp);  // best effort; the original file is untouched
      return s;
    }
  }
  RUNNEL_RETURN_IF_ERROR(env.rename(tmp, path));
  return env.syncDir(parentDir(path));
}

Status deleteDirRecursively(Env& env, const std::string& dir) {
  if (!env.fileExists(dir)) return Status::ok();
  RUNNEL_ASSIGN_OR_RETURN(auto children, env.listDir(dir));
  for (const auto& name : children) {
    const std::string child = joinPath(dir, name);
    // A child we cannot list is a file; a child we can list is a directory.
    if (env.listDir(child).isOk()) {
      RUNNEL_RETURN_IF_ERROR(deleteDirRecursively(env, child));
    } else {
      RUNNEL_RETURN_IF_ERROR(env.deleteFile(child));
    }
  }
  return env.deleteDir(dir);
}

Status posixError(std::string_view op, std::string_view path, int err) {
  std::string msg(op);
  msg += ' ';
  msg += path;
  msg += ": ";
  msg += std::generic_category().message(err);
  switch (err) {
    case ENOENT:
      return Status::notFound(msg);
    case ENOSPC:
#if defined(EDQUOT)  // not in MinGW's errno.h
    case EDQUOT:
#endif
      return Status::resourceExhausted(msg);
    default:
      return Status::ioError(msg);
  }
}

}  // namespace runnel
