#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Link launcher for the fully static tools: runs the link command with static archives in place
# of its shared libraries.
#
# CMake puts imported shared libraries (libfmt.so through fmt::fmt, libblkid.so through
# pkg-config) on the link line by path, and a -static link rejects them. Each is replaced by the
# archive beside it (libblkid.a) or, when there is none, dropped: the tool carries what it needs
# of that library itself ({fmt} through fmt_impl.cpp; a missing symbol fails the link).
for arg; do
    shift
    case $arg in
    *.so | *.so.[0-9]*)
        archive=${arg%%.so*}.a
        if [ -f "$archive" ]; then set -- "$@" "$archive"; fi
        ;;
    *) set -- "$@" "$arg" ;;
    esac
done
exec "$@"
