// The constants of Kafka's "consumer" embedded protocol: the bytes a consumer puts in
// JoinGroup's protocol metadata (Subscription) and the leader puts in SyncGroup's assignments
// (Assignment). Shared by the encoder and the decoder; layout in docs/formats/consumer_protocol.md.
// Both are non-flexible structs behind a 2-byte version header: int16 string lengths,
// int32 array counts and int32 byte lengths (-1 = null), no tagged fields.
#pragma once

#include <cstdint>
#include <string_view>

namespace runnel::assignors {

// JoinGroup's ProtocolType for consumers.
inline constexpr std::string_view kConsumerProtocolType = "consumer";

// Subscription: v0 Topics, UserData; v1 + OwnedPartitions; v2 + GenerationId; v3 + RackId.
// Assignment: v0 AssignedPartitions, UserData; v1..v3 add nothing (bumped with Subscription).
inline constexpr std::int16_t kConsumerProtocolMinVersion = 0;
inline constexpr std::int16_t kConsumerProtocolMaxVersion = 3;
inline constexpr std::int16_t kOwnedPartitionsVersion = 1;
inline constexpr std::int16_t kGenerationIdVersion = 2;
inline constexpr std::int16_t kRackIdVersion = 3;

// GenerationId when the member has none (never joined, or v0/v1 bytes).
inline constexpr std::int32_t kNoGeneration = -1;

// Lengths that mean "null" for nullable bytes / strings.
inline constexpr std::int32_t kNullBytesLength = -1;
inline constexpr std::int16_t kNullStringLength = -1;

}  // namespace runnel::assignors
