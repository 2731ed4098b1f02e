// Writes the seed corpus of request_decoder_fuzz: one file per request API and a few versions
// each (lowest, first flexible, highest), every field filled by fillForTest(), framed as a client
// sends it. Run: make_request_corpus <dir>. Built with the fuzzers; the output is committed in
// corpus/request_decoder/ so fuzzing starts from real requests of every API.
#include <cstdio>
#include <fstream>
#include <set>
#include <string>

#include "engine/kafka/messages/api_keys.h"
#include "engine/kafka/messages/message_factory.h"
#include "engine/kafka/messages/testing/messages_testing.h"
#include "engine/kafka/protocol/message_frames.h"

int main(int argc, char** argv) {
  using namespace runnel;
  using namespace runnel::kafka;
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s <corpus-dir>\n", argv[0]);
    return 2;
  }
  int written = 0;
  for (const ApiInfo& api : allApis()) {
    std::set<std::int16_t> versions{api.minVersion, api.maxVersion};
    if (api.firstFlexibleVersion >= 0) versions.insert(api.firstFlexibleVersion);
    for (std::int16_t version : versions) {
      auto request = createRequest(api.key);
      testing::fillForTest(*request, version, version == api.maxVersion);
      Bytes frame;
      if (!appendRequestFrame(frame, version, 1000 + written, "fuzz-seed", *request).isOk()) {
        std::fprintf(stderr, "cannot encode %s v%d\n", std::string(api.name).c_str(), version);
        return 1;
      }
      const std::string path = std::string(argv[1]) + "/" + std::string(api.name) + "-v" +
                               std::to_string(version) + ".bin";
      std::ofstream(path, std::ios::binary)
          .write(reinterpret_cast<const char*>(frame.data()),
                 static_cast<std::streamsize>(frame.size()));
      ++written;
    }
  }
  std::printf("%d seeds written\n", written);
  return 0;
}
