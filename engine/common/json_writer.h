// JsonWriter: builds compact JSON text with correct string escaping — for generated records,
// `--output json`, and result exports. It does not check structure beyond what its calls imply
// (a key inside an object, values in arrays). Not thread-safe; a plain value.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace runnel {

class JsonWriter {
 public:
  JsonWriter& beginObject();
  JsonWriter& endObject();
  JsonWriter& beginArray();
  JsonWriter& endArray();
  // The key of the next value inside an object.
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(std::int64_t number);
  JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
  // Finite numbers print with up to 17 significant digits, shortest form; NaN and infinities
  // (which JSON cannot hold) print as null.
  JsonWriter& value(double number);
  JsonWriter& value(bool flag);
  JsonWriter& null();
  // Inserts already-encoded JSON as the next value.
  JsonWriter& raw(std::string_view json);

  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }

  // Appends `text` as a quoted, escaped JSON string.
  static void appendQuoted(std::string& out, std::string_view text);

 private:
  void separate();

  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool afterKey_ = false;
};

}  // namespace runnel
