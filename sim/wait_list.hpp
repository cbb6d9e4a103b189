// WaitList and Waiter: the FIFO queue of processes parked on a synchronisation object.
//
// A Waiter is the awaitable a process parks with; it links itself into a WaitList (intrusive,
// doubly linked, so removal on interrupt is O(1)). Waking a waiter unlinks it and schedules its
// process at the current time, in FIFO order. Whichever of the list and the waiter dies first
// unlinks the other, so a primitive may be destroyed before or after the processes waiting on it.
#pragma once

namespace clustersim::sim {

class Process;
class WaitList;

class WaiterNode {
 public:
  WaiterNode() = default;
  WaiterNode(const WaiterNode&) = delete;
  WaiterNode& operator=(const WaiterNode&) = delete;
  ~WaiterNode() { unlink(); }

  bool linked() const { return list_ != nullptr; }
  Process* process() const { return process_; }
  void unlink() noexcept;

 protected:
  friend class WaitList;
  Process* process_ = nullptr;
  WaitList* list_ = nullptr;
  WaiterNode* prev_ = nullptr;
  WaiterNode* next_ = nullptr;
};

class WaitList {
 public:
  WaitList() = default;
  WaitList(const WaitList&) = delete;
  WaitList& operator=(const WaitList&) = delete;
  ~WaitList();

  bool empty() const { return head_ == nullptr; }
  WaiterNode* front() const { return head_; }
  void push_back(WaiterNode* node);
  void remove(WaiterNode* node) noexcept;
  // Unlink the first waiter and schedule its process now. Returns it (nullptr when empty).
  WaiterNode* wake_one();
  void wake_all();

 private:
  WaiterNode* head_ = nullptr;
  WaiterNode* tail_ = nullptr;
};

}  // namespace clustersim::sim
