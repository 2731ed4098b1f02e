// Catalog: the streams and tables the SQL engine knows, by canonical name. The catalog itself is
// in memory; durability comes from the command topic (see command_log.h): every DDL statement
// is logged there and replayed at start, so a restarted engine rebuilds the same catalog, as
// ksqlDB does.
// Thread-safety: every method may be called from any thread (one mutex); lookups return copies.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/common/result.h"
#include "engine/common/thread_annotations.h"
#include "engine/sql/catalog/source_info.h"

namespace runnel::sql {

class Catalog {
 public:
  Status add(SourceInfo source, bool replace = false);
  Status remove(const std::string& name);
  std::optional<SourceInfo> find(const std::string& name) const;
  bool contains(const std::string& name) const { return find(name).has_value(); }
  // In name order.
  std::vector<SourceInfo> list() const;
  void setOwner(const std::string& name, std::optional<std::string> queryId);
  void clear();

 private:
  mutable Mutex mu_;
  std::map<std::string, SourceInfo> sources_ GUARDED_BY(mu_);
};

}  // namespace runnel::sql
