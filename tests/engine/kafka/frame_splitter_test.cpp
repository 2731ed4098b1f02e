// FrameSplitter against the ways a TCP stream really arrives: frames split at every byte, many
// frames in one read, empty frames; and against hostile sizes (negative, above
// socket.request.max.bytes), which must fail clearly and keep failing.
#include <QtTest>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <vector>

#include "engine/kafka/protocol/frame_splitter.h"

using namespace runnel;
using namespace runnel::kafka;

namespace {

// The frames of `payloads`, back to back, as a stream.
Bytes framed(std::initializer_list<std::string> payloads) {
  std::size_t total = 0;
  for (const std::string& payload : payloads)
    total += 4 + payload.size();
  Bytes out(total);
  std::uint8_t* p = out.data();
  for (const std::string& payload : payloads) {
    storeBigEndian32(p, static_cast<std::uint32_t>(payload.size()));
    p = std::copy(payload.begin(), payload.end(), p + 4);
  }
  return out;
}

std::vector<std::string> drain(FrameSplitter& splitter) {
  std::vector<std::string> frames;
  while (auto frame = splitter.nextFrame())
    frames.emplace_back(asChars(*frame));
  return frames;
}

}  // namespace

class FrameSplitterTest : public QObject {
  Q_OBJECT
 private slots:
  void wholeFramesInOneRead() {
    const Bytes stream = framed({"hello", "", "kafka"});
    FrameSplitter splitter;
    QVERIFY(splitter.feed(stream).isOk());
    QCOMPARE(drain(splitter), (std::vector<std::string>{"hello", "", "kafka"}));
    QCOMPARE(splitter.bufferedBytes(), std::size_t{0});
  }

  void byteByByte() {
    const Bytes stream = framed({"abc", "defgh"});
    FrameSplitter splitter;
    for (std::uint8_t b : stream) {
      QVERIFY(splitter.feed(ByteView(&b, 1)).isOk());
    }
    QCOMPARE(drain(splitter), (std::vector<std::string>{"abc", "defgh"}));
  }

  void partialFrameWaits() {
    const Bytes stream = framed({"0123456789"});
    FrameSplitter splitter;
    QVERIFY(splitter.feed(ByteView(stream).first(7)).isOk());
    QCOMPARE(splitter.readyFrames(), std::size_t{0});
    QCOMPARE(splitter.bufferedBytes(), std::size_t{7});
    QVERIFY(splitter.feed(ByteView(stream).subspan(7)).isOk());
    QCOMPARE(drain(splitter), (std::vector<std::string>{"0123456789"}));
  }

  void negativeSizeIsMalformed() {
    FrameSplitter splitter;
    const Bytes stream = {0xff, 0xff, 0xff, 0xfe, 0x00};
    const Status status = splitter.feed(stream);
    QVERIFY(status.isInvalidArgument());
    QVERIFY(status.message().find("negative size -2") != std::string::npos);
    QVERIFY(splitter.feed(framed({"ok"})).isInvalidArgument());  // sticky
  }

  void oversizedFrameIsRefusedBeforeItsBodyArrives() {
    FrameSplitter splitter(100);
    QVERIFY(splitter.feed(framed({std::string(100, 'x')})).isOk());
    QCOMPARE(splitter.readyFrames(), std::size_t{1});
    const Bytes header = {0x00, 0x00, 0x00, 0x65};  // 101 bytes announced
    const Status status = splitter.feed(header);
    QVERIFY(status.isResourceExhausted());
    QVERIFY(status.message().find("socket.request.max.bytes (100)") != std::string::npos);
    QCOMPARE(splitter.readyFrames(), std::size_t{1});  // frames before the bad one survive
  }

  void defaultLimitIsKafkas() {
    FrameSplitter splitter;
    QCOMPARE(splitter.maxFrameBytes(), std::size_t{104857600});
    const Bytes header = {0x06, 0x40, 0x00, 0x01};  // 104857601
    QVERIFY(splitter.feed(header).isResourceExhausted());
  }
};

QTEST_APPLESS_MAIN(FrameSplitterTest)
#include "frame_splitter_test.moc"
