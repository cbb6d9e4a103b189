# Shared by the CLI test scripts (sourced first, never run alone): a work directory $work removed at
# exit, a failure counter $failures, and
#   expect CODE PATTERN COMMAND...   runs COMMAND with its stdout in $work/out and stderr in $work/err;
#                                    counts a failure in $failures (and shows both) unless it exits with
#                                    CODE and its output contains PATTERN (a grep basic regular expression;
#                                    an empty PATTERN checks the exit code only).
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

expect() {
  local code=$1 pattern=$2
  shift 2
  "$@" >"$work/out" 2>"$work/err"
  local status=$?
  if [[ $status -ne $code ]] || { [[ -n $pattern ]] && ! grep -q -- "$pattern" "$work/err" "$work/out"; }; then
    echo "FAILED: $* -> exit $status (expected $code), output:"
    cat "$work/err" "$work/out"
    echo "(expected to contain: $pattern)"
    failures=$((failures + 1))
  fi
}
