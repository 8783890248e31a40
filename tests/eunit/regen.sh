#!/bin/sh
# Regenerate the expected EUnit output of tests/eunit from the real Erlang/OTP (25):
# for each NAME.erl, `erl -noshell -eval 'eunit:test(NAME)'` after erlc. Writes NAME.out
# (stdout, byte for byte) and NAME.result (`ok` or `error`, what eunit:test/1 returned).
# With arguments (module names), only those.
# compiler/driver/tests/eunit.rs runs `ferl test NAME.erl` and compares the summary
# lines and the number of failures with these files.
set -eu
cd "$(dirname "$0")"
command -v erlc >/dev/null || { echo "regen.sh: erlc (Erlang/OTP) not found" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
names="$*"
[ -n "$names" ] || names=$(for f in *.erl; do echo "${f%.erl}"; done)
for n in $names; do
    erlc -o "$tmp" "$n.erl" 2>/dev/null
    erl -noshell -pa "$tmp" -eval "R = eunit:test($n), file:write_file(\"$n.result\", io_lib:format(\"~p~n\", [R])), halt()." > "$n.out"
    echo "$n: $(cat "$n.result")"
done
