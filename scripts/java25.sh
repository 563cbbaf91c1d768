# shellcheck shell=bash disable=SC2034  # V6M_JAVA_HOME is read by the scripts that source this file
# Finds a Java 25+ runtime for ./v6mostly and ./run-tests; sourced, not run.
# Order: $JAVA_HOME if it is 25 or newer, then /usr/lib/jvm/*, then `java` on PATH.
# On success sets V6M_JAVA_HOME (a directory with bin/java); otherwise explains and returns 1.

V6M_MIN_JAVA=25

# Prints the major version of the java binary $1 (8 for "1.8.0_x", 25 for "25.0.1"), or nothing.
v6m_java_major() {
    local line version
    line=$("$1" -version 2>&1 | grep -m1 -E 'version "[^"]+"') || return 0
    version=${line#*version \"}
    version=${version%%\"*}
    case "$version" in
        1.*) version=${version#1.}; echo "${version%%.*}" ;;
        *) version=${version%%[.+-]*}; echo "${version%%[!0-9]*}" ;;
    esac
}

# Succeeds when directory $1 holds a java of at least $V6M_MIN_JAVA.
v6m_is_java25() {
    local major
    [ -x "$1/bin/java" ] || return 1
    major=$(v6m_java_major "$1/bin/java")
    [ -n "$major" ] && [ "$major" -ge "$V6M_MIN_JAVA" ]
}

v6m_find_java25() {
    local candidate java_on_path
    if [ -n "${JAVA_HOME:-}" ] && v6m_is_java25 "$JAVA_HOME"; then
        V6M_JAVA_HOME=$JAVA_HOME
        return 0
    fi
    for candidate in /usr/lib/jvm/*; do
        if [ -d "$candidate" ] && v6m_is_java25 "$candidate"; then
            V6M_JAVA_HOME=$candidate
            return 0
        fi
    done
    if java_on_path=$(command -v java 2>/dev/null); then
        candidate=$(dirname "$(dirname "$(readlink -f "$java_on_path")")")
        if v6m_is_java25 "$candidate"; then
            V6M_JAVA_HOME=$candidate
            return 0
        fi
    fi
    cat >&2 <<MSG
v6mostly needs Java $V6M_MIN_JAVA or newer, and none was found
(looked at JAVA_HOME=${JAVA_HOME:-<unset>}, /usr/lib/jvm/*, and java on PATH).
Install a Java $V6M_MIN_JAVA JDK, for example:
  Debian/Ubuntu: apt-get install temurin-25-jdk (from the Adoptium apt repository),
                 or openjdk-25-jdk-headless where your release ships it
  elsewhere:     any OpenJDK 25 build (Temurin, Zulu, Corretto, ...)
or set JAVA_HOME to an installed Java $V6M_MIN_JAVA JDK.
MSG
    return 1
}
