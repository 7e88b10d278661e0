#!/bin/sh
# Assembles the build context of the test image (FROM scratch, no registry needed):
#   runtime/  a jlinked Java runtime with the modules the program needs
#   native/   JNA's libjnidispatch.so, extracted here so the image needs no writable directory
#   rootfs/   the host's shared libraries that runtime and native need (found with ldd), /etc/passwd and /etc/group,
#             and, where the host has them, fontconfig, its configuration and one font, so that --plot draws PNG
#   lib/      the program's jar and its dependencies (copied there by Maven before this script runs)
#   fake/     the simulated kernel's provider, off the class path unless a container adds it (copied by Maven)
#   Dockerfile
# Usage: assemble-context.sh CONTEXT_DIR JAVA_HOME DOCKERFILE PROGRAM_JAR
set -eu

context=$1
java_home=$2
dockerfile=$3
program_jar=$4

die() {
    echo "assemble-context.sh: $*" >&2
    exit 1
}

[ -d "$context/lib" ] || die "$context/lib is missing: Maven copies the program's dependencies there first"
[ -d "$context/fake" ] || die "$context/fake is missing: Maven copies lllqos-fake there first"
[ -f "$program_jar" ] || die "$program_jar is missing: package the module first"
cp "$program_jar" "$context/lib/"
jlink="$java_home/bin/jlink"
[ -x "$jlink" ] || die "no jlink at $jlink: build the it profile with a full JDK (17 or newer), not a JRE"
command -v ldd >/dev/null || die "ldd is missing (Debian: apt-get install libc-bin)"

rm -rf "$context/runtime" "$context/native" "$context/rootfs"
mkdir -p "$context/native" "$context/rootfs/etc"

# java.logging: JNA logs through java.util.logging. java.desktop: lllqos cyclic --plot (Java2D, ImageIO).
"$jlink" --add-modules java.base,java.logging,java.desktop --strip-debug --no-header-files --no-man-pages \
    --output "$context/runtime" \
    || die "jlink failed; on Debian the JDK's jmods come with openjdk-17-jdk-headless"

case "$(uname -m)" in
    x86_64) jna_arch=linux-x86-64 ;;
    aarch64) jna_arch=linux-aarch64 ;;
    *) jna_arch=linux-$(uname -m) ;;
esac
jna_jar=$(ls "$context"/lib/jna*.jar 2>/dev/null | head -n 1)
[ -n "$jna_jar" ] || die "no JNA jar in $context/lib"
unzip -q -o -j "$jna_jar" "com/sun/jna/$jna_arch/libjnidispatch.so" -d "$context/native" \
    || die "no com/sun/jna/$jna_arch/libjnidispatch.so in $jna_jar"

# Text in a PNG plot needs fontconfig, which Java opens by name (so ldd does not list it), its configuration and a
# font. Where the host lacks them the image has none and lllqos cyclic refuses --plot FILE.png before it runs.
fontconfig=$(ldconfig -p 2>/dev/null | awk '$1 == "libfontconfig.so.1" { print $NF; exit }')
font=
for candidate in /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf /usr/share/fonts/dejavu/DejaVuSans.ttf; do
    if [ -z "$font" ] && [ -f "$candidate" ]; then
        font=$candidate
    fi
done
mkdir -p "$context/extra"
if [ -n "$fontconfig" ] && [ -d /etc/fonts ] && [ -n "$font" ]; then
    cp -L "$fontconfig" "$context/extra/"
    mkdir -p "$context/rootfs$(dirname "$fontconfig")" "$context/rootfs$(dirname "$font")"
    cp -L "$fontconfig" "$context/rootfs$fontconfig"
    cp -rL /etc/fonts "$context/rootfs/etc/fonts"
    cp -L "$font" "$context/rootfs$font"
    # fontconfig's cache, writable by any user of the image (it complains on every start otherwise)
    mkdir -p "$context/rootfs/var/cache/fontconfig"
    chmod 1777 "$context/rootfs/var/cache/fontconfig"
fi

# Every shared library the runtime, JNA and fontconfig link against, at the path the host has it (dereferenced).
find "$(cd "$context" && pwd)/runtime" "$(cd "$context" && pwd)/native" "$(cd "$context" && pwd)/extra" -type f \
    \( -name '*.so' -o -name '*.so.*' -o -path '*/bin/java' \) \
    | xargs ldd 2>/dev/null \
    | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' \
    | sort -u \
    | grep -v "^$(cd "$context" && pwd)/" \
    | while read -r library; do
        mkdir -p "$context/rootfs$(dirname "$library")"
        cp -L "$library" "$context/rootfs$library"
    done
rm -rf "$context/extra"
# The loader the programs name as their interpreter, and libc, which JNA opens by name.
for library in /lib64/ld-linux-x86-64.so.2 /lib/ld-linux-aarch64.so.1; do
    if [ -e "$library" ] && [ ! -e "$context/rootfs$library" ]; then
        mkdir -p "$context/rootfs$(dirname "$library")"
        cp -L "$library" "$context/rootfs$library"
    fi
done

# Users for the tests that run the program as someone other than root.
printf 'root:x:0:0:root:/:/nonexistent\nnobody:x:65534:65534:nobody:/:/nonexistent\n' > "$context/rootfs/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$context/rootfs/etc/group"

cp "$dockerfile" "$context/Dockerfile"
