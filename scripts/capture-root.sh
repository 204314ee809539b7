#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Capture this machine's block-device view into a fixture directory usable with
# `lsblk --sysroot DIR` (ours and util-linux's): the /sys/block and /sys/dev/block trees with the
# attributes lsblk reads, /proc/self/mountinfo and /proc/swaps, and the udev records, both as
# run/udev/data/bMAJ:MIN and as the KEY=value text files util-linux reads at DIR/dev/NAME
# (DIR/dev/mapper/NAME for device-mapper devices).
#
# usage: capture-root.sh [-s] [-b] DEST
#   -s  scrub: replace serial numbers and WWNs with a fixed value
#   -b  where udev has no record, write the properties `blkid -o udev -p` reports instead
#       (what udev would have stored), so a machine without udev still gives FSTYPE etc.
set -euo pipefail

scrub=0 useblkid=0
while [ $# -gt 1 ]; do
    case "$1" in
        -s) scrub=1 ;;
        -b) useblkid=1 ;;
        *) break ;;
    esac
    shift
done
if [ $# -ne 1 ]; then
    echo "usage: $(basename "$0") [-s] [-b] DEST" >&2
    exit 2
fi
dest=$1
mkdir -p "$dest"
dest=$(cd "$dest" && pwd)

copy_file() {  # copy one regular file (unreadable or write-only attributes are skipped)
    local f=$1
    mkdir -p "$dest$(dirname "$f")"
    cat "$f" > "$dest$f" 2>/dev/null || rm -f "$dest$f"
}
copy_link() {
    local f=$1
    mkdir -p "$dest$(dirname "$f")"
    [ -e "$dest$f" ] || [ -L "$dest$f" ] || cp -P "$f" "$dest$f"
}

# Attributes of one device directory: top-level files, queue/, dm/, md/, loop/, the device
# link and device/ attributes, holders/slaves links and partition subdirectories.
copy_devdir() {
    local d=$1 f
    for f in "$d"/*; do
        [ -e "$f" ] || [ -L "$f" ] || continue
        local b=${f##*/}
        case "$b" in
            uevent|trace|power|mq|bdi|integrity|subsystem) continue ;;
        esac
        if [ -L "$f" ]; then
            copy_link "$f"
            if [ "$b" = device ] && [ -d "$f" ]; then
                local r g
                r=$(realpath "$f")
                for g in "$r"/*; do
                    [ -f "$g" ] && [ ! -L "$g" ] && [ "${g##*/}" != uevent ] && copy_file "$g"
                done
            fi
        elif [ -f "$f" ]; then
            copy_file "$f"
        elif [ -d "$f" ]; then
            case "$b" in
                queue|dm|md|loop|device) ;;
                holders|slaves)
                    mkdir -p "$dest$f"
                    local l
                    for l in "$f"/*; do [ -L "$l" ] && copy_link "$l"; done
                    continue ;;
                *)
                    # a partition subdirectory has a "start" attribute
                    [ -e "$f/start" ] && copy_devdir "$f"
                    continue ;;
            esac
            local g
            for g in "$f"/*; do
                [ -f "$g" ] && [ ! -L "$g" ] && [ "${g##*/}" != uevent ] && copy_file "$g"
            done
        fi
    done
}

# procfs
mkdir -p "$dest/proc/self"
cat /proc/self/mountinfo > "$dest/proc/self/mountinfo"
cat /proc/swaps > "$dest/proc/swaps"

# sysfs
mkdir -p "$dest/sys/block" "$dest/sys/dev/block"
for l in /sys/block/* /sys/dev/block/*; do copy_link "$l"; done
for l in /sys/dev/block/*; do
    real=$(realpath "$l")
    [ -d "$real" ] || continue
    copy_devdir "$real"
    # subsystem links of the device and its ancestors (SUBSYSTEMS, HOTPLUG)
    p=$real
    while [ "$p" != /sys ] && [ "$p" != / ]; do
        [ -L "$p/subsystem" ] && copy_link "$p/subsystem"
        p=$(dirname "$p")
    done
    # SCSI host attributes used for TRAN
    if [ -L "$real/device" ]; then
        hctl=$(basename "$(readlink "$real/device")")
        host=${hctl%%:*}
        if [[ "$hctl" =~ ^[0-9]+:[0-9]+:[0-9]+:[0-9]+$ ]]; then
            [ -L "/sys/bus/scsi/devices/$hctl" ] && copy_link "/sys/bus/scsi/devices/$hctl"
            for t in spi fc sas iscsi scsi; do
                hd=/sys/class/${t}_host/host$host
                [ -e "$hd" ] || continue
                mkdir -p "$dest$hd"
                for a in proc_name symbolic_name; do [ -f "$hd/$a" ] && copy_file "$hd/$a"; done
            done
        fi
    fi
done

# udev records: as captured, and as the text files util-linux reads with --sysroot
mkdir -p "$dest/dev"
for l in /sys/dev/block/*; do
    mm=${l##*/}
    name=$(basename "$(readlink "$l")")
    node="/dev/${name//!//}"
    rec=/run/udev/data/b$mm
    out="$dest/dev/${name//!//}"
    if [ -r "$l/dm/name" ]; then
        # device-mapper: lsblk knows these as /dev/mapper/NAME and reads their file there
        out="$dest/dev/mapper/$(cat "$l/dm/name")"
    fi
    mkdir -p "$(dirname "$out")"
    : > "$out"
    if [ -r "$rec" ]; then
        mkdir -p "$dest/run/udev/data"
        cat "$rec" > "$dest/run/udev/data/b$mm"
        sed -n 's/^E://p' "$rec" >> "$out"
    elif [ "$useblkid" = 1 ] && [ -b "$node" ]; then
        blkid -o udev -p "$node" >> "$out" 2>/dev/null || true
    fi
    if [ -e "$node" ]; then
        # MODE as lsblk shows it for a live node, so a replay prints the same
        printf 'MODE=%s\nOWNER=%s\nGROUP=%s\n' "$(stat -c %A "$node")" \
            "$(stat -c %U "$node")" "$(stat -c %G "$node")" >> "$out"
    fi
done

if [ "$scrub" = 1 ]; then
    find "$dest" -type f \( -name serial -o -name wwid \) -exec sh -c 'echo SCRUBBED > "$1"' _ {} \;
    find "$dest/dev" "$dest/run" -type f 2>/dev/null -exec \
        sed -i -E 's/^((E:)?ID_(SERIAL|SERIAL_SHORT|SCSI_SERIAL|WWN|WWN_WITH_EXTENSION))=.*/\1=SCRUBBED/' {} +
fi
echo "captured into $dest"
