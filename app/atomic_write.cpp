#include "app/atomic_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace clustersim::app {

namespace {

[[noreturn]] void fail(const std::filesystem::path& path, std::string_view what, int error) {
  throw OutputError(path.string() + ": " + std::string(what) + ": " + std::strerror(error));
}

// mkstemp in the directory of `target`; returns the descriptor and fills `temp_path`.
int make_temp(const std::filesystem::path& target, std::string& temp_path) {
  const std::filesystem::path directory = target.has_parent_path() ? target.parent_path() : ".";
  std::string name = ".";
  name += target.filename().string();
  name += ".tmp.XXXXXX";
  const std::string pattern = (directory / name).string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  const int fd = ::mkstemp(buffer.data());
  temp_path.assign(buffer.data());
  return fd;
}

}  // namespace

void ensure_writable_directory(const std::filesystem::path& directory) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) {
    throw OutputError(directory.string() + ": cannot create the results directory: " + error.message());
  }
  if (!std::filesystem::is_directory(directory, error)) {
    throw OutputError(directory.string() + ": the results directory is not a directory");
  }
  std::string temp_path;
  const int fd = make_temp(directory / "probe", temp_path);
  if (fd < 0) fail(directory, "the results directory is not writable", errno);
  ::close(fd);
  ::unlink(temp_path.c_str());
}

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  std::string temp_path;
  const int fd = make_temp(path, temp_path);
  if (fd < 0) fail(path, "cannot create a temporary file next to it", errno);
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int saved = errno;
      ::close(fd);
      ::unlink(temp_path.c_str());
      fail(path, "cannot write", saved);
    }
    written += static_cast<std::size_t>(n);
  }
  // The temporary file is created 0600; result files are meant to be shared like any other output.
  ::fchmod(fd, 0644);
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const int saved = errno;
    ::unlink(temp_path.c_str());
    fail(path, "cannot write", saved);
  }
  if (std::rename(temp_path.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temp_path.c_str());
    fail(path, "cannot rename the temporary file onto it", saved);
  }
}

}  // namespace clustersim::app
