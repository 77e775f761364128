#!/usr/bin/env bash
# The Debian package installs and runs (issue 6 item 9). Builds the .deb with
# cpack from the build directory $1, checks its control fields (Depends names
# the package of every shared library the binary is linked with), unpacks it
# into a scratch root with dpkg -x, runs the installed binary on
# examples/lost-update.toml, renders the man page and loads the completion.
# Takes a few seconds.
set -euo pipefail
build=$(cd "$1" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

fail() {
    echo "package: FAIL: $*" >&2
    exit 1
}

# 1. Build the package into the scratch directory.
# (cpack first runs the build's "preinstall" target, which finds it up to date.)
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$scratch/out" >"$scratch/cpack.log" 2>&1 ||
    { cat "$scratch/cpack.log" >&2; fail "cpack -G DEB failed"; }
debs=("$scratch"/out/isocheck_*.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || fail "expected one isocheck_*.deb, found: ${debs[*]}"
deb=${debs[0]}
arch=$(dpkg --print-architecture)
version=$(dpkg-deb -f "$deb" Version)
[ "$(basename "$deb")" = "isocheck_${version}_${arch}.deb" ] ||
    fail "file name $(basename "$deb") is not isocheck_${version}_${arch}.deb"

# 2. Control fields.
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = isocheck ] || fail "Package is '$(field Package)'"
[ "$(field Architecture)" = "$arch" ] || fail "Architecture is '$(field Architecture)'"
[ "$(field Section)" = devel ] || fail "Section is '$(field Section)'"
[[ $(field Maintainer) == *"<"*"@"*">" ]] || fail "Maintainer '$(field Maintainer)' has no address"
[[ $(field Description) == *"isolation levels"*"writes JUnit XML for CI." ]] ||
    fail "Description: '$(field Description)'"
[[ $(field Description) != *";"* ]] || fail "Description has list separators: '$(field Description)'"
depends=$(field Depends)
[ -n "$depends" ] || fail "no Depends"

# The client libraries `isocheck run` loads with dlopen (libpq.so.5,
# libmariadb.so.3) are no NEEDED entry, so Recommends names their packages
# where this build found their headers.
recommends=$(field Recommends || true)
for pair in LIBPQ:libpq5 MARIADB:libmariadb3; do
    grep -q "^${pair%%:*}_FOUND:INTERNAL=1$" "$build/CMakeCache.txt" || continue
    [[ ", $recommends," == *", ${pair#*:},"* ]] || fail "Recommends ($recommends) lacks ${pair#*:}"
done

# 3. Unpack into a scratch root.
root=$scratch/root
dpkg -x "$deb" "$root"
bin=$root/usr/bin/isocheck
for f in usr/bin/isocheck usr/share/man/man1/isocheck.1.gz \
         usr/share/bash-completion/completions/isocheck \
         usr/share/doc/isocheck/README.md usr/share/doc/isocheck/LICENSE \
         usr/share/doc/isocheck/examples/lost-update.toml; do
    [ -f "$root/$f" ] || fail "the package lacks /$f"
done
[ -x "$bin" ] || fail "/usr/bin/isocheck is not executable"

# Every shared library the installed binary links directly (its NEEDED
# entries, found where ldd finds them) comes from a package named in
# Depends; what those libraries need in turn comes with their own packages'
# Depends (libpq5 brings libssl3). The dynamic loader and the vDSO are
# libc6's or nobody's.
needed=$(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
grep -q '^libstdc++' <<<"$needed" || fail "readelf found no NEEDED libstdc++ in $bin"
while read -r lib path; do
    case $lib in linux-vdso.so.* | */ld-linux*) continue ;; esac
    grep -qxF "$lib" <<<"$needed" || continue
    [ -n "$path" ] || fail "ldd found no $lib"
    owner=""
    for p in "$path" "$(readlink -f "$path")" "${path#/usr}" "/usr$path"; do
        owner=$(dpkg -S "$p" 2>/dev/null | head -n1 | cut -d: -f1) && [ -n "$owner" ] && break
    done
    [ -n "$owner" ] || fail "no Debian package owns $path"
    [[ ", $depends," == *", $owner "* || ", $depends," == *", $owner,"* ]] ||
        fail "Depends ($depends) lacks $owner, the package of $lib"
done < <(ldd "$bin" | awk '$2 == "=>" { print $1, $3; next } { print $1, "" }' |
         grep -v -e '^linux-vdso' -e 'ld-linux')

# 4. The installed binary: version, and the lost update of the installed
# example. Under read-committed (locking, short read locks) both transactions
# can read x = 10 before either writes, so the update of one is lost:
# G-single. Under serializable the long read locks forbid it (the cycle
# becomes a deadlock). The file's own [expect] tables say the same, so check
# and verify exit 0.
[ "$("$bin" --version)" = "isocheck $version" ] ||
    fail "--version says '$("$bin" --version)', the package is $version"
example=$root/usr/share/doc/isocheck/examples/lost-update.toml
out=$("$bin" check "$example") || fail "isocheck check exited $?"
rc_section=$(printf '%s\n' "$out" | awk '/^read-committed:/{on=1; print; next} /^[a-z-]+:/{on=0} on')
ser_section=$(printf '%s\n' "$out" | awk '/^serializable:/{on=1; print; next} /^[a-z-]+:/{on=0} on')
grep -q 'G-single (lost update)' <<<"$rc_section" || fail "read-committed shows no G-single"
grep -q 'G-single' <<<"$ser_section" && fail "serializable shows a G-single"
grep -q 'expectations: met' <<<"$rc_section" || fail "read-committed's expectations are not met"
out=$("$bin" verify --quiet "$example") || fail "isocheck verify exited $?"
[[ $out == "verify: 1 file, "*" model checks, 0 failed" ]] || fail "verify --quiet printed: $out"

# 5. The man page renders without troff warnings and names every command.
if command -v man >/dev/null; then
    page=$(MANWIDTH=80 man --warnings -l "$root/usr/share/man/man1/isocheck.1.gz" 2>"$scratch/man.err") ||
        fail "man -l failed: $(cat "$scratch/man.err")"
    [ ! -s "$scratch/man.err" ] || fail "man -l warns: $(cat "$scratch/man.err")"
elif command -v groff >/dev/null; then
    page=$(zcat "$root/usr/share/man/man1/isocheck.1.gz" | groff -man -Tutf8 -ww 2>"$scratch/man.err") ||
        fail "groff failed"
    [ ! -s "$scratch/man.err" ] || fail "groff warns: $(cat "$scratch/man.err")"
else
    page=$(zcat "$root/usr/share/man/man1/isocheck.1.gz")
    grep -q '^\.TH ISOCHECK 1 ' <<<"$page" || fail "the man page has no .TH ISOCHECK 1 line"
fi
for word in NAME SYNOPSIS "EXIT STATUS" FILES EXAMPLES check merge verify models; do
    grep -q "$word" <<<"$page" || fail "the man page does not mention $word"
done

# 6. The completion script loads in bash and completes.
got=$(bash -c 'source "$1" && complete -p isocheck' _ "$root/usr/share/bash-completion/completions/isocheck") ||
    fail "the completion script does not load"
[ "$got" = "complete -F _isocheck isocheck" ] || fail "complete -p isocheck: $got"
got=$(bash -c 'source "$1"; COMP_WORDS=(isocheck check --model serializable-s); COMP_CWORD=3
               _isocheck; echo "${COMPREPLY[*]}"' _ "$root/usr/share/bash-completion/completions/isocheck")
[ "$got" = serializable-snapshot ] || fail "completing --model serializable-s gave '$got'"

echo "package: $(basename "$deb") ($(du -k "$deb" | cut -f1) KB), Depends: $depends: ok"
