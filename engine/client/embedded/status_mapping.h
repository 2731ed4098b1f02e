// How the embedded client turns the cluster's answers (Kafka error codes with a message, group
// errors) into runnel::Status: retriable codes become Unavailable, timeouts TimedOut, fencing
// Aborted, the rest by meaning; the message always starts with the Kafka error name, as a remote
// backend's would. Pure functions.
#pragma once

#include "engine/cluster/api_error.h"
#include "engine/cluster/group/group_error.h"
#include "engine/common/status.h"

namespace runnel::client::embedded {

Status toStatus(const cluster::ApiError& error);
Status toStatus(group::GroupError error, std::string_view context = {});

}  // namespace runnel::client::embedded
