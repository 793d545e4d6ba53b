#!/usr/bin/env bash
# Smoke test of the built IDE product: unpacks target/products/*.tar.gz into target/smoke/, starts
# it with the Equinox launcher jar on the X display in DISPLAY (CI: .ci/run's Xvfb), waits for the
# workbench window (Debug perspective, which shows the vCPU State view), saves
# target/screenshots/emu4e-ide.png, fails on ERROR log entries from emu4e or CDT bundles, and always
# stops the IDE. Exit status 0 only when the workbench came up with a clean log.
set -euo pipefail

module="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="$module/target"
archive="$target/products/org.emu4e.product-linux.gtk.x86_64.tar.gz"
run="$target/smoke"
shots="$target/screenshots"
timeout_s="${EMU4E_SMOKE_TIMEOUT:-60}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

fail() { echo "start-product: $*" >&2; exit 1; }

[ -n "${DISPLAY:-}" ] || fail "DISPLAY is not set: start an X server (Xvfb :N) and export DISPLAY=:N (.ci/run does)"
[ -f "$archive" ] || fail "$archive is missing: build the product first (./mvnw -B verify -pl ... releng/org.emu4e.product)"
command -v xwininfo >/dev/null || fail "xwininfo not found: install Debian package x11-utils"

rm -rf "$run"
mkdir -p "$run/eclipse" "$run/home" "$shots"
tar xzf "$archive" -C "$run/eclipse"
launcher=$(ls "$run"/eclipse/plugins/org.eclipse.equinox.launcher_*.jar 2>/dev/null | head -n 1)
[ -n "$launcher" ] || fail "no plugins/org.eclipse.equinox.launcher_*.jar in $archive"

# Open the workbench in the Debug perspective (org.emu4e.ui adds the vCPU State view to it).
cat >"$run/customization.ini" <<'INI'
org.eclipse.ui/defaultPerspectiveId=org.eclipse.debug.ui.DebugPerspective
INI

log="$run/ws/.metadata/.log"
out="$run/console.log"
(cd "$run/eclipse" && exec "$java" -Xmx1g -Duser.home="$run/home" -jar "$launcher" \
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

# The workbench window is titled "<workspace> - emu4e IDE" (other shells of the IDE carry the bare
# product name) and is viewable once SWT has laid it out at its real size (larger than 200x200).
workbench_window_up() {
    local id
    id=$(xwininfo -root -tree 2>/dev/null | sed -n 's/^ *\(0x[0-9a-f]*\) "[^"]* - emu4e IDE *":.*/\1/p' | head -n 1)
    [ -n "$id" ] || return 1
    xwininfo -id "$id" 2>/dev/null | grep -q 'Map State: IsViewable' || return 1
    [ "$(xwininfo -id "$id" 2>/dev/null | sed -n 's/^ *Width: //p')" -gt 200 ]
}
start=$SECONDS
until workbench_window_up; do
    if ! kill -0 "$pid" 2>/dev/null; then
        cat "$out" >&2
        fail "the IDE exited before its workbench window appeared (console above, log $log)"
    fi
    if (( SECONDS - start >= timeout_s )); then
        cat "$out" >&2
        fail "no workbench window titled '<workspace> - emu4e IDE' on $DISPLAY after ${timeout_s}s (console above)"
    fi
    sleep 1
done
echo "start-product: workbench window up after $((SECONDS - start))s"
sleep 5   # let the perspective's views paint before the screenshot

"$java" "$module/smoke/Screenshot.java" "$shots/emu4e-ide.png"
echo "start-product: screenshot $shots/emu4e-ide.png"

kill -0 "$pid" 2>/dev/null || fail "the IDE exited after opening its window (console: $out)"
if [ -f "$log" ] && grep -Eq '^!ENTRY (org\.emu4e|org\.eclipse\.cdt)[^ ]* 4 ' "$log"; then
    cat "$log" >&2
    fail "ERROR entries from emu4e or CDT bundles in $log (above)"
fi
echo "start-product: no ERROR entries from emu4e or CDT bundles"
