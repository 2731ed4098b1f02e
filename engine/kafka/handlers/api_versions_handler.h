// ApiVersions, shared with the dispatcher, which answers unknown ApiVersions versions itself.
#pragma once

#include "engine/kafka/handlers/handler_registry.h"
#include "engine/kafka/messages/api_versions.h"

namespace runnel::kafka {

// Every registered API with its version range, in key order.
ApiVersionsResponse buildApiVersionsResponse(const HandlerRegistry& registry);

}  // namespace runnel::kafka
