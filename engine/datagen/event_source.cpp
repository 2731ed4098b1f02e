#include "engine/datagen/event_source.h"

#include "engine/datagen/card_authorizations.h"
#include "engine/datagen/orders.h"
#include "engine/datagen/page_views.h"

namespace runnel::datagen {

std::unique_ptr<EventSource> makeEventSource(const std::string& name, std::uint64_t seed) {
  if (name == "card-authorizations") return std::make_unique<CardAuthorizations>(seed);
  if (name == "orders") return std::make_unique<Orders>(seed);
  if (name == "page-views") return std::make_unique<PageViews>(seed);
  return nullptr;
}

std::vector<std::string> eventSourceNames() {
  return {"card-authorizations", "orders", "page-views"};
}

}  // namespace runnel::datagen
