#!/usr/bin/env bash
# Makes SHIM_DIR look like a JDK 25 to Fray's prepare-fray goal, which jlinks its instrumented
# JDK from "<jdk>/jmods" with --add-modules=ALL-MODULE-PATH. Temurin 25 ships no jmods: it links
# from its own run-time image (JEP 493), which takes an explicit module list and cannot re-link
# jdk.jlink (nor jdk.jpackage, which needs it). The shim's bin/jlink rewrites those two options
# for such a JDK and passes everything else (Fray's instrumentation plugin) through unchanged;
# a JDK that has jmods is used as it is.
# Usage: jdk-shim.sh REAL_JDK_HOME SHIM_DIR   (run by the engine pom's fray profile)
set -euo pipefail
real=$(cd "$1" && pwd)
shim=$2
mkdir -p "$shim/bin" "$shim/jmods"
ln -sfn "$real/bin/java" "$shim/bin/java"
cat >"$shim/bin/jlink" <<SHIM
#!/usr/bin/env bash
set -euo pipefail
real='$real'
if [ -d "\$real/jmods" ] && [ -n "\$(ls -A "\$real/jmods")" ]; then
    exec "\$real/bin/jlink" "\$@"
fi
modules=\$(sed -n 's/^MODULES="\(.*\)"/\1/p' "\$real/release" | tr ' ' '\n' | grep -v -x -e jdk.jlink -e jdk.jpackage | paste -sd, -)
args=()
for a in "\$@"; do
    case "\$a" in
        --add-modules=ALL-MODULE-PATH) args+=("--add-modules=\$modules") ;;
        --module-path=*/jmods) ;;
        *) args+=("\$a") ;;
    esac
done
exec "\$real/bin/jlink" "\${args[@]}"
SHIM
chmod +x "$shim/bin/jlink"
