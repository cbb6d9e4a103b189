#include "models/hardware/capacity_ledger.hpp"

#include <cmath>
#include <iterator>
#include <sstream>

#include "sim/units.hpp"

namespace clustersim::models::hardware {

namespace {

std::string bytes_text(double bytes) {
  std::ostringstream text;
  text << sim::format_bytes(bytes) << " (" << static_cast<long long>(bytes) << " bytes)";
  return text.str();
}

std::string capacity_message(const std::string& ledger, double capacity, double used, double requested) {
  std::ostringstream message;
  message << ledger << ": cannot store " << bytes_text(requested) << ": " << bytes_text(used) << " of "
          << bytes_text(capacity) << " used, " << bytes_text(capacity - used) << " free";
  return message.str();
}

}  // namespace

CapacityError::CapacityError(const std::string& ledger, double capacity_bytes, double used_bytes,
                             double requested_bytes)
    : std::runtime_error(capacity_message(ledger, capacity_bytes, used_bytes, requested_bytes)),
      ledger_(ledger),
      capacity_bytes_(capacity_bytes),
      used_bytes_(used_bytes),
      requested_bytes_(requested_bytes) {}

CapacityLedger::CapacityLedger(std::string name, double capacity_bytes)
    : name_(std::move(name)), capacity_bytes_(capacity_bytes) {
  if (!std::isfinite(capacity_bytes) || capacity_bytes < 0.0) {
    std::ostringstream message;
    message << name_ << ": capacity_bytes must be non-negative and finite, got " << capacity_bytes;
    throw std::invalid_argument(message.str());
  }
}

void CapacityLedger::check_bytes(double bytes, const char* what) const {
  if (!std::isfinite(bytes) || bytes < 0.0) {
    std::ostringstream message;
    message << name_ << ": " << what << ": bytes must be non-negative and finite, got " << bytes;
    throw std::invalid_argument(message.str());
  }
}

void CapacityLedger::write(double bytes) {
  check_bytes(bytes, "write");
  if (used_bytes() + bytes > capacity_bytes_) throw CapacityError(name_, capacity_bytes_, used_bytes(), bytes);
  pinned_bytes_ += bytes;
}

void CapacityLedger::erase(double bytes) {
  check_bytes(bytes, "erase");
  if (bytes > pinned_bytes_) {
    std::ostringstream message;
    message << name_ << ": cannot erase " << bytes_text(bytes) << ": only " << bytes_text(pinned_bytes_) << " written";
    throw std::invalid_argument(message.str());
  }
  pinned_bytes_ -= bytes;
}

std::vector<EvictedObject> CapacityLedger::put(const std::string& key, double bytes, OnFull on_full) {
  check_bytes(bytes, "put");
  const auto existing = index_.find(key);
  const double replaced = existing == index_.end() ? 0.0 : existing->second->bytes;
  const double used_without = used_bytes() - replaced;
  std::vector<EvictedObject> evicted;
  if (used_without + bytes > capacity_bytes_) {
    if (on_full == OnFull::error) throw CapacityError(name_, capacity_bytes_, used_without, bytes);
    // Plan the evictions first (least recent first, skipping the object being replaced).
    double freed = 0.0;
    for (const Entry& entry : lru_) {
      if (used_without - freed + bytes <= capacity_bytes_) break;
      if (entry.key == key) continue;
      evicted.push_back(EvictedObject{entry.key, entry.bytes});
      freed += entry.bytes;
    }
    if (used_without - freed + bytes > capacity_bytes_) {
      throw CapacityError(name_, capacity_bytes_, pinned_bytes_, bytes);
    }
    for (const EvictedObject& victim : evicted) remove(victim.key);
  }
  if (existing != index_.end()) remove(key);
  lru_.push_back(Entry{key, bytes});
  index_.emplace(key, std::prev(lru_.end()));
  object_bytes_ += bytes;
  return evicted;
}

bool CapacityLedger::touch(const std::string& key) {
  const auto found = index_.find(key);
  if (found == index_.end()) return false;
  lru_.splice(lru_.end(), lru_, found->second);
  return true;
}

double CapacityLedger::object_bytes(const std::string& key) const {
  const auto found = index_.find(key);
  if (found == index_.end()) throw std::invalid_argument(name_ + ": no object '" + key + "'");
  return found->second->bytes;
}

void CapacityLedger::remove(const std::string& key) {
  const auto found = index_.find(key);
  if (found == index_.end()) throw std::invalid_argument(name_ + ": cannot remove object '" + key + "': not stored");
  object_bytes_ -= found->second->bytes;
  lru_.erase(found->second);
  index_.erase(found);
  if (lru_.empty()) object_bytes_ = 0.0;  // no drift once empty
}

std::vector<std::string> CapacityLedger::objects_lru_first() const {
  std::vector<std::string> keys;
  keys.reserve(lru_.size());
  for (const Entry& entry : lru_) keys.push_back(entry.key);
  return keys;
}

}  // namespace clustersim::models::hardware
