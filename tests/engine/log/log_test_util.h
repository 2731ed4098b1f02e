// Shared helpers for the log tests: producer-style batches, a log over an in-memory (or faulty)
// Env with a manual clock, and decoding everything a log holds.
#pragma once

#include <QtTest>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "engine/common/clock.h"
#include "engine/common/memory_env.h"
#include "engine/log/partition_log.h"
#include "engine/record/record_batch_builder.h"
#include "engine/record/record_batch_view.h"
#include "engine/record/record_iterator.h"

namespace runnel::testing {

// A batch as a producer sends it: base offset 0, `count` records "<prefix><i>" = "value-<i>",
// timestamps ts, ts+1, ...
inline Bytes makeBatch(int count, std::int64_t timestamp, const std::string& keyPrefix = "key-",
                       record::CompressionCodec codec = record::CompressionCodec::kNone,
                       int valueSize = 0) {
  record::RecordBatchBuilder b({.compression = codec});
  for (int i = 0; i < count; ++i) {
    const std::string key = keyPrefix + std::to_string(i);
    std::string value = "value-" + std::to_string(i);
    if (valueSize > 0) value.resize(static_cast<std::size_t>(valueSize), 'v');
    b.append(timestamp + i, asBytes(key), asBytes(value));
  }
  return *b.build();
}

// One record per batch with an explicit key and value (nullopt = tombstone).
inline Bytes makeKeyed(const std::string& key, std::optional<std::string> value,
                       std::int64_t timestamp) {
  record::RecordBatchBuilder b;
  b.append(timestamp, asBytes(key), value ? std::optional(asBytes(*value)) : std::nullopt);
  return *b.build();
}

struct DecodedRecord {
  std::int64_t offset;
  std::int64_t timestamp;
  std::string key;
  std::string value;  // "<null>" for a tombstone
};

// Every record of the stored batches in `bytes`, checking each batch's CRC.
inline std::vector<DecodedRecord> decode(ByteView bytes) {
  std::vector<DecodedRecord> out;
  auto batches = record::splitBatches(bytes);
  if (!batches.isOk()) {
    qWarning() << "bad batches:" << batches.status().toString().c_str();
    return out;
  }
  for (const auto& view : *batches) {
    if (!view.validate().isOk()) {
      qWarning() << "bad batch:" << view.validate().toString().c_str();
      return {};
    }
    record::RecordIterator it(view);
    record::Record r;
    while (it.next(r)) {
      out.push_back({r.offset, r.timestamp, r.key ? std::string(asChars(*r.key)) : "<null>",
                     r.value ? std::string(asChars(*r.value)) : "<null>"});
    }
  }
  return out;
}

// Reads the whole log from its start in small fetches, as a consumer would.
inline std::vector<DecodedRecord> readAll(const PartitionLog& log, std::size_t maxBytes = 4096) {
  std::vector<DecodedRecord> out;
  std::int64_t offset = log.logStartOffset();
  while (offset < log.logEndOffset()) {
    auto r = log.read(offset, maxBytes);
    if (!r.isOk()) {
      qWarning() << "read failed:" << r.status().toString().c_str();
      break;
    }
    if (r->records.empty()) break;
    for (auto& rec : decode(r->records)) {
      if (rec.offset >= offset) out.push_back(rec);
    }
    offset = r->nextOffset;
  }
  return out;
}

struct LogFixture {
  MemoryEnv memory;
  Env* env = &memory;
  ManualClock clock{1'700'000'000'000};
  std::string dir = "/data/orders-0";
  LogConfig config;

  LogFixture() { memory.createDir("/data"); }

  Result<std::unique_ptr<PartitionLog>> open() {
    return PartitionLog::open({.env = env, .clock = &clock, .dir = dir, .config = config});
  }
  std::unique_ptr<PartitionLog> openOrFail() {
    auto log = open();
    if (!log.isOk()) qFatal("open failed: %s", log.status().toString().c_str());
    return std::move(log).value();
  }
};

inline LogAppendInfo appendOrFail(PartitionLog& log, Bytes batch, std::int32_t epoch = 0) {
  auto info = log.appendAsLeader(batch, epoch);
  if (!info.isOk()) qFatal("append failed: %s", info.status().toString().c_str());
  return *info;
}

// The offsets of decoded records, and [from, to) to compare them with.
inline std::vector<std::int64_t> offsetsOf(const std::vector<DecodedRecord>& records) {
  std::vector<std::int64_t> out;
  out.reserve(records.size());
  for (const auto& r : records)
    out.push_back(r.offset);
  return out;
}
inline std::vector<std::int64_t> range(std::int64_t from, std::int64_t to) {
  std::vector<std::int64_t> out;
  out.reserve(static_cast<std::size_t>(std::max<std::int64_t>(0, to - from)));
  for (std::int64_t i = from; i < to; ++i)
    out.push_back(i);
  return out;
}

}  // namespace runnel::testing
