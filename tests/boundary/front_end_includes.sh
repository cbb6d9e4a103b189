#!/usr/bin/env bash
# The layering by includes (issue 22): the front ends see only the study API and the application library, and
# nothing reaches up a layer. Every project header a file includes comes from its own layer or one below:
#   cli/, gui/  cli/, gui/, app/, models/study/   (never sim/, models/workload/, models/fabric/, ...)
#   app/        app/, models/, sim/
#   models/     models/, sim/                     (never app/, cli/, gui/)
#   sim/        sim/
# Anything else is reported as "<file>:<line>: includes <header>, outside <what that layer sees>", and the
# script exits 1. Usage: front_end_includes.sh SOURCE_DIR
set -u
root=${1:?usage: front_end_includes.sh SOURCE_DIR}
cd "$root" || exit 2

# sees FILE HEADER: whether the layer of FILE may include HEADER.
sees() {
  case $1 in
    cli/* | gui/*) [[ $2 == cli/* || $2 == gui/* || $2 == app/* || $2 == models/study/* ]] ;;
    app/*) [[ $2 == app/* || $2 == models/* || $2 == sim/* ]] ;;
    models/*) [[ $2 == models/* || $2 == sim/* ]] ;;
    *) [[ $2 == sim/* ]] ;;
  esac
}
# What the layer of FILE sees, for the message.
layer_view() {
  case $1 in
    cli/* | gui/*) echo "the study API" ;;
    app/*) echo "app/, models/ and sim/" ;;
    models/*) echo "models/ and sim/" ;;
    *) echo "sim/" ;;
  esac
}

folders=()
for folder in cli gui app models sim; do [[ -d $folder ]] && folders+=("$folder"); done
status=0
while IFS= read -r hit; do
  file=${hit%%:*}
  rest=${hit#*:}
  line=${rest%%:*}
  [[ ${rest#*:} =~ [\<\"]([^\>\"]*)[\>\"] ]] && header=${BASH_REMATCH[1]}
  sees "$file" "$header" && continue
  case $header in
    sim/* | models/* | app/* | cli/* | gui/* | bench/* | fuzz/* | tests/*) ;;
    *) [[ $hit == *'"'* ]] || continue ;;  # <...> of a system or third-party library
  esac
  echo "$file:$line: includes $header, outside $(layer_view "$file")"
  status=1
done < <(grep -rnE --include='*.cpp' --include='*.hpp' --include='*.h' '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]' "${folders[@]}")
exit $status
