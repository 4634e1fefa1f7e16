#!/bin/sh
# The program must not load libxml2, libmicrohttpd or hiredis at start: tagger/lazylib.c
# loads them on first use, and --as-needed drops them from the program's DT_NEEDED only
# when lazylib.c defines every function the program calls from them. A call added
# without its line there keeps the library (and ICU or GnuTLS behind it) in every start.
#
#   tests/e2e/lazy_libs.sh TAGGER
set -u
T=$1
needed=$(objdump -p "$T" | awk '$1 == "NEEDED" {print $2}')
if ! echo "$needed" | grep -q '^libpcre2-8'; then
    echo "FAIL: cannot read the NEEDED list of $T"
    exit 1
fi
bad=$(echo "$needed" | grep -E '^lib(xml2|microhttpd|hiredis)\.so')
if [ -n "$bad" ]; then
    echo "FAIL: $T loads at start: $bad"
    for lib in $bad; do
        path=$(ldd "$T" | awk -v l="$lib" '$1 == l {print $3}')
        [ -n "$path" ] || continue
        exports="${TMPDIR:-/tmp}/lazy_libs.$$"
        nm -D --defined-only "$path" | awk '{print $3}' | sed 's/@.*//' | sort -u >"$exports"
        echo "  called from $lib without a line in tagger/lazylib.c:"
        nm -D --undefined-only "$T" | awk '{print $2}' | sed 's/@.*//' | sort -u |
            comm -12 - "$exports" | sed 's/^/    /'
        rm -f "$exports"
    done
    exit 1
fi
echo "ok: $(echo $needed)"
