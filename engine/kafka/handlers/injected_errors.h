// Injected errors: before a request reaches its handler, the cluster's RequestFaults may decide
// it gets an error code instead (the studio's Break Things). This answers it the way a broker
// refusing it would — the error in every partition of a per-partition response (Produce, Fetch,
// ListOffsets, OffsetCommit), in the top-level error field of the others — without touching the
// cluster, so a refused Produce appends nothing and a client's retry is not a duplicate.
// Metadata is served as usual and its topics carry the error.
// Thread-safety: as the handlers (any listener thread).
#pragma once

#include "engine/kafka/handlers/handler_registry.h"

namespace runnel::kafka {

// True when a fault rule fired: the call has been answered (or, for Metadata, will be answered
// by its handler with the error filled in) and the caller must not handle it.
bool answerWithInjectedError(HandlerCall& call, const ApiHandler& handler);

}  // namespace runnel::kafka
