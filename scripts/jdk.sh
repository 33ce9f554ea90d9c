# Sourced by ./custos and scripts/test: sets CUSTOS_JAVA_HOME to a JDK >= 25, or exits with one line.
# Order: $JAVA_HOME, then /usr/lib/jvm/* (newest first).
custos_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

custos_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate="${candidate%/}"
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(custos_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      CUSTOS_JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "custos: no JDK 25 or newer found (checked \$JAVA_HOME and /usr/lib/jvm/*); install one, e.g. Temurin 25, or set JAVA_HOME" >&2
  exit 1
}
