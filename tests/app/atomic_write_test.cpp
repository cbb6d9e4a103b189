// Result files are written atomically (app/atomic_write.hpp): a rewrite replaces the file whole and leaves
// nothing else behind; a directory or file that cannot be written is an OutputError naming it.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "app/atomic_write.hpp"

using namespace clustersim::app;

TEST_CASE("results are written atomically; an unwritable directory is a clear error", "[study]") {
  const auto directory = std::filesystem::temp_directory_path() / "clustersim-atomic-write-test";
  std::filesystem::remove_all(directory);
  ensure_writable_directory(directory / "nested");
  write_file_atomically(directory / "nested" / "a.json", "{}\n");
  write_file_atomically(directory / "nested" / "a.json", "{\"x\": 1}\n");
  std::ifstream written(directory / "nested" / "a.json");
  CHECK(std::string(std::istreambuf_iterator<char>(written), {}) == "{\"x\": 1}\n");
  // Nothing but the target is left behind.
  CHECK(std::distance(std::filesystem::directory_iterator(directory / "nested"), {}) == 1);

  // A path below a regular file can never be a directory (even for root).
  std::ofstream(directory / "file") << "x";
  CHECK_THROWS_AS(ensure_writable_directory(directory / "file" / "out"), OutputError);
  CHECK_THROWS_WITH(ensure_writable_directory(directory / "file" / "out"),
                    Catch::StartsWith((directory / "file" / "out").string() + ": cannot create the results directory"));
  CHECK_THROWS_WITH(write_file_atomically(directory / "file" / "a.json", "{}"),
                    Catch::Contains("cannot create a temporary file"));
  std::filesystem::remove_all(directory);
}
