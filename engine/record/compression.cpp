#include "engine/record/compression.h"

#include <zlib.h>
// A build may leave a codec out (RUNNEL_WITH_SNAPPY/LZ4/ZSTD=OFF in CMake, for platforms without
// the library); its batches are then refused with a clear error instead of failing the build.
#if RUNNEL_HAVE_LZ4
#include <lz4frame.h>
#endif
#if RUNNEL_HAVE_SNAPPY
#include <snappy.h>
#endif
#if RUNNEL_HAVE_ZSTD
#include <zstd.h>
#endif

#include <array>
#include <cstring>
#include <memory>
#include <string>

namespace runnel::record {
namespace {

constexpr std::size_t kOutputChunk = std::size_t{64} * 1024;

Status tooLarge(std::string_view codec, std::size_t maxOutput) {
  return Status::corruption(std::string(codec) + " data decompresses to more than " +
                            std::to_string(maxOutput) + " bytes");
}

[[maybe_unused]] Status missingCodec(std::string_view codec, std::string_view option) {
  return Status::notSupported(std::string(codec) +
                              " compression is not available in this build of Runnel (built with " +
                              std::string(option) + "=OFF)");
}

// ---- gzip ------------------------------------------------------------------------------------

Status gzipCompress(ByteView input, Bytes& out) {
  z_stream zs{};
  // windowBits 15 + 16 asks zlib for a gzip wrapper rather than a zlib one.
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return Status::internal("gzip: deflateInit2 failed");
  }
  const std::size_t start = out.size();
  out.resize(start + deflateBound(&zs, static_cast<uLong>(input.size())));
  zs.next_in = const_cast<Bytef*>(input.data());
  zs.avail_in = static_cast<uInt>(input.size());
  zs.next_out = out.data() + start;
  zs.avail_out = static_cast<uInt>(out.size() - start);
  const int rc = deflate(&zs, Z_FINISH);
  const std::size_t produced = zs.total_out;
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return Status::internal("gzip: deflate did not finish");
  out.resize(start + produced);
  return Status::ok();
}

Status gzipDecompress(ByteView input, Bytes& out, std::size_t maxOutput) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 32) != Z_OK) return Status::internal("gzip: inflateInit2 failed");
  std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&zs, inflateEnd);
  zs.next_in = const_cast<Bytef*>(input.data());
  zs.avail_in = static_cast<uInt>(input.size());
  const std::size_t start = out.size();
  for (;;) {
    const std::size_t have = out.size();
    out.resize(have + kOutputChunk);
    zs.next_out = out.data() + have;
    zs.avail_out = static_cast<uInt>(kOutputChunk);
    const int rc = inflate(&zs, Z_NO_FLUSH);
    out.resize(out.size() - zs.avail_out);
    if (out.size() - start > maxOutput) return tooLarge("gzip", maxOutput);
    if (rc == Z_STREAM_END) return Status::ok();
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) return Status::corruption("gzip data is truncated");
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      return Status::corruption(std::string("gzip data is invalid: ") +
                                (zs.msg ? zs.msg : "inflate error"));
    }
  }
}

// ---- snappy ----------------------------------------------------------------------------------
#if RUNNEL_HAVE_SNAPPY

// snappy-java's stream header: magic, then format version and minimum compatible version.
constexpr std::array<std::uint8_t, 8> kXerialMagic = {0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};
constexpr std::size_t kXerialHeaderSize = 16;
// snappy-java's default block size.
constexpr std::size_t kXerialBlockSize = std::size_t{32} * 1024;

Status snappyCompress(ByteView input, Bytes& out) {
  out.insert(out.end(), kXerialMagic.begin(), kXerialMagic.end());
  std::uint8_t word[4];
  storeBigEndian32(word, 1);  // version
  out.insert(out.end(), word, word + 4);
  out.insert(out.end(), word, word + 4);  // compatible version
  std::size_t pos = 0;
  do {
    const std::size_t n = std::min(kXerialBlockSize, input.size() - pos);
    const std::size_t lengthAt = out.size();
    out.resize(lengthAt + 4 + snappy::MaxCompressedLength(n));
    std::size_t written = 0;
    snappy::RawCompress(reinterpret_cast<const char*>(input.data() + pos), n,
                        reinterpret_cast<char*>(out.data() + lengthAt + 4), &written);
    storeBigEndian32(out.data() + lengthAt, static_cast<std::uint32_t>(written));
    out.resize(lengthAt + 4 + written);
    pos += n;
  } while (pos < input.size());
  return Status::ok();
}

Status snappyRawBlock(ByteView block, Bytes& out, std::size_t start, std::size_t maxOutput) {
  const auto* p = reinterpret_cast<const char*>(block.data());
  std::size_t length = 0;
  if (!snappy::GetUncompressedLength(p, block.size(), &length)) {
    return Status::corruption("snappy block has an invalid length header");
  }
  if (out.size() - start + length > maxOutput) return tooLarge("snappy", maxOutput);
  const std::size_t at = out.size();
  out.resize(at + length);
  if (!snappy::RawUncompress(p, block.size(), reinterpret_cast<char*>(out.data() + at))) {
    return Status::corruption("snappy block is invalid");
  }
  return Status::ok();
}

Status snappyDecompress(ByteView input, Bytes& out, std::size_t maxOutput) {
  const std::size_t start = out.size();
  const bool framed = input.size() >= kXerialHeaderSize &&
                      std::memcmp(input.data(), kXerialMagic.data(), kXerialMagic.size()) == 0;
  if (!framed) return snappyRawBlock(input, out, start, maxOutput);
  std::size_t pos = kXerialHeaderSize;
  while (pos < input.size()) {
    if (input.size() - pos < 4) return Status::corruption("snappy-java frame is truncated");
    const std::uint32_t length = loadBigEndian32(input.data() + pos);
    pos += 4;
    if (length > input.size() - pos)
      return Status::corruption("snappy-java block runs past the end");
    RUNNEL_RETURN_IF_ERROR(snappyRawBlock(input.subspan(pos, length), out, start, maxOutput));
    pos += length;
  }
  return Status::ok();
}

#else
Status snappyCompress(ByteView, Bytes&) {
  return missingCodec("snappy", "RUNNEL_WITH_SNAPPY");
}
Status snappyDecompress(ByteView, Bytes&, std::size_t) {
  return missingCodec("snappy", "RUNNEL_WITH_SNAPPY");
}
#endif  // RUNNEL_HAVE_SNAPPY

// ---- lz4 -------------------------------------------------------------------------------------
#if RUNNEL_HAVE_LZ4

Status lz4Compress(ByteView input, Bytes& out) {
  LZ4F_preferences_t prefs{};
  prefs.frameInfo.blockSizeID = LZ4F_max64KB;
  prefs.frameInfo.blockMode = LZ4F_blockIndependent;
  const std::size_t bound = LZ4F_compressFrameBound(input.size(), &prefs);
  const std::size_t start = out.size();
  out.resize(start + bound);
  const std::size_t n =
      LZ4F_compressFrame(out.data() + start, bound, input.data(), input.size(), &prefs);
  if (LZ4F_isError(n)) return Status::internal(std::string("lz4: ") + LZ4F_getErrorName(n));
  out.resize(start + n);
  return Status::ok();
}

Status lz4Decompress(ByteView input, Bytes& out, std::size_t maxOutput) {
  LZ4F_dctx* raw = nullptr;
  if (LZ4F_isError(LZ4F_createDecompressionContext(&raw, LZ4F_VERSION))) {
    return Status::internal("lz4: cannot create a decompression context");
  }
  std::unique_ptr<LZ4F_dctx, LZ4F_errorCode_t (*)(LZ4F_dctx*)> ctx(raw,
                                                                   LZ4F_freeDecompressionContext);
  const std::size_t start = out.size();
  std::size_t pos = 0;
  for (;;) {
    const std::size_t have = out.size();
    out.resize(have + kOutputChunk);
    std::size_t outSize = kOutputChunk;
    std::size_t inSize = input.size() - pos;
    const std::size_t hint = LZ4F_decompress(ctx.get(), out.data() + have, &outSize,
                                             input.data() + pos, &inSize, nullptr);
    out.resize(have + outSize);
    pos += inSize;
    if (LZ4F_isError(hint))
      return Status::corruption(std::string("lz4 frame is invalid: ") + LZ4F_getErrorName(hint));
    if (out.size() - start > maxOutput) return tooLarge("lz4", maxOutput);
    if (hint == 0) return Status::ok();  // frame complete
    if (pos == input.size() && outSize == 0) return Status::corruption("lz4 frame is truncated");
  }
}

#else
Status lz4Compress(ByteView, Bytes&) {
  return missingCodec("lz4", "RUNNEL_WITH_LZ4");
}
Status lz4Decompress(ByteView, Bytes&, std::size_t) {
  return missingCodec("lz4", "RUNNEL_WITH_LZ4");
}
#endif  // RUNNEL_HAVE_LZ4

// ---- zstd ------------------------------------------------------------------------------------
#if RUNNEL_HAVE_ZSTD

Status zstdCompress(ByteView input, Bytes& out) {
  const std::size_t start = out.size();
  const std::size_t bound = ZSTD_compressBound(input.size());
  out.resize(start + bound);
  const std::size_t n = ZSTD_compress(out.data() + start, bound, input.data(), input.size(), 3);
  if (ZSTD_isError(n)) return Status::internal(std::string("zstd: ") + ZSTD_getErrorName(n));
  out.resize(start + n);
  return Status::ok();
}

Status zstdDecompress(ByteView input, Bytes& out, std::size_t maxOutput) {
  // Streaming, because producers that stream-compress do not record the content size.
  std::unique_ptr<ZSTD_DCtx, std::size_t (*)(ZSTD_DCtx*)> ctx(ZSTD_createDCtx(), ZSTD_freeDCtx);
  if (!ctx) return Status::internal("zstd: cannot create a decompression context");
  ZSTD_inBuffer in{input.data(), input.size(), 0};
  const std::size_t start = out.size();
  std::size_t lastResult = 1;
  while (in.pos < in.size || lastResult != 0) {
    const std::size_t have = out.size();
    out.resize(have + kOutputChunk);
    ZSTD_outBuffer o{out.data() + have, kOutputChunk, 0};
    const std::size_t before = in.pos;
    lastResult = ZSTD_decompressStream(ctx.get(), &o, &in);
    out.resize(have + o.pos);
    if (ZSTD_isError(lastResult)) {
      return Status::corruption(std::string("zstd data is invalid: ") +
                                ZSTD_getErrorName(lastResult));
    }
    if (out.size() - start > maxOutput) return tooLarge("zstd", maxOutput);
    if (lastResult != 0 && in.pos == in.size && in.pos == before && o.pos < kOutputChunk) {
      return Status::corruption("zstd data is truncated");
    }
  }
  return Status::ok();
}

#else
Status zstdCompress(ByteView, Bytes&) {
  return missingCodec("zstd", "RUNNEL_WITH_ZSTD");
}
Status zstdDecompress(ByteView, Bytes&, std::size_t) {
  return missingCodec("zstd", "RUNNEL_WITH_ZSTD");
}
#endif  // RUNNEL_HAVE_ZSTD

}  // namespace

std::string_view codecName(CompressionCodec codec) {
  switch (codec) {
    case CompressionCodec::kNone:
      return "none";
    case CompressionCodec::kGzip:
      return "gzip";
    case CompressionCodec::kSnappy:
      return "snappy";
    case CompressionCodec::kLz4:
      return "lz4";
    case CompressionCodec::kZstd:
      return "zstd";
  }
  return "unknown";
}

std::optional<CompressionCodec> parseCodec(std::string_view name) {
  for (int id = 0; id <= kMaxCompressionCodecId; ++id) {
    const auto codec = static_cast<CompressionCodec>(id);
    if (codecName(codec) == name) return codec;
  }
  return std::nullopt;
}

Status compress(CompressionCodec codec, ByteView input, Bytes& out) {
  switch (codec) {
    case CompressionCodec::kNone:
      out.insert(out.end(), input.begin(), input.end());
      return Status::ok();
    case CompressionCodec::kGzip:
      return gzipCompress(input, out);
    case CompressionCodec::kSnappy:
      return snappyCompress(input, out);
    case CompressionCodec::kLz4:
      return lz4Compress(input, out);
    case CompressionCodec::kZstd:
      return zstdCompress(input, out);
  }
  return Status::invalidArgument("unknown compression codec");
}

Status decompress(CompressionCodec codec, ByteView input, Bytes& out, std::size_t maxOutput) {
  switch (codec) {
    case CompressionCodec::kNone:
      if (input.size() > maxOutput) return tooLarge("uncompressed", maxOutput);
      out.insert(out.end(), input.begin(), input.end());
      return Status::ok();
    case CompressionCodec::kGzip:
      return gzipDecompress(input, out, maxOutput);
    case CompressionCodec::kSnappy:
      return snappyDecompress(input, out, maxOutput);
    case CompressionCodec::kLz4:
      return lz4Decompress(input, out, maxOutput);
    case CompressionCodec::kZstd:
      return zstdDecompress(input, out, maxOutput);
  }
  return Status::corruption("unknown compression codec");
}

}  // namespace runnel::record
