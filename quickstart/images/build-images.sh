#!/usr/bin/env bash
# Builds the quickstart's container images offline, as OCI image archives that containerd imports
# (`ctr images import`). Nothing is pulled: every layer comes from files on this machine.
#
#   build-images.sh OUT_DIR JAVA_HOME WORKLOAD_CLASSPATH_DIR
#
# One shared base layer: Debian's busybox-static (/bin/busybox and its applets) and the glibc
# libraries the JDK links against (found with ldd), so a JDK bind-mounted read-only from the host
# at /opt/java/openjdk runs in it. Images written to OUT_DIR:
#   pause.tar      isocore.local/pause:quickstart         the pod sandbox (waits for SIGTERM/KILL)
#   latency.tar    isocore.io/latency-workload:latest     LatencyWorkload, from a second layer that
#                                                          holds WORKLOAD_CLASSPATH_DIR's jars
#   noisy.tar      isocore.io/noisy-neighbour:latest      CpuBurner, the same two layers
#   base.tar       isocore.local/jvm-base:quickstart      the base layer alone, a shell
#   agent.tar      isocore.local/node-agent:quickstart    the base layer, with node-agent's
#                                                          Dockerfile.jvm entrypoint; its
#                                                          quarkus-app is bind-mounted at
#                                                          /deployments, as the JDK is
# Layers are reproducible (sorted names, mtime 0, owner 0): the same inputs give the same digests.
set -euo pipefail
out=$1 java_home=$2 classpath_dir=$3
busybox=${BUSYBOX:-/bin/busybox}
[ -x "$busybox" ] || { echo "no static busybox at $busybox (apt-get install busybox-static)" >&2; exit 3; }
"$busybox" --list >/dev/null 2>&1 || { echo "$busybox is not a working busybox" >&2; exit 3; }
[ -x "$java_home/bin/java" ] || { echo "no JDK at $java_home" >&2; exit 3; }

work=$(mktemp -d "$out/.build.XXXXXX")
trap 'rm -rf "$work"' EXIT

sha() { sha256sum "$1" | cut -d' ' -f1; }
layer_tar() { # DIR TAR: a reproducible uncompressed layer
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$1" -cf "$2" .
}
blob() { # FILE -> prints digest, stores the blob
  local d; d=$(sha "$1"); cp "$1" "$work/blobs/$d"; echo "$d"
}

mkdir -p "$work/blobs" "$work/base/bin" "$work/base/etc" "$work/base/tmp" "$work/base/opt/java/openjdk"
cp "$busybox" "$work/base/bin/busybox"
for applet in $("$busybox" --list); do
  [ "$applet" = busybox ] || ln -sf busybox "$work/base/bin/$applet"
done
echo 'root:x:0:0:root:/root:/bin/sh' >"$work/base/etc/passwd"
echo 'root:x:0:' >"$work/base/etc/group"
chmod 1777 "$work/base/tmp"
# The JDK's shared libraries' dependencies outside the JDK itself, at their host paths.
{
  echo /lib64/ld-linux-x86-64.so.2
  find "$java_home/bin/java" "$java_home/lib" -name 'java' -o -name '*.so' | while read -r so; do
    ldd "$so" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3}'
  done
} | sort -u | grep -v "^$java_home" | while read -r lib; do
  mkdir -p "$work/base$(dirname "$lib")"
  cp -L "$lib" "$work/base$lib"
done
layer_tar "$work/base" "$work/base-layer.tar"
base_layer=$(blob "$work/base-layer.tar")
base_size=$(stat -c %s "$work/base-layer.tar")

mkdir -p "$work/app/opt/isocore/lib"
cp "$classpath_dir"/*.jar "$work/app/opt/isocore/lib/"
layer_tar "$work/app" "$work/app-layer.tar"
app_layer=$(blob "$work/app-layer.tar")
app_size=$(stat -c %s "$work/app-layer.tar")

json_array() { local first=1; printf '['; for a in "$@"; do [ $first = 1 ] || printf ','; first=0; printf '"%s"' "$a"; done; printf ']'; }

# image OUT_TAR "NAME..." "ENTRYPOINT JSON" LAYER_DIGEST:SIZE...
image() {
  local tar=$1 names=$2 entrypoint=$3; shift 3
  local diff_ids="" layers="" first=1
  for l in "$@"; do
    local d=${l%%:*} s=${l##*:}
    [ $first = 1 ] || { diff_ids+=","; layers+=","; }
    first=0
    diff_ids+="\"sha256:$d\""
    layers+="{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"sha256:$d\",\"size\":$s}"
  done
  printf '{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/bin:/opt/java/openjdk/bin"],"Entrypoint":%s,"WorkingDir":"/"},"rootfs":{"type":"layers","diff_ids":[%s]}}' \
    "$entrypoint" "$diff_ids" >"$work/config.json"
  local config; config=$(blob "$work/config.json")
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[%s]}' \
    "$config" "$(stat -c %s "$work/config.json")" "$layers" >"$work/manifest.json"
  local manifest; manifest=$(blob "$work/manifest.json")
  local msize; msize=$(stat -c %s "$work/manifest.json")
  local entries="" first_name=1
  for name in $names; do
    [ $first_name = 1 ] || entries+=","
    first_name=0
    entries+="{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:$manifest\",\"size\":$msize,\"annotations\":{\"io.containerd.image.name\":\"$name\",\"org.opencontainers.image.ref.name\":\"${name##*:}\"}}"
  done
  local layout="$work/layout"
  rm -rf "$layout"; mkdir -p "$layout/blobs/sha256"
  echo '{"imageLayoutVersion":"1.0.0"}' >"$layout/oci-layout"
  printf '{"schemaVersion":2,"manifests":[%s]}' "$entries" >"$layout/index.json"
  for l in "$@" "$config:0" "$manifest:0"; do
    cp "$work/blobs/${l%%:*}" "$layout/blobs/sha256/${l%%:*}"
  done
  layer_tar "$layout" "$tar.tmp" && mv "$tar.tmp" "$tar"
}

java_cmd() { json_array /opt/java/openjdk/bin/java --enable-native-access=ALL-UNNAMED -Xmx64m -XX:+UseSerialGC -XX:-UsePerfData -XX:CICompilerCount=2 -cp '/opt/isocore/lib/*' "$@"; }
image "$out/pause.tar" "isocore.local/pause:quickstart" \
  "$(json_array /bin/sh -c "trap 'exit 0' TERM INT; while :; do sleep 3600 & wait \$!; done")" \
  "$base_layer:$base_size"
image "$out/base.tar" "isocore.local/jvm-base:quickstart" "$(json_array /bin/sh)" "$base_layer:$base_size"
image "$out/agent.tar" "isocore.local/node-agent:quickstart" \
  "$(json_array sh -c 'exec java $JAVA_OPTS_APPEND -jar /deployments/quarkus-run.jar')" \
  "$base_layer:$base_size"
image "$out/latency.tar" "isocore.io/latency-workload:latest" \
  "$(java_cmd io.isocore.quickstart.workload.LatencyWorkload /isocore/out/stats)" \
  "$base_layer:$base_size" "$app_layer:$app_size"
image "$out/noisy.tar" "isocore.io/noisy-neighbour:latest" \
  "$(java_cmd io.isocore.quickstart.workload.CpuBurner /isocore/out/stats)" \
  "$base_layer:$base_size" "$app_layer:$app_size"
