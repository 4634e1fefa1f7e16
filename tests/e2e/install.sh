#!/bin/sh
# Install into a temporary prefix and use the result the three ways users do:
# the program (finding its installed model on its own), pkg-config, and CMake's
# find_package. usage: install.sh BUILD_DIR SOURCE_DIR
set -eu
BUILD=$1
SRC=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$BUILD" --prefix "$tmp/prefix" >/dev/null
P="$tmp/prefix"

# The program finds share/tagger beside itself, with no --model and no $TAGGER_MODEL.
( cd "$tmp" && env -u TAGGER_MODEL "$P/bin/tagger" --format json \
    "$SRC/corpora/en/000_68d5fd724831ed0d.txt" >"$tmp/out.json" )
grep -q '"id":"country:RU"' "$tmp/out.json" || { echo "FAIL installed program: no Russia tag"; exit 1; }
test -f "$P/share/tagger/gazetteers/generated-countries.tsv" || { echo "FAIL model not installed"; exit 1; }
test -f "$P/share/man/man1/tagger.1" || { echo "FAIL man page not installed"; exit 1; }
echo "ok   installed program tags with the installed model"
# The model ships compiled, and the installed program uses the image (no note).
test -s "$P/share/tagger/model.tgm" || { echo "FAIL model.tgm not installed"; exit 1; }
"$P/bin/tagger" --model "$P/share/tagger/model.tgm" -f json "$SRC/corpora/en/000_68d5fd724831ed0d.txt" \
    >/dev/null || { echo "FAIL installed model.tgm does not load"; exit 1; }
( cd "$tmp" && env -u TAGGER_MODEL "$P/bin/tagger" -f json "$SRC/corpora/en/000_68d5fd724831ed0d.txt" \
    2>"$tmp/note.err" >/dev/null )
test ! -s "$tmp/note.err" || { echo "FAIL installed image not used: $(cat "$tmp/note.err")"; exit 1; }
echo "ok   installed model ships compiled and is used"

cat >"$tmp/use.c" <<'C'
#include <stdio.h>
#include <string.h>
#include <tagger.h>
int main(int argc, char **argv)
{
    tg_model *m; tg_error err;
    if (tg_model_load(&m, argc > 1 ? argv[1] : NULL, &err)) { fprintf(stderr, "%s\n", err.message); return 1; }
    tg_result *r;
    const char *text = "Talks in Moscow between Russia and the United States.";
    if (tg_tag_text(&r, m, NULL, text, strlen(text), NULL, &err)) return 1;
    printf("%s %zu\n", tg_version(), tg_result_entity_count(r));
    tg_result_free(r);
    tg_model_free(m);
    return 0;
}
C
LIBDIR=$(dirname "$(find "$P" -name tagger.pc | head -1)")/..
export PKG_CONFIG_PATH="$LIBDIR/pkgconfig"
# A sanitizer build's library needs its consumers built with the same runtime.
CONSUMER_CFLAGS=${CONSUMER_CFLAGS:-}
cc $CONSUMER_CFLAGS -o "$tmp/use" "$tmp/use.c" $(pkg-config --cflags --libs tagger)
LD_LIBRARY_PATH="$LIBDIR" "$tmp/use" >"$tmp/use.out"
grep -q "^0\.[0-9]*\.[0-9]* [1-9]" "$tmp/use.out" || { echo "FAIL pkg-config build"; cat "$tmp/use.out"; exit 1; }
echo "ok   pkg-config: a program built against libtagger loads the default model"

mkdir -p "$tmp/cm"
cp "$tmp/use.c" "$tmp/cm/use.c"
cat >"$tmp/cm/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.18)
project(use C)
find_package(tagger REQUIRED)
add_executable(use use.c)
target_link_libraries(use tagger::tagger)
CM
cmake -S "$tmp/cm" -B "$tmp/cm/build" -DCMAKE_PREFIX_PATH="$P" -DCMAKE_C_FLAGS="$CONSUMER_CFLAGS" >/dev/null
cmake --build "$tmp/cm/build" >/dev/null
LD_LIBRARY_PATH="$LIBDIR" "$tmp/cm/build/use" "$P/share/tagger" | grep -q "^0\." \
    || { echo "FAIL find_package build"; exit 1; }
echo "ok   find_package(tagger) builds and runs"
