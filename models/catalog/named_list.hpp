// NamedList: catalog entries of one kind in file order, with lookup by name. Names are unique; a missing name
// throws CatalogError `unknown GPU "H1000" (known: B200, H100-SXM, H200, MI300X)` (known names sorted).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "models/catalog/catalog_error.hpp"

namespace clustersim::models::catalog {

template <class T>
class NamedList {
 public:
  explicit NamedList(std::string label = "entry") : label_(std::move(label)) {}

  // Appends `entry`; `where` locates it ("gpus[3]") for the duplicate-name error.
  void add(T entry, const Where& where) {
    const auto [it, inserted] = index_.try_emplace(entry.name, items_.size());
    if (!inserted) {
      fail(where.key("name"),
           "duplicate " + label_ + " name \"" + entry.name + "\" (also " + where_[it->second].path + ")");
    }
    items_.push_back(std::move(entry));
    where_.push_back(where);
  }

  bool contains(std::string_view name) const { return index_.find(name) != index_.end(); }

  const T& get(std::string_view name) const {
    const auto it = index_.find(name);
    if (it == index_.end()) throw CatalogError(unknown_message(name));
    return items_[it->second];
  }

  // `unknown GPU "H1000" (known: B200, H100-SXM, H200, MI300X)`
  std::string unknown_message(std::string_view name) const {
    std::string known;
    for (const auto& [n, i] : index_) known += (known.empty() ? "" : ", ") + n;
    return "unknown " + label_ + " \"" + std::string(name) + "\" (known: " + (known.empty() ? "none" : known) + ")";
  }

  const std::vector<T>& all() const { return items_; }
  const Where& where(std::size_t i) const { return where_.at(i); }

  std::vector<std::string> names() const {  // sorted
    std::vector<std::string> out;
    for (const auto& [name, i] : index_) out.push_back(name);
    return out;
  }

 private:
  std::string label_;
  std::vector<T> items_;
  std::vector<Where> where_;
  std::map<std::string, std::size_t, std::less<>> index_;
};

}  // namespace clustersim::models::catalog
