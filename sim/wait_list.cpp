#include "sim/wait_list.hpp"

#include "sim/engine.hpp"

namespace clustersim::sim {

void WaiterNode::unlink() noexcept {
  if (list_ != nullptr) list_->remove(this);
}

WaitList::~WaitList() {
  while (head_ != nullptr) remove(head_);
}

void WaitList::push_back(WaiterNode* node) {
  node->list_ = this;
  node->prev_ = tail_;
  node->next_ = nullptr;
  (tail_ != nullptr ? tail_->next_ : head_) = node;
  tail_ = node;
}

void WaitList::remove(WaiterNode* node) noexcept {
  (node->prev_ != nullptr ? node->prev_->next_ : head_) = node->next_;
  (node->next_ != nullptr ? node->next_->prev_ : tail_) = node->prev_;
  node->list_ = nullptr;
  node->prev_ = node->next_ = nullptr;
}

WaiterNode* WaitList::wake_one() {
  WaiterNode* node = head_;
  if (node == nullptr) return nullptr;
  remove(node);
  node->process_->engine().wake(*node->process_);
  return node;
}

void WaitList::wake_all() {
  while (wake_one() != nullptr) {
  }
}

}  // namespace clustersim::sim
