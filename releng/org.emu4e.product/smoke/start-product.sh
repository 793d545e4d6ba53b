#!/usr/bin/env bash
# Smoke test of the built IDE product: unpacks target/products/*.tar.gz into target/smoke/,
# installs the test-only bundle org.emu4e.smoke into it with the p2 director (from
# releng/org.emu4e.platform, which must be built), starts the IDE with the Equinox launcher jar on
# the X display in DISPLAY (CI: .ci/run's Xvfb) in the Debug perspective, where org.emu4e.smoke makes
# a debug launch of the demo firmware (4 vCPUs, gdb-multiarch, stop at main) through DebugUITools.
# Once GDB shows the 4 vCPU threads stopped in main, with the Debug view, the vCPU State view and the
# UART console in front, it saves target/screenshots/emu4e-ide-debug.png; then the bundle terminates
# the launch, checks that machine, threads and port are gone and closes the IDE. Fails on any
# problem the bundle reports, on ERROR log entries from emu4e or CDT bundles, or when the IDE does
# not exit by itself; always stops the IDE. Exit status 0 only when all of that passed.
set -euo pipefail

module="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
checkout="$(cd "$module/../.." && pwd)"
target="$module/target"
archive="$target/products/org.emu4e.product-linux.gtk.x86_64.tar.gz"
platform_module="$checkout/releng/org.emu4e.platform"
p2_platform="$platform_module/target/products/org.emu4e.platform/linux/gtk/x86_64"
platform_repo="$platform_module/target/repository"
kernel="$checkout/examples/demo/demo.elf"
run="$target/smoke"
shots="$target/screenshots"
timeout_s="${EMU4E_SMOKE_TIMEOUT:-120}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

fail() { echo "start-product: $*" >&2; exit 1; }

[ -n "${DISPLAY:-}" ] || fail "DISPLAY is not set: start an X server (Xvfb :N) and export DISPLAY=:N (.ci/run does), or skip with -Demu4e.smoke.skip"
[ -f "$archive" ] || fail "$archive is missing: build the product first (./mvnw -B verify -pl ... releng/org.emu4e.product)"
[ -d "$p2_platform/plugins" ] && [ -d "$platform_repo" ] \
    || fail "$p2_platform or $platform_repo is missing: build releng/org.emu4e.platform (its p2 director installs the smoke bundle)"
[ -f "$kernel" ] || fail "$kernel is missing"
command -v xwininfo >/dev/null || fail "xwininfo not found: install Debian package x11-utils"
command -v gdb-multiarch >/dev/null || fail "gdb-multiarch not found: install Debian package gdb-multiarch (the debug launch runs it)"

# shellcheck source=../../org.emu4e.platform/smoke/p2-director.sh
. "$platform_module/smoke/p2-director.sh"

rm -rf "$run"
mkdir -p "$run/eclipse" "$run/home" "$shots"
tar xzf "$archive" -C "$run/eclipse"
launcher=$(ls "$run"/eclipse/plugins/org.eclipse.equinox.launcher_*.jar 2>/dev/null | head -n 1)
[ -n "$launcher" ] || fail "no plugins/org.eclipse.equinox.launcher_*.jar in $archive"
p2_director "$run/eclipse" "file:$platform_repo" org.emu4e.smoke

# The Debug perspective (org.emu4e.ui adds the vCPU State view to it); no questions on launch or exit.
cat >"$run/customization.ini" <<'INI'
org.eclipse.ui/defaultPerspectiveId=org.eclipse.debug.ui.DebugPerspective
org.eclipse.debug.ui/org.eclipse.debug.ui.switch_to_perspective=always
org.eclipse.debug.ui/org.eclipse.debug.ui.switch_perspective_on_suspend=always
org.eclipse.debug.ui/org.eclipse.debug.ui.build_before_launch=false
org.eclipse.ui.ide/EXIT_PROMPT_ON_CLOSE_LAST_WINDOW=false
INI

log="$run/ws/.metadata/.log"
out="$run/console.log"
report="$run/debug-launch.txt"
(cd "$run/eclipse" && exec "$java" -Xmx1g -Duser.home="$run/home" \
    -Demu4e.smoke.report="$report" -Demu4e.smoke.kernel="$kernel" -jar "$launcher" \
    -data "$run/ws" -nosplash -pluginCustomization "$run/customization.ini" -consoleLog) >"$out" 2>&1 &
pid=$!
stop() {
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}
trap stop EXIT

# await <what> <seconds> <command...>: polls the command every 0.5 s while the IDE runs.
await() {
    local what=$1 limit=$2 start=$SECONDS
    shift 2
    until "$@"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            cat "$out" >&2
            [ -f "$report" ] && cat "$report" >&2
            fail "the IDE exited while waiting for $what (console and report above, log $log)"
        fi
        if (( SECONDS - start >= limit )); then
            cat "$out" >&2
            [ -f "$report" ] && cat "$report" >&2
            fail "no $what on $DISPLAY after ${limit}s (console and report above)"
        fi
        sleep 0.5
    done
    echo "start-product: $what after $((SECONDS - start))s"
}

# The workbench window is titled "<workspace> - emu4e IDE" (other shells of the IDE carry the bare
# product name) and is viewable once SWT has laid it out at its real size (larger than 200x200).
workbench_window_up() {
    local id
    id=$(xwininfo -root -tree 2>/dev/null | sed -n 's/^ *\(0x[0-9a-f]*\) "[^"]* - emu4e IDE *":.*/\1/p' | head -n 1)
    [ -n "$id" ] || return 1
    xwininfo -id "$id" 2>/dev/null | grep -q 'Map State: IsViewable' || return 1
    [ "$(xwininfo -id "$id" 2>/dev/null | sed -n 's/^ *Width: //p')" -gt 200 ]
}
session_ready() { grep -Eq '^(READY|RESULT )' "$report" 2>/dev/null; }
result_written() { grep -q '^RESULT ' "$report" 2>/dev/null; }
ide_exited() { ! kill -0 "$pid" 2>/dev/null; }

start=$SECONDS
await "workbench window" 60 workbench_window_up
await "debug session stopped at main (or a result)" "$timeout_s" session_ready
"$java" "$module/smoke/Screenshot.java" "$shots/emu4e-ide-debug.png"
echo "start-product: screenshot $shots/emu4e-ide-debug.png"
touch "$report.stop"
if ! result_written; then
    await "result after Terminate" 60 result_written
fi
sed 's/^/  /' "$report"
grep -qx 'RESULT OK' "$report" || { cat "$out" >&2; fail "the debug launch smoke failed (report above, console $out)"; }

# The bundle closes the workbench once it has written its result.
limit=$((SECONDS + 30))
until ide_exited; do
    (( SECONDS < limit )) || { cat "$out" >&2; fail "the IDE did not exit within 30 s of closing its workbench (console above)"; }
    sleep 0.5
done
wait "$pid" || fail "the IDE exited with status $? (console: $out)"
if [ -f "$log" ] && grep -Eq '^!ENTRY (org\.emu4e|org\.eclipse\.cdt)[^ ]* 4 ' "$log"; then
    cat "$log" >&2
    fail "ERROR entries from emu4e or CDT bundles in $log (above)"
fi
echo "start-product: debug launch of the demo checked, IDE closed, no ERROR entries from emu4e or CDT bundles ($((SECONDS - start))s)"
