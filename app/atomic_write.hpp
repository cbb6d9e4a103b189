// Writing result files so that a reader never sees half a file: the content goes to a temporary file
// in the same directory (same file system), is flushed, then renamed over the target (rename(2) is
// atomic on POSIX). A failure removes the temporary file and leaves the target as it was.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string_view>

namespace clustersim::app {

// A results directory or file that cannot be written: bad input (exit code 2).
struct OutputError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// Creates `directory` (and its parents) if needed and checks that a file can be created in it, so a
// run can fail before it simulates anything. Throws OutputError naming the directory and the reason.
void ensure_writable_directory(const std::filesystem::path& directory);

// Throws OutputError naming the file and the reason.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace clustersim::app
