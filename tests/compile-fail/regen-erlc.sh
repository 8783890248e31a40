#!/bin/sh
# Regenerate every NAME.erlc (exactly what real erlc prints for NAME.erl) in this directory.
set -u
cd "$(dirname "$0")"
out=/tmp
for f in *.erl; do
    n=${f%.erl}
    erlc -o "$out" "$f" > "$n.erlc" 2>&1
done
exit 0
