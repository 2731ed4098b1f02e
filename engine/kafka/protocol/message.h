// Message: the common interface of every generated Kafka message (requests, responses, the two
// headers and the standalone "data" schemas), so that server code can decode a request whose
// type it learns only from the header (createRequest() in engine/kafka/messages/message_factory.h).
// Messages are plain values owned by whoever holds them; not thread-safe (one thread at a time).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/byte_writer.h"
#include "engine/common/bytes.h"
#include "engine/common/status.h"
#include "engine/kafka/protocol/wire_types.h"

namespace runnel::kafka {

enum class MessageKind : std::uint8_t { kRequest, kResponse, kHeader, kData };

class Message {
 public:
  virtual ~Message() = default;

  // "ProduceRequest", as in Kafka's JSON definitions.
  virtual std::string_view messageName() const = 0;
  virtual MessageKind kind() const = 0;
  // The API key for requests and responses; -1 for headers and data schemas.
  virtual std::int16_t messageApiKey() const = 0;
  virtual std::int16_t lowestVersion() const = 0;
  virtual std::int16_t highestVersion() const = 0;

  // Appends this message's body in the given version. Fails (writing a partial body the caller
  // must discard) on an unsupported version, on null in a field not nullable in that version, on
  // a string over 32767 bytes, or on a non-default value in a non-ignorable field the version
  // lacks (Kafka's rule: such data would otherwise be silently dropped).
  virtual Status encode(ByteWriter& out, std::int16_t version) const = 0;
  // Replaces this message with the one read from `in` (fields the version lacks get their
  // defaults). Fails on truncated or malformed input, never reading outside `in`. Records fields
  // borrow from the bytes behind `in` (see RecordsView).
  virtual Status decode(ByteReader& in, std::int16_t version) = 0;

  bool isSupportedVersion(std::int16_t version) const {
    return version >= lowestVersion() && version <= highestVersion();
  }

 protected:
  Message() = default;
  Message(const Message&) = default;
  Message& operator=(const Message&) = default;
  Message(Message&&) = default;
  Message& operator=(Message&&) = default;
  // Lets generated messages default their operator== (a base has no state to compare).
  bool operator==(const Message&) const = default;
};

}  // namespace runnel::kafka
