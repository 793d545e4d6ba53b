#!/usr/bin/env bash
# Installs the emu4e p2 site (releng/org.emu4e.site/target/repository) with the p2 director into
# fresh copies of the bare platform this module materializes, then starts each installation
# headless with the check application of org.emu4e.smoke:
#   run/   the emu4e feature alone, into a platform without CDT: bundles resolve, the launch type
#          has run mode only, the view is declared, the demo runs to power-off;
#   debug/ CDT's debugger installed first (as a user installs it from CDT's site), then both emu4e
#          features from the site alone: the same, plus debug mode stopping at main on 4 vCPUs
#          under DSF-GDB and terminating cleanly.
# Work and reports in target/install/. Exit status 0 only when both checks pass.
set -euo pipefail

module="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
checkout="$(cd "$module/../.." && pwd)"
target="$module/target"
p2_platform="$target/products/org.emu4e.platform/linux/gtk/x86_64"
site="${EMU4E_SITE:-$checkout/releng/org.emu4e.site/target/repository}"
platform_repo="$target/repository"
kernel="$checkout/examples/demo/demo.elf"
work="$target/install"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

fail() { echo "install-site: $*" >&2; exit 1; }

[ -d "$p2_platform/plugins" ] || fail "$p2_platform is missing: build this module (releng/org.emu4e.platform) first"
[ -f "$site/content.jar" ] || [ -f "$site/content.xml" ] || fail "no p2 repository at $site: build releng/org.emu4e.site first (or set EMU4E_SITE)"
[ -f "$kernel" ] || fail "$kernel is missing"
command -v gdb-multiarch >/dev/null || fail "gdb-multiarch not found: install Debian package gdb-multiarch (the debug check runs it)"

# shellcheck source=p2-director.sh
. "$module/smoke/p2-director.sh"

rm -rf "$work"
mkdir -p "$work"
# Fresh copies first, before the platform runs its director and fills its own configuration area.
cp -a "$p2_platform" "$work/run"
cp -a "$p2_platform" "$work/debug"

# check <installation> <mode>: the headless check application, report in <installation>-report.txt.
check() {
    local dir=$1 mode=$2 report="$1-report.txt" ws="$1-ws" launcher status=0
    launcher=$(ls "$dir"/plugins/org.eclipse.equinox.launcher_*.jar | head -n 1)
    echo "install-site: checking $dir ($mode)"
    (cd "$dir" && exec "$java" -Xmx1g -Duser.home="$dir-home" -Demu4e.smoke.report="$report" \
        -Demu4e.smoke.mode="$mode" -Demu4e.smoke.kernel="$kernel" -jar "$launcher" \
        -nosplash -consoleLog -data "$ws" -application org.emu4e.smoke.installCheck) >"$dir-console.log" 2>&1 || status=$?
    [ -f "$report" ] && sed 's/^/  /' "$report"
    if [ "$status" -ne 0 ] || ! grep -qx 'RESULT OK' "$report" 2>/dev/null; then
        cat "$dir-console.log" >&2
        fail "the check of $dir failed (exit status $status; console above, report $report)"
    fi
    if [ -f "$ws/.metadata/.log" ] && grep -Eq '^!ENTRY (org\.emu4e|org\.eclipse\.cdt)[^ ]* 4 ' "$ws/.metadata/.log"; then
        cat "$ws/.metadata/.log" >&2
        fail "ERROR entries from emu4e or CDT bundles in $ws/.metadata/.log (above)"
    fi
}

start=$SECONDS
# 1. The emu4e feature alone, from the site alone, into the platform without CDT.
p2_director "$work/run" "file:$site" org.emu4e.feature.feature.group
p2_director "$work/run" "file:$platform_repo" org.emu4e.smoke
check "$work/run" run

# 2. CDT's debugger first (this module's repository stands in for Eclipse's and CDT's release
#    sites), then both emu4e features from the site alone.
p2_director "$work/debug" "file:$platform_repo" \
    org.eclipse.cdt.dsf.gdb.ui,org.eclipse.cdt.debug.gdbjtag.ui,org.eclipse.cdt.core.linux,org.eclipse.cdt.core.linux.x86_64
p2_director "$work/debug" "file:$site" org.emu4e.feature.feature.group,org.emu4e.debug.feature.feature.group
p2_director "$work/debug" "file:$platform_repo" org.emu4e.smoke
check "$work/debug" debug

echo "install-site: both installations checked in $((SECONDS - start))s"
