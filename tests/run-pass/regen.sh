#!/bin/sh
# Regenerate the expected outputs of tests/run-pass from the real Erlang/OTP (25).
#   NAME.erl         a one-module program: run with `escript -c NAME.erl ARGS`
#                    (main/1), or `erl -noshell -eval 'NAME:start(), halt().'` (start/0)
#   NAME/            a program of several modules; NAME/NAME.erl exports main/1 or start/0
#   NAME.args        optional: the program's arguments (one line, split on spaces)
#   NAME.stdin       optional: the program's standard input (else it is empty)
# Writes NAME.out (stdout, byte for byte) and NAME.status (exit status).
# With arguments (program names, e.g. `regen.sh stacktrace`), only those programs.
# The multi-module form runs main/1 under `erl` with escript's policy: halt(0) on
# return, an uncaught exception prints escript's first line on stderr and halts 127.
set -eu
cd "$(dirname "$0")"
command -v escript >/dev/null || { echo "regen.sh: escript (Erlang/OTP) not found" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run_erl() { # beam-dir source-dir module args...
    dir=$1; src=$2; m=$3; shift 3
    argl=""
    for a in "$@"; do argl="$argl\"$a\","; done
    argl="[${argl%,}]"
    if grep -q -- '-export(\[.*main/1' "$src/$m.erl"; then
        call="$m:main($argl)"
    else
        call="$m:start()"
    fi
    erl -noshell -pa "$dir" -eval "try $call of _ -> halt(0) catch C:R -> io:format(standard_error, \"escript: exception ~p: ~p~n\", [C, R]), halt(127) end."
}

targets=""
for n in "$@"; do
    if [ -d "$n" ]; then targets="$targets $n/"; else targets="$targets ${n%.erl}.erl"; fi
done
[ -n "$targets" ] || targets=$(echo *.erl */)

for f in $targets; do
    case $f in
        */) name=${f%/}; [ -f "$name/$name.erl" ] || continue ;;
        *) name=${f%.erl} ;;
    esac
    args=""
    [ -f "$name.args" ] && args=$(cat "$name.args")
    input=/dev/null
    [ -f "$name.stdin" ] && input="$name.stdin"
    set +e
    if [ -d "$name" ]; then
        mkdir -p "$tmp/$name"
        erlc -o "$tmp/$name" "$name"/*.erl
        # shellcheck disable=SC2086
        run_erl "$tmp/$name" "$name" "$name" $args < "$input" > "$name.out"
        status=$?
    elif grep -q -- '-export(\[.*main/1' "$name.erl"; then
        # shellcheck disable=SC2086
        escript -c "$name.erl" $args < "$input" > "$name.out"
        status=$?
    else
        erlc -o "$tmp" "$name.erl"
        # shellcheck disable=SC2086
        run_erl "$tmp" . "$name" $args < "$input" > "$name.out"
        status=$?
    fi
    set -e
    echo "$status" > "$name.status"
    echo "$name: status $status"
done
