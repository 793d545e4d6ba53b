# Sourced by ./mvnw, ./emu4e and .ci/run: exports JAVA_HOME pointing at a JDK 21 or newer.
# Order: $JAVA_HOME if it is >= 21, then Temurin 25, then any other JDK 25 or 21 under /usr/lib/jvm.

emu4e_java_feature() {   # prints the feature release of the JDK at $1 (e.g. 25), or 0
    local home=$1 line
    [ -x "$home/bin/java" ] || { echo 0; return; }
    [ -x "$home/bin/javac" ] || { echo 0; return; }
    line=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null)
    echo "${line:-0}"
}

emu4e_pick_java() {
    local candidate
    if [ -n "${JAVA_HOME:-}" ] && [ "$(emu4e_java_feature "$JAVA_HOME")" -ge 21 ]; then
        return 0
    fi
    for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* /usr/lib/jvm/*21*; do
        if [ "$(emu4e_java_feature "$candidate")" -ge 21 ]; then
            JAVA_HOME=$candidate
            export JAVA_HOME
            return 0
        fi
    done
    echo "emu4e: no JDK 21 or newer found (set JAVA_HOME, or install Temurin 25)" >&2
    return 1
}

emu4e_pick_java
