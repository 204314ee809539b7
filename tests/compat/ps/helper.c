// SPDX-License-Identifier: GPL-2.0-or-later
// Test helper for the ps differential cases: an idle process with a chosen comm (prctl), idle
// threads, or a zombie child. It never burns CPU, so every column stays stable between runs.
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

static void* idle(void* arg) {
    (void)arg;
    for (;;) pause();
    return NULL;
}

int main(int argc, char** argv) {
    // usage: helper threads N | helper name COMM | helper zombie | helper idle ...
    if (argc >= 3 && strcmp(argv[1], "threads") == 0) {
        int n = atoi(argv[2]);
        for (int i = 0; i < n; ++i) {
            pthread_t t;
            pthread_create(&t, NULL, idle, NULL);
        }
    } else if (argc >= 3 && strcmp(argv[1], "name") == 0) {
        prctl(PR_SET_NAME, argv[2], 0, 0, 0);
    } else if (argc >= 2 && strcmp(argv[1], "zombie") == 0) {
        pid_t c = fork();
        if (c == 0) _exit(0);
        printf("%d\n", (int)c);
    }
    printf("ready\n");
    fflush(stdout);
    for (;;) pause();
}
