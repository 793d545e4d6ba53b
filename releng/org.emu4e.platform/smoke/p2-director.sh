# Sourced by the install and product smoke scripts: runs the p2 director application of the bare
# platform materialized by releng/org.emu4e.platform (never modified itself) against another
# installation.
#   p2_director <destination> <repositories (comma-separated URIs)> <IUs (comma-separated)>
# Needs $java (a JDK 21+) and $p2_platform (the materialized platform folder).

p2_director() {
    local destination=$1 repositories=$2 ius=$3 launcher log
    launcher=$(ls "$p2_platform"/plugins/org.eclipse.equinox.launcher_*.jar 2>/dev/null | head -n 1)
    [ -n "$launcher" ] || { echo "p2-director: no launcher jar in $p2_platform: build releng/org.emu4e.platform first" >&2; return 1; }
    log="$destination.director.log"
    echo "p2 director: install $ius into $destination from $repositories"
    if ! "$java" -jar "$launcher" -nosplash -consoleLog -data @none \
            -application org.eclipse.equinox.p2.director \
            -repository "$repositories" -installIU "$ius" \
            -destination "$destination" -profile DefaultProfile >"$log" 2>&1; then
        cat "$log" >&2
        echo "p2-director: installing $ius into $destination failed (output above, also in $log)" >&2
        return 1
    fi
    grep -E '^(Installing|Operation completed)' "$log" || true
}
