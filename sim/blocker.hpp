// Blocker and Interrupted: how an await point learns that its process was interrupted.
#pragma once

#include <exception>
#include <string>
#include <utility>

namespace clustersim::sim {

// Thrown at the await point of an interrupted process; what() is the reason given.
class Interrupted : public std::exception {
 public:
  explicit Interrupted(std::string reason) : reason_(std::move(reason)) {}
  const char* what() const noexcept override { return reason_.c_str(); }
  const std::string& reason() const { return reason_; }

 private:
  std::string reason_;
};

// Something a process can be parked on. detach() is called when the process is interrupted: the
// blocker forgets the process (leaves a wait list, gives back what it was granted, stops a flow).
class Blocker {
 public:
  virtual void detach() noexcept {}

 protected:
  ~Blocker() = default;
};

}  // namespace clustersim::sim
