// A standalone check of the Windows Env (engine/common/windows_env.cpp) for the Linux-side cross
// check (cross-check.sh builds it with MinGW and runs it under wine): the Qt test suites cannot be
// cross-built, and these are the file semantics Windows does differently from POSIX by default.
// Usage: env_check.exe DIR (an empty scratch directory). Exit status 0 when every check passes.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "engine/common/env.h"

using namespace runnel;

namespace {

int failures = 0;

void check(bool ok, const std::string& what) {
  std::printf("%s %s\n", ok ? "ok  " : "FAIL", what.c_str());
  if (!ok) ++failures;
}

std::string readAll(Env& env, const std::string& path) {
  auto bytes = readFileFully(env, path);
  return bytes.isOk() ? std::string(asChars(*bytes)) : "<" + bytes.status().toString() + ">";
}

std::string readAt(const RandomAccessFile& file, std::size_t n) {
  Bytes buf(n);
  auto got = file.read(0, buf);
  if (!got.isOk()) return "<" + got.status().toString() + ">";
  return std::string(asChars(buf).substr(0, *got));
}

Status writeFile(Env& env, const std::string& path, std::string_view text) {
  RUNNEL_ASSIGN_OR_RETURN(auto file, env.newWritableFile(path));
  RUNNEL_RETURN_IF_ERROR(file->append(asBytes(text)));
  return file->close();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: env_check DIR\n");
    return 2;
  }
  Env& env = *Env::defaultEnv();
  const std::string dir = joinPath(argv[1], "env-check");
  if (!deleteDirRecursively(env, dir).isOk() || !env.createDir(dir).isOk()) {
    std::fprintf(stderr, "env_check: cannot prepare %s\n", dir.c_str());
    return 2;
  }

  // A segment index deleted while a fetch still reads it, then recreated under the same name.
  const std::string index = joinPath(dir, "00000000000000000000.index");
  check(writeFile(env, index, "old index").isOk(), "write the index");
  auto reader = env.newRandomAccessFile(index);
  check(reader.isOk(), "open a reader on it");
  const Status deleted = env.deleteFile(index);
  check(deleted.isOk(), "delete it while the reader is open: " + deleted.toString());
  check(!env.fileExists(index), "the name is gone at once");
  const Status recreated = writeFile(env, index, "new index");
  check(recreated.isOk(), "create a file of the same name: " + recreated.toString());
  check(readAll(env, index) == "new index", "the new file reads back: " + readAll(env, index));
  if (reader.isOk()) {
    const std::string old = readAt(**reader, 9);
    check(old == "old index", "the reader still reads the deleted file: " + old);
  }
  auto names = env.listDir(dir);
  check(names.isOk() && *names == std::vector<std::string>{"00000000000000000000.index"},
        "listDir shows only the live file (no tombstone)");

  // A checkpoint replaced (write-and-rename) while a reader holds the old one. Windows 10 1709+
  // on NTFS replaces it (POSIX rename); systems without that (FAT, wine 8) must refuse clearly
  // and lose nothing.
  const std::string checkpoint = joinPath(dir, "checkpoint");
  check(writeFile(env, checkpoint, "one").isOk(), "write the checkpoint");
  auto old = env.newRandomAccessFile(checkpoint);
  const Status replaced = writeFileAtomically(env, checkpoint, asBytes("two"));
  if (replaced.isOk()) {
    check(readAll(env, checkpoint) == "two", "replace it while a reader is open");
  } else {
    std::printf("note replacing an open file is refused here: %s\n", replaced.toString().c_str());
    check(replaced.message().find(checkpoint) != std::string::npos, "the refusal names the file");
    check(readAll(env, checkpoint) == "one", "the refused replacement lost nothing");
    check(env.deleteFile(checkpoint + ".tmp").isOk(), "the new version is still there to retry");
  }
  if (old.isOk()) check(readAt(**old, 3) == "one", "the reader keeps the old checkpoint");

  if (reader.isOk()) reader->reset();
  if (old.isOk()) old->reset();
  check(deleteDirRecursively(env, dir).isOk(), "the directory deletes once the readers closed");
  std::printf("env_check: %s\n", failures == 0 ? "passed" : "FAILED");
  return failures == 0 ? 0 : 1;
}
