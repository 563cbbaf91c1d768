/*
 * conn_sink: the server side of scripts/bench-conn-rate.sh. Listens on IPv4 TCP ports
 * PORT .. PORT+NPORTS-1 (all addresses) with a large backlog and accepts and closes every
 * connection as fast as the kernel hands them over (epoll over the listeners, accept4(2) until
 * EAGAIN). Runs until SIGTERM/SIGINT or -t SECONDS, then prints how many it accepted and its CPU
 * time, so the script can show that the server was not the bottleneck.
 *
 * Build: gcc -O2 -Wall -o conn_sink conn_sink.c
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_signal(int sig) {
    (void) sig;
    stop = 1;
}

int main(int argc, char **argv) {
    int port = 0, nports = 1, backlog = 65535;
    double seconds = 3600;
    int opt;
    while ((opt = getopt(argc, argv, "p:n:b:t:")) != -1) {
        switch (opt) {
            case 'p': port = atoi(optarg); break;
            case 'n': nports = atoi(optarg); break;
            case 'b': backlog = atoi(optarg); break;
            case 't': seconds = atof(optarg); break;
            default:
                fprintf(stderr, "usage: conn_sink -p PORT [-n NPORTS] [-b BACKLOG] [-t SECONDS]\n");
                return 2;
        }
    }
    if (port <= 0 || nports < 1 || port + nports > 65536) {
        fprintf(stderr, "conn_sink: bad port range\n");
        return 2;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    struct rlimit rl = {65536, 65536};
    setrlimit(RLIMIT_NOFILE, &rl);
    int ep = epoll_create1(EPOLL_CLOEXEC);
    for (int i = 0; i < nports; i++) {
        int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((unsigned short) (port + i))};
        if (bind(fd, (struct sockaddr *) &a, sizeof a) != 0 || listen(fd, backlog) != 0) {
            perror("conn_sink: bind/listen");
            return 1;
        }
        struct epoll_event ev = {.events = EPOLLIN, .data.fd = fd};
        epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    }
    printf("conn_sink: listening on %d..%d\n", port, port + nports - 1);
    fflush(stdout);
    struct timespec t0, t;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    unsigned long long accepted = 0;
    struct epoll_event events[256];
    while (!stop) {
        clock_gettime(CLOCK_MONOTONIC, &t);
        if ((t.tv_sec - t0.tv_sec) + (t.tv_nsec - t0.tv_nsec) / 1e9 > seconds) {
            break;
        }
        int n = epoll_wait(ep, events, 256, 200);
        for (int e = 0; e < n; e++) {
            for (;;) {
                int c = accept4(events[e].data.fd, NULL, NULL, SOCK_CLOEXEC);
                if (c < 0) {
                    break; /* EAGAIN, or a connection reset before it was accepted */
                }
                close(c);
                accepted++;
            }
        }
    }
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    printf("conn_sink: accepted %llu; cpu %.2f s\n", accepted,
            u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6);
    return 0;
}
