#!/usr/bin/env bash
# The front ends see only the study API (issue 22: cli/ and gui/ depend on models/study only): every project header a
# file under cli/ or gui/ includes is one of cli/, gui/ or models/study/. Anything else (sim/, models/workload/,
# models/fabric/, ...) is reported as "<file>:<line>: includes <header>, outside the study API", and the
# script exits 1. Usage: front_end_includes.sh SOURCE_DIR
set -u
root=${1:?usage: front_end_includes.sh SOURCE_DIR}
cd "$root" || exit 2
status=0
while IFS= read -r hit; do
  file=${hit%%:*}
  rest=${hit#*:}
  line=${rest%%:*}
  header=$(sed -E 's/^[^<"]*[<"]([^>"]*)[>"].*/\1/' <<<"${rest#*:}")
  case $header in
    cli/* | gui/* | models/study/*) ;;
    sim/* | models/* | bench/* | fuzz/* | tests/*)
      echo "$file:$line: includes $header, outside the study API"
      status=1 ;;
    *) [[ $hit == *'"'* ]] && { echo "$file:$line: includes $header, outside the study API"; status=1; } ;;
  esac
done < <(grep -rnE --include='*.cpp' --include='*.hpp' --include='*.h' '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]' cli gui)
exit $status
