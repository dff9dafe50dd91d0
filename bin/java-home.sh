# Sourced by the project's scripts: exports JAVA_HOME as a JDK >= 21, or exits with a clear message.
java_major() {
  # The JDK's release file names its version; reading it is much faster than starting a JVM to ask.
  local version=""
  [ -f "$1/release" ] && version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release")
  [ -n "$version" ] || version=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  echo "${version:-0}"
}
pick_java_home() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ]; then
    return 0
  fi
  local best="" best_major=0 dir major
  for dir in /usr/lib/jvm/*/; do
    dir="${dir%/}"
    [ -x "$dir/bin/javac" ] || continue
    major=$(java_major "$dir")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$dir"; best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "Flowline needs a JDK 21 or newer: set JAVA_HOME to one or install one under /usr/lib/jvm" >&2
    exit 1
  fi
  export JAVA_HOME="$best"
}
pick_java_home
export PATH="$JAVA_HOME/bin:$PATH"
