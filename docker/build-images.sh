#!/usr/bin/env bash
# Builds the two images divconq's compose file and container tests use, with no image registry needed:
#   divconq:local        the divconq command (streams, simulator, registry, produce, tools) on a jlink'ed JRE
#   divconq-kafka:local  an Apache Kafka broker (KRaft, configured by KAFKA_* environment variables) from the
#                        Apache Kafka jars of the version pinned in the parent pom
# Both are built FROM a base image. By default that is local/debian:bookworm, made here once with debootstrap from
# the Debian mirror apt already uses and `docker import`ed (kept by Docker between runs). Users with a registry
# can name any glibc base instead: BASE_IMAGE=debian:bookworm-slim docker/build-images.sh
# Images are built with --network=none: everything they hold comes from this machine.
#
#   divconq:local-next  divconq:local with one backward-compatible schema change, for the rolling-upgrade test
#
# Environment: BASE_IMAGE (default local/debian:bookworm), DEBIAN_MIRROR (default: the first deb.debian.org-style
# URI in apt's sources), TAG (default local), SKIP_MAVEN=1 (jars already built), SKIP_NEXT=1 (no -next image), DOCKER (default docker),
# DIVCONQ_MVN_FLAGS (extra Maven flags, e.g. -o to build offline).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
DOCKER="${DOCKER:-docker}"
TAG="${TAG:-local}"
BASE_IMAGE="${BASE_IMAGE:-local/debian:bookworm}"
work="$root/docker/target"
mkdir -p "$work"

step() { echo "== $* ($(date +%T))" >&2; }

debian_mirror() {
  if [ -n "${DEBIAN_MIRROR:-}" ]; then echo "$DEBIAN_MIRROR"; return; fi
  local uri
  uri=$(grep -hE '^(URIs:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null \
        | grep -E '/debian/?( |$)' | grep -v security | head -1 | sed -E 's/^URIs: *//; s/^deb +(\[[^]]*\] +)?//; s/ .*//')
  echo "${uri:-http://deb.debian.org/debian}"
}

# 1. The base image: only made when it is the local default and Docker does not have it yet.
if ! $DOCKER image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
  if [ "$BASE_IMAGE" != "local/debian:bookworm" ]; then
    echo "base image $BASE_IMAGE is not present; pull it first (docker pull $BASE_IMAGE)" >&2; exit 1
  fi
  command -v debootstrap >/dev/null || { echo "debootstrap is needed to make the local base image (apt-get install debootstrap)" >&2; exit 1; }
  step "making $BASE_IMAGE with debootstrap from $(debian_mirror)"
  rootfs="$(mktemp -d /tmp/divconq-rootfs.XXXXXX)"
  trap 'umount "$rootfs/proc" "$rootfs/sys" 2>/dev/null || true; rm -rf --one-file-system "$rootfs"' EXIT
  debootstrap --variant=minbase bookworm "$rootfs" "$(debian_mirror)" >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/*
  tar -C "$rootfs" -c . | $DOCKER import - "$BASE_IMAGE" >/dev/null
fi

# 2. The jars: the launcher's production classpath (launcher/target/lib, without the embedded test broker, which
#    lives in target/lib-embedded) and Kafka's broker jars, both at the pinned versions.
if [ "${SKIP_MAVEN:-}" != 1 ]; then
  step "building the divconq jars"
  mvn ${DIVCONQ_MVN_FLAGS:-} -B -ntp -q -DskipTests install
  mvn ${DIVCONQ_MVN_FLAGS:-} -B -ntp -q -f docker/kafka/pom.xml package
fi

# 3. A small Java runtime with just the modules the JVMs use, from the JDK that builds divconq.
jdk="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
jre="$work/jre"
if [ ! -x "$jre/bin/java" ] || [ "$jdk/release" -nt "$jre/release" ]; then
  step "making a JRE with jlink from $jdk"
  rm -rf "$jre"
  "$jdk/bin/jlink" --add-modules java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.management.rmi,java.naming,java.net.http,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.httpserver,jdk.jfr,jdk.management,jdk.management.agent,jdk.naming.dns,jdk.net,jdk.security.auth,jdk.unsupported,jdk.zipfs \
    --strip-debug --no-man-pages --no-header-files --output "$jre"
fi

# 4. Build contexts with only what each image holds, then the images, offline.
stage() { # stage NAME: docker/NAME's files plus the JRE in docker/target/NAME
  local ctx="$work/ctx-$1"; rm -rf "$ctx"; mkdir -p "$ctx"
  cp -a "docker/$1/." "$ctx/"; rm -rf "$ctx/target" "$ctx/pom.xml"
  cp -a "$jre" "$ctx/jre"
  echo "$ctx"
}
ctx=$(stage divconq)
cp -a launcher/target/lib "$ctx/lib"
cp launcher/target/divconq.jar "$ctx/divconq.jar"
cp -a samples "$ctx/samples"
step "building divconq:$TAG FROM $BASE_IMAGE"
$DOCKER build -q --network=none --build-arg "BASE_IMAGE=$BASE_IMAGE" -t "divconq:$TAG" "$ctx" >/dev/null

ctx=$(stage kafka)
cp -a docker/kafka/target/lib "$ctx/lib"
step "building divconq-kafka:$TAG FROM $BASE_IMAGE"
$DOCKER build -q --network=none --build-arg "BASE_IMAGE=$BASE_IMAGE" -t "divconq-kafka:$TAG" "$ctx" >/dev/null
# 5. divconq:$TAG-next, for the rolling-upgrade test: the same image with one backward-compatible schema change
#    (Solution gains an optional field), as the next release of divconq would ship it.
if [ "${SKIP_NEXT:-}" != 1 ]; then
  next="$work/schemas-next"
  rm -rf "$next"; mkdir -p "$next"; cp -a schemas/pom.xml schemas/src "$next/"
  sed -i 's|"fields": \[|"fields": [\n    {"name": "reviewNote", "type": ["null", "string"], "default": null, "doc": "Added in the next release (upgrade test)."},|' \
    "$next/src/main/avro/Solution.avsc"
  grep -q reviewNote "$next/src/main/avro/Solution.avsc" || { echo "could not add the field to Solution.avsc" >&2; exit 1; }
  if [ "${SKIP_MAVEN:-}" != 1 ] || [ ! -f "$next/target/divconq-schemas-0.1.0-SNAPSHOT.jar" ]; then
    mvn ${DIVCONQ_MVN_FLAGS:-} -B -ntp -q -f "$next/pom.xml" package
  fi
  ctx="$work/ctx-next"; rm -rf "$ctx"; mkdir -p "$ctx"
  cp "$next"/target/divconq-schemas-*.jar "$ctx/"
  printf 'FROM divconq:%s\nCOPY divconq-schemas-*.jar /opt/divconq/lib/\n' "$TAG" > "$ctx/Dockerfile"
  step "building divconq:$TAG-next (Solution with a new optional field)"
  $DOCKER build -q --network=none -t "divconq:$TAG-next" "$ctx" >/dev/null
fi

step "done: $($DOCKER images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E "^divconq(-kafka)?:$TAG(-next)? " | tr '\n' ' ')"
