// libFuzzer target for the server's request path: bytes as a client would send them go through
// the frame splitter (with a small socket.request.max.bytes), the request header parser and the
// body decoder of whatever API key and version the header names. Beyond "no crash, no sanitizer
// report", every body that decodes must re-encode, and decoding that encoding must give the same
// bytes again: a decoder that loses or invents data aborts. See README.md to run it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "engine/common/byte_writer.h"
#include "engine/kafka/protocol/frame_splitter.h"
#include "engine/kafka/protocol/message.h"
#include "engine/kafka/protocol/message_frames.h"
#include "engine/kafka/protocol/request_header_parser.h"

namespace {

using namespace runnel;
using namespace runnel::kafka;

constexpr std::size_t kMaxFrameBytes = 1 << 16;

void checkCanonical(const Message& request, std::int16_t version) {
  Bytes first;
  ByteWriter firstWriter(first);
  if (!request.encode(firstWriter, version).isOk()) std::abort();  // decoded, so encodable
  RequestHeaderInfo bodyOnly;  // decodeRequestBody reads the body from bodyOffset on
  bodyOnly.apiKey = request.messageApiKey();
  bodyOnly.apiVersion = version;
  bodyOnly.headerVersion = 0;
  bodyOnly.bodyOffset = 0;
  auto decoded = decodeRequestBody(bodyOnly, first);
  if (!decoded.isOk()) std::abort();
  Bytes second;
  ByteWriter secondWriter(second);
  if (!(*decoded)->encode(secondWriter, version).isOk() || second != first) std::abort();
}

void processFrame(ByteView frame) {
  auto header = parseRequestHeader(frame);
  if (!header.isOk() || !header->isSupported()) return;
  auto request = decodeRequestBody(*header, frame);
  if (!request.isOk()) return;
  checkCanonical(**request, header->apiVersion);
}

}  // namespace

// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FrameSplitter splitter(kMaxFrameBytes);
  const Status fed = splitter.feed(ByteView(data, size));
  while (auto frame = splitter.nextFrame())
    processFrame(*frame);
  (void)fed;  // a bad size after some good frames is an expected outcome, not a finding
  return 0;
}
