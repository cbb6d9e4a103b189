// Running a program from an argument vector: output and error captured apart, the exit code kept,
// every argument passed verbatim (no shell sees it), a missing program reported.
#include <catch2/catch.hpp>

#include "app/batch/process.hpp"

using namespace clustersim::app::batch;

TEST_CASE("A program runs from its argument vector with output, error and exit code captured", "[batch]") {
  const ProgramResult result = run_program({"sh", "-c", "printf out; printf err >&2; exit 3"});
  REQUIRE(result.output == "out");
  REQUIRE(result.error_output == "err");
  REQUIRE(result.exit_code == 3);
  // Quotes, spaces and $ reach the program untouched.
  const std::string tricky = "it's a $HOME; rm -rf \"x\"";
  REQUIRE(run_program({"printf", "%s", tricky}).output == tricky);
  // More output than a pipe holds does not block.
  REQUIRE(run_program({"sh", "-c", "head -c 200000 /dev/zero; head -c 100000 /dev/zero >&2"}).output.size() == 200000);
  REQUIRE(run_program({"sh", "-c", "kill -TERM $$"}).exit_code == 128 + 15);
  REQUIRE_THROWS_WITH(run_program({"clustersim-no-such-program"}), Catch::Contains("clustersim-no-such-program"));
  REQUIRE(find_on_path("sh").has_value());
  REQUIRE_FALSE(find_on_path("clustersim-no-such-program").has_value());
}
