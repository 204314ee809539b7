// SPDX-License-Identifier: GPL-2.0-or-later
// Test helper for df's never-hang test: a FUSE file system (libfuse3) whose statfs never answers.
#define FUSE_USE_VERSION 31
#include <errno.h>
#include <fuse.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int hang_getattr(const char *path, struct stat *st, struct fuse_file_info *fi) {
    (void)fi;
    memset(st, 0, sizeof *st);
    if (strcmp(path, "/") != 0) return -ENOENT;
    st->st_mode = S_IFDIR | 0755;
    st->st_nlink = 2;
    return 0;
}

static int hang_statfs(const char *path, struct statvfs *st) {
    (void)path;
    (void)st;
    for (;;) pause();  /* a daemon that is stuck: the request never gets an answer */
    return 0;
}

static const struct fuse_operations ops = {
    .getattr = hang_getattr,
    .statfs = hang_statfs,
};

int main(int argc, char *argv[]) { return fuse_main(argc, argv, &ops, NULL); }
