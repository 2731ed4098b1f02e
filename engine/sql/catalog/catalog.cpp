#include "engine/sql/catalog/catalog.h"

namespace runnel::sql {

std::string_view sourceTypeName(SourceType type) {
  return type == SourceType::kTable ? "TABLE" : "STREAM";
}

std::vector<Column> SourceInfo::keyColumns() const {
  std::vector<Column> out;
  for (const auto& c : schema.columns)
    if (c.role == ColumnRole::kKey) out.push_back(c);
  return out;
}

std::vector<Column> SourceInfo::valueColumns() const {
  std::vector<Column> out;
  for (const auto& c : schema.columns)
    if (c.role == ColumnRole::kValue) out.push_back(c);
  return out;
}

Status Catalog::add(SourceInfo source, bool replace) {
  MutexLock lock(mu_);
  auto it = sources_.find(source.name);
  if (it != sources_.end() && !replace)
    return Status::alreadyExists(std::string("a ") + (it->second.isTable() ? "table" : "stream") +
                                 " named " + source.name + " already exists");
  std::string name = source.name;
  sources_[name] = std::move(source);
  return Status::ok();
}

Status Catalog::remove(const std::string& name) {
  MutexLock lock(mu_);
  if (!sources_.erase(name)) return Status::notFound("no stream or table named " + name);
  return Status::ok();
}

std::optional<SourceInfo> Catalog::find(const std::string& name) const {
  MutexLock lock(mu_);
  auto it = sources_.find(name);
  if (it == sources_.end()) return std::nullopt;
  return it->second;
}

std::vector<SourceInfo> Catalog::list() const {
  MutexLock lock(mu_);
  std::vector<SourceInfo> out;
  for (const auto& [name, s] : sources_)
    out.push_back(s);
  return out;
}

void Catalog::setOwner(const std::string& name, std::optional<std::string> queryId) {
  MutexLock lock(mu_);
  auto it = sources_.find(name);
  if (it != sources_.end()) it->second.ownerQuery = std::move(queryId);
}

void Catalog::clear() {
  MutexLock lock(mu_);
  sources_.clear();
}

}  // namespace runnel::sql
