// ApiVersions (key 18), versions 0-3. The version table is derived from the HandlerRegistry.
// v3 requests name the client software; it is recorded in the connection's ClientIdentity.
// Not implemented: supported/finalized features (none are advertised). An unknown version is
// answered by the dispatcher with a v0 reply and UNSUPPORTED_VERSION. The response header never
// carries tagged fields (Kafka's rule for ApiVersions; the codec's header table encodes it).
#include "engine/kafka/handlers/api_versions_handler.h"

namespace runnel::kafka {

ApiVersionsResponse buildApiVersionsResponse(const HandlerRegistry& registry) {
  ApiVersionsResponse response;
  for (const auto& [key, handler] : registry.all()) {
    ApiVersionsResponse::ApiVersion v;
    v.apiKey = key;
    v.minVersion = handler.minVersion;
    v.maxVersion = handler.maxVersion;
    response.apiKeys.push_back(v);
  }
  return response;
}

void registerApiVersions(HandlerRegistry& r) {
  // The handler reads the registry it lives in; it is filled before any request arrives.
  const HandlerRegistry* registry = &r;
  r.add({ApiVersionsRequest::kApiKey, 0, 3, [registry](HandlerCall& call) {
           auto& request = static_cast<ApiVersionsRequest&>(*call.body);
           if (call.request->identity && call.version() >= 3) {
             call.request->identity->softwareName = request.clientSoftwareName;
             call.request->identity->softwareVersion = request.clientSoftwareVersion;
           }
           ApiVersionsResponse response = buildApiVersionsResponse(*registry);
           call.reply(&response);
         }});
}

}  // namespace runnel::kafka
