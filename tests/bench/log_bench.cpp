// Throughput of the partition log against the file system it sits on: appending and then
// sequentially reading 100-byte records in uncompressed batches of 1,000, compared with a
// dd-style raw sequential write and read of the same number of bytes in the same directory
// during the same run. Everything stays in the page cache (no fsync in either), so the ratios
// show the log's own overhead: validation (CRC-32C of every batch, record framing), offset
// assignment, index upkeep, and the read path's lookups and copy.
//
// Two raw baselines, because the write size matters to the kernel: the log writes one batch
// (~111 KB) per append, and a file written in small writes gets small page-cache folios, which
// read back several times slower than one written in 1 MiB blocks. "raw/batch" writes in
// batch-sized blocks (the same pattern as the log), "raw/1MiB" in 1 MiB blocks; both files are
// read back with 1 MiB read() calls, as the log is with 1 MiB fetches. Each figure is the best
// of several repetitions, in process CPU time (see timed()). Last, the cost of reopening the log:
// after a kill (the active segment is scanned) against after a clean shutdown (indexes trusted).
//
// Usage: log_bench [directory] [records]   (default: a fresh directory under /tmp, 1,000,000)
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/common/clock.h"
#include "engine/common/env.h"
#include "engine/log/partition_log.h"
#include "engine/record/record_batch_builder.h"

using namespace runnel;

namespace {

constexpr int kRecordsPerBatch = 1000;
constexpr std::size_t kValueSize = 100;
constexpr std::size_t kRawBlock = 1 << 20;
constexpr int kRepetitions = 6;

// CPU time of the process (user + system): page-cache I/O is CPU work charged to the caller,
// and unlike wall time it does not count the time spent waiting for a CPU on a busy machine.
double cpuNow() {
  timespec ts{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

template <typename Fn>
double timed(Fn&& fn) {
  const double start = cpuNow();
  fn();
  return cpuNow() - start;
}

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "log_bench: %s\n", what.c_str());
  std::exit(1);
}

double rawWrite(const std::string& path, std::uint64_t bytes, std::size_t blockSize) {
  std::vector<char> block(blockSize, 'x');
  return timed([&] {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) die("cannot create " + path);
    for (std::uint64_t done = 0; done < bytes;) {
      const std::size_t n =
          static_cast<std::size_t>(std::min<std::uint64_t>(blockSize, bytes - done));
      if (::write(fd, block.data(), n) != static_cast<ssize_t>(n)) die("short write to " + path);
      done += n;
    }
    ::close(fd);
  });
}

double rawRead(const std::string& path) {
  std::vector<char> block(kRawBlock);
  std::uint64_t total = 0;
  const double t = timed([&] {
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) die("cannot open " + path);
    for (ssize_t n; (n = ::read(fd, block.data(), block.size())) > 0;)
      total += static_cast<std::uint64_t>(n);
    ::close(fd);
  });
  if (total == 0) die("raw read found nothing");
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir;
  if (argc > 1) {
    dir = argv[1];
  } else {
    char tmpl[] = "/tmp/runnel-log-bench-XXXXXX";
    if (::mkdtemp(tmpl) == nullptr) die("cannot create a temporary directory");
    dir = tmpl;
  }
  const long records = argc > 2 ? std::atol(argv[2]) : 1'000'000;
  const int batches = static_cast<int>(records / kRecordsPerBatch);
  Env& env = *Env::defaultEnv();
  if (!env.createDir(dir).isOk()) die("cannot create " + dir);

  // One producer batch, copied into the "request buffer" before each append as a broker would
  // receive it (the copy is part of the measured append cost).
  record::RecordBatchBuilder builder;
  const std::string value(kValueSize, 'v');
  for (int i = 0; i < kRecordsPerBatch; ++i)
    builder.append(1'700'000'000'000 + i, std::nullopt, asBytes(value));
  const Bytes batch = *builder.build();
  const std::uint64_t totalBytes =
      static_cast<std::uint64_t>(batch.size()) * static_cast<std::uint64_t>(batches);

  double bestAppend = 1e99, bestRead = 1e99;
  double bestRawWrite[2] = {1e99, 1e99}, bestRawRead[2] = {1e99, 1e99};  // [batch-sized, 1 MiB]
  const std::size_t rawBlocks[2] = {batch.size(), kRawBlock};
  std::string logDir;
  Bytes readBuffer;
  for (int rep = 0; rep < kRepetitions; ++rep) {
    std::string rawPath[2];
    if (!logDir.empty()) deleteDirRecursively(env, logDir);
    logDir = joinPath(dir, "log-" + std::to_string(rep));
    LogConfig config;  // Kafka's defaults: 1 GiB segments, no explicit flushes
    auto log = PartitionLog::open({&env, Clock::system(), logDir, config});
    if (!log.isOk()) die(log.status().toString());

    // The writers take turns going first, and dirty pages are written back (untimed) between
    // them, so none pays for another's writeback.
    const auto appendAll = [&] {
      Bytes request(batch.size());
      bestAppend = std::min(bestAppend, timed([&] {
                              for (int i = 0; i < batches; ++i) {
                                std::copy(batch.begin(), batch.end(), request.begin());
                                auto info = (*log)->appendAsLeader(request, 0);
                                if (!info.isOk()) die(info.status().toString());
                              }
                            }));
      if (!(*log)->flush().isOk()) die("flush failed");
    };
    const auto writeRaw = [&](int kind) {
      rawPath[kind] = joinPath(dir, "raw-" + std::to_string(kind));
      bestRawWrite[kind] =
          std::min(bestRawWrite[kind], rawWrite(rawPath[kind], totalBytes, rawBlocks[kind]));
      ::sync();
    };
    if (rep % 2 == 0) {
      appendAll();
      writeRaw(0);
      writeRaw(1);
    } else {
      writeRaw(1);
      writeRaw(0);
      appendAll();
    }
    if ((*log)->logEndOffset() != static_cast<std::int64_t>(batches) * kRecordsPerBatch)
      die("wrong log end");

    for (int kind = 0; kind < 2; ++kind)
      bestRawRead[kind] = std::min(bestRawRead[kind], rawRead(rawPath[kind]));
    // A fetch copies the stored batches once, into a buffer the caller keeps (as a broker keeps
    // its response buffers).
    std::uint64_t readBytes = 0;
    bestRead = std::min(bestRead, timed([&] {
                          for (std::int64_t offset = 0; offset < (*log)->logEndOffset();) {
                            auto fetch = (*log)->fetch(offset, kRawBlock);
                            if (!fetch.isOk() || fetch->bytes == 0)
                              die("fetch failed at " + std::to_string(offset));
                            if (readBuffer.size() < fetch->bytes) readBuffer.resize(fetch->bytes);
                            if (!fetch->copyTo(readBuffer).isOk())
                              die("copy failed at " + std::to_string(offset));
                            readBytes += fetch->bytes;
                            offset = fetch->nextOffset;
                          }
                        }));
    if (readBytes != totalBytes)
      die("read " + std::to_string(readBytes) + " bytes, expected " + std::to_string(totalBytes));
    for (const auto& path : rawPath)
      env.deleteFile(path);
  }
  // Start-up: the last log was dropped without close() (a killed broker): reopening it scans its
  // segment with CRC checks. After a clean shutdown the indexes are trusted and only the batch
  // behind the last index entry is read.
  const auto reopen = [&](LogRecoveryReport& report) {
    std::unique_ptr<PartitionLog> reopened;
    const double cpu = timed([&] {
      auto opened = PartitionLog::open({&env, Clock::system(), logDir, LogConfig{}});
      if (!opened.isOk()) die(opened.status().toString());
      reopened = std::move(opened).value();
    });
    report = reopened->recoveryReport();
    if (reopened->logEndOffset() != static_cast<std::int64_t>(batches) * kRecordsPerBatch)
      die("wrong log end after reopening");
    return std::make_pair(cpu, std::move(reopened));
  };
  double bestUncleanOpen = 1e99, bestCleanOpen = 1e99;
  LogRecoveryReport uncleanReport, cleanReport;
  for (int rep = 0; rep < kRepetitions; ++rep) {
    auto [uncleanCpu, unclean] = reopen(uncleanReport);
    bestUncleanOpen = std::min(bestUncleanOpen, uncleanCpu);
    if (!unclean->close().isOk()) die("close failed");
    unclean.reset();
    auto [cleanCpu, clean] = reopen(cleanReport);
    bestCleanOpen = std::min(bestCleanOpen, cleanCpu);
    // `clean` is dropped without close(): the next repetition's open is unclean again.
  }
  if (uncleanReport.cleanShutdown || uncleanReport.segmentsRecovered == 0 ||
      !cleanReport.cleanShutdown || cleanReport.segmentsRecovered != 0 ||
      cleanReport.indexesRebuilt != 0)
    die("the reopens did not recover as expected");
  deleteDirRecursively(env, logDir);
  if (argc <= 1) env.deleteDir(dir);

  const double mb = static_cast<double>(totalBytes) / 1e6;
  std::printf(
      "log_bench: %d batches x %d records of %zu-byte values = %.1f MB (batch %zu bytes), best of "
      "%d\n",
      batches, kRecordsPerBatch, kValueSize, mb, batch.size(), kRepetitions);
  std::printf("  raw write, batch-sized blocks %8.0f MB/s\n", mb / bestRawWrite[0]);
  std::printf("  raw write, 1 MiB blocks       %8.0f MB/s\n", mb / bestRawWrite[1]);
  std::printf(
      "  log append                    %8.0f MB/s  %6.2f M records/s  %4.0f%% of raw/batch, "
      "%4.0f%% of raw/1MiB\n",
      mb / bestAppend, static_cast<double>(records) / bestAppend / 1e6,
      100.0 * bestRawWrite[0] / bestAppend, 100.0 * bestRawWrite[1] / bestAppend);
  std::printf("  raw read of the raw/batch file %7.0f MB/s\n", mb / bestRawRead[0]);
  std::printf("  raw read of the raw/1MiB file  %7.0f MB/s\n", mb / bestRawRead[1]);
  std::printf(
      "  log read (1 MiB fetches)      %8.0f MB/s  %6.2f M records/s  %4.0f%% of raw/batch, "
      "%4.0f%% of raw/1MiB\n",
      mb / bestRead, static_cast<double>(records) / bestRead / 1e6,
      100.0 * bestRawRead[0] / bestRead, 100.0 * bestRawRead[1] / bestRead);
  std::printf("  reopen after a kill           %8.2f ms  (%d of %d segments scanned)\n",
              bestUncleanOpen * 1e3, uncleanReport.segmentsRecovered, uncleanReport.segments);
  std::printf(
      "  reopen after a clean shutdown %8.2f ms  (%.1f%% of the reopen after a kill; %d indexes "
      "rebuilt)\n",
      bestCleanOpen * 1e3, 100.0 * bestCleanOpen / bestUncleanOpen, cleanReport.indexesRebuilt);
  return 0;
}
