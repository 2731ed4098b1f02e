#include "engine/datagen/orders.h"

#include <cstdio>

#include "engine/common/json_writer.h"
#include "engine/datagen/record_ids.h"

namespace runnel::datagen {
namespace {

struct Product {
  const char* name;
  double price;
};
constexpr Product kCatalogue[] = {{"Espresso beans", 9.5}, {"Pour-over kettle", 39.0},
                                  {"Burr grinder", 129.0}, {"Paper filters", 4.25},
                                  {"Travel mug", 18.0},    {"Milk frother", 24.5},
                                  {"Decaf blend", 8.75},   {"Cold brew jar", 21.0}};
constexpr const char* kRegions[] = {"EU", "NA", "APAC", "LATAM"};

}  // namespace

std::vector<FieldDescription> Orders::fields() const {
  return {{"order_id", "STRING"}, {"customer_id", "STRING"}, {"product", "STRING"},
          {"quantity", "INT"},    {"unit_price", "DOUBLE"},  {"total", "DOUBLE"},
          {"region", "STRING"}};
}

GeneratedRecord Orders::next(std::int64_t nowMs) {
  const Product& product =
      kCatalogue[std::uniform_int_distribution<std::size_t>(0, std::size(kCatalogue) - 1)(rng_)];
  const int quantity = 1 + static_cast<int>(std::geometric_distribution<int>(0.55)(rng_));
  const int customer = std::uniform_int_distribution<int>(1, customers_)(rng_);
  const std::string orderId = idOf("o", nextOrder_++, 7);
  JsonWriter json;
  json.beginObject()
      .key("order_id")
      .value(orderId)
      .key("customer_id")
      .value(idOf("c", customer, 4))
      .key("product")
      .value(product.name)
      .key("quantity")
      .value(quantity)
      .key("unit_price")
      .value(product.price)
      .key("total")
      .value(product.price * quantity)
      .key("region")
      .value(kRegions[customer % std::size(kRegions)])
      .endObject();
  return {orderId, json.take(), nowMs};
}

}  // namespace runnel::datagen
