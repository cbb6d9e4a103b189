// CapacityLedger: bytes stored on a device of fixed capacity (an NVMe array, host DRAM, a store).
//
// Two kinds of contents share the capacity C:
//   pinned bytes  write(b) / erase(b): anonymous data that is never evicted (checkpoints, datasets);
//   objects       put(key, b, on_full): named whole objects, kept in least-recently-used order.
// Invariant: pinned + sum(object bytes) <= C. A write or put that would break it is an error
// (CapacityError naming the ledger and the sizes) unless the put asks for cache semantics
// (OnFull::evict_lru): then the least recently used objects are evicted, whole and oldest first,
// until the new object fits, and the evicted objects are returned so the caller can account for
// them. Pinned bytes are never evicted; if the object cannot fit even with every other object
// evicted, the put is a CapacityError. A failed call changes nothing.
// Recency: put() and touch() make an object the most recent; ties cannot occur (one list order).
// Sizes are bytes as doubles (exact for integers up to 2^53 = 9 PB), finite and >= 0.
#pragma once

#include <list>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace clustersim::models::hardware {

class CapacityError : public std::runtime_error {
 public:
  CapacityError(const std::string& ledger, double capacity_bytes, double used_bytes, double requested_bytes);
  const std::string& ledger() const { return ledger_; }
  double capacity_bytes() const { return capacity_bytes_; }
  double used_bytes() const { return used_bytes_; }
  double requested_bytes() const { return requested_bytes_; }

 private:
  std::string ledger_;
  double capacity_bytes_;
  double used_bytes_;
  double requested_bytes_;
};

enum class OnFull { error, evict_lru };

struct EvictedObject {
  std::string key;
  double bytes = 0.0;
};

class CapacityLedger {
 public:
  // Throws std::invalid_argument naming `name` when the capacity is negative or not finite.
  CapacityLedger(std::string name, double capacity_bytes);

  const std::string& name() const { return name_; }
  double capacity_bytes() const { return capacity_bytes_; }
  double used_bytes() const { return pinned_bytes_ + object_bytes_; }
  double free_bytes() const { return capacity_bytes_ - used_bytes(); }
  double pinned_bytes() const { return pinned_bytes_; }
  std::size_t object_count() const { return lru_.size(); }

  // Pinned bytes. write: CapacityError past capacity. erase: std::invalid_argument when more than
  // the pinned bytes would be erased.
  void write(double bytes);
  void erase(double bytes);

  // Objects. put replaces an object of the same key (its old bytes are freed first) and makes it
  // the most recent; returns the objects evicted to make room (least recent first).
  std::vector<EvictedObject> put(const std::string& key, double bytes, OnFull on_full = OnFull::error);
  bool touch(const std::string& key);  // true (and most recent) when present
  bool contains(const std::string& key) const { return index_.count(key) != 0; }
  double object_bytes(const std::string& key) const;  // std::invalid_argument when absent
  void remove(const std::string& key);                // std::invalid_argument when absent
  std::vector<std::string> objects_lru_first() const;

 private:
  struct Entry {
    std::string key;
    double bytes;
  };
  void check_bytes(double bytes, const char* what) const;

  std::string name_;
  double capacity_bytes_;
  double pinned_bytes_ = 0.0;
  double object_bytes_ = 0.0;
  std::list<Entry> lru_;  // least recent first
  std::map<std::string, std::list<Entry>::iterator> index_;
};

}  // namespace clustersim::models::hardware
