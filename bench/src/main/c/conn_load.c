/*
 * conn_load: opens new TCP connections as fast as it can and counts completed handshakes per
 * second. The load generator of scripts/bench-conn-rate.sh (docs/benchmarks.md, "New TCP
 * connections per second end to end").
 *
 * Every connection has its own source transport address: connection i binds source address
 * SRC + i / 64512 (the last 32 bits incremented) and source port 1024 + i % 64512, and dials
 * DST port PORT + i % NPORTS, so through a NAT each one is a new mapping (a new BIB entry and
 * session in a NAT64, a new conntrack entry behind a masquerade). Up to CONCURRENCY connects are
 * in flight at once (non-blocking connect(2), epoll); a connection whose handshake completed
 * (SO_ERROR 0 on EPOLLOUT) is counted and closed at once with SO_LINGER 0, i.e. a RST, so the
 * client keeps no TIME_WAIT. A connect still pending after 2 s is abandoned and counted as a
 * timeout. With -P K, K processes share the work (process k takes i = k, k + K, ...).
 *
 * Output, one line per process at the end, then a total line from the parent:
 *   conn_load total: completed N in S s = R/s; failed F; timeouts T; cpu C s
 *
 * Build: gcc -O2 -Wall -o conn_load conn_load.c
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PORTS_PER_ADDRESS 64512u /* 1024..65535 */
#define CONNECT_TIMEOUT_NS 2000000000LL
#define MAX_PROCS 16

struct slot {
    int fd;
    int64_t started;
};

static int family;
static struct sockaddr_storage dst_base;
static struct sockaddr_storage src_base;
static unsigned nports = 1;
static unsigned naddrs = 1;
static uint64_t limit;

static int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t) t.tv_sec * 1000000000LL + t.tv_nsec;
}

static double cpu_seconds(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

static int parse_addr(const char *text, struct sockaddr_storage *out) {
    memset(out, 0, sizeof *out);
    struct sockaddr_in *a4 = (struct sockaddr_in *) out;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *) out;
    if (inet_pton(AF_INET, text, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        return AF_INET;
    }
    if (inet_pton(AF_INET6, text, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        return AF_INET6;
    }
    return -1;
}

/* Source and destination of connection i; 0 when the source addresses are used up. */
static int endpoints(uint64_t i, struct sockaddr_storage *src, struct sockaddr_storage *dst, socklen_t *len) {
    uint64_t address = i / PORTS_PER_ADDRESS;
    if (address >= naddrs || (limit && i >= limit)) {
        return 0;
    }
    uint16_t sport = (uint16_t) (1024 + i % PORTS_PER_ADDRESS);
    uint16_t dport = (uint16_t) (i % nports);
    *src = src_base;
    *dst = dst_base;
    if (family == AF_INET) {
        struct sockaddr_in *s = (struct sockaddr_in *) src, *d = (struct sockaddr_in *) dst;
        s->sin_addr.s_addr = htonl(ntohl(s->sin_addr.s_addr) + (uint32_t) address);
        s->sin_port = htons(sport);
        d->sin_port = htons(ntohs(d->sin_port) + dport);
        *len = sizeof(struct sockaddr_in);
    } else {
        struct sockaddr_in6 *s = (struct sockaddr_in6 *) src, *d = (struct sockaddr_in6 *) dst;
        uint32_t last;
        memcpy(&last, &s->sin6_addr.s6_addr[12], 4);
        last = htonl(ntohl(last) + (uint32_t) address);
        memcpy(&s->sin6_addr.s6_addr[12], &last, 4);
        s->sin6_port = htons(sport);
        d->sin6_port = htons(ntohs(d->sin6_port) + dport);
        *len = sizeof(struct sockaddr_in6);
    }
    return 1;
}

struct counts {
    uint64_t completed, failed, timeouts, bind_errors;
};

/* Starts connection *next (skipping tuples that cannot be bound); -1 when none is left. */
static int start(int ep, struct slot *slots, int k, uint64_t *next, unsigned stride, struct counts *c) {
    for (;;) {
        struct sockaddr_storage src, dst;
        socklen_t len;
        if (!endpoints(*next, &src, &dst, &len)) {
            return -1;
        }
        *next += stride;
        int fd = socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP);
        if (fd < 0) {
            perror("socket");
            exit(1);
        }
        struct linger lg = {1, 0}; /* close(2) sends a RST: no TIME_WAIT on the client */
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (bind(fd, (struct sockaddr *) &src, len) != 0) {
            c->bind_errors++;
            close(fd);
            continue;
        }
        if (connect(fd, (struct sockaddr *) &dst, len) != 0 && errno != EINPROGRESS) {
            c->failed++;
            close(fd);
            continue;
        }
        struct epoll_event ev = {.events = EPOLLOUT, .data.u32 = (uint32_t) k};
        epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
        slots[k].fd = fd;
        slots[k].started = now_ns();
        return 0;
    }
}

static void finish(int ep, struct slot *s) {
    epoll_ctl(ep, EPOLL_CTL_DEL, s->fd, NULL);
    close(s->fd);
    s->fd = -1;
}

/* One process: warm-up, then the measured window; prints its line and returns its counts. */
static void run(unsigned first, unsigned stride, int concurrency, double warmup, double seconds, int out_fd) {
    int ep = epoll_create1(EPOLL_CLOEXEC);
    struct slot *slots = calloc((size_t) concurrency, sizeof *slots);
    struct epoll_event events[512];
    struct counts c = {0}, zero = {0};
    uint64_t next = first;
    int live = 0;
    for (int k = 0; k < concurrency; k++) {
        slots[k].fd = -1;
        if (start(ep, slots, k, &next, stride, &c) == 0) {
            live++;
        }
    }
    int64_t t0 = now_ns();
    int64_t measure_from = t0 + (int64_t) (warmup * 1e9);
    int64_t end = measure_from + (int64_t) (seconds * 1e9);
    int64_t last_scan = t0;
    int measuring = warmup <= 0;
    double cpu0 = cpu_seconds();
    int exhausted = 0;
    while (live > 0) {
        int64_t now = now_ns();
        if (!measuring && now >= measure_from) {
            measuring = 1;
            c = zero;
            cpu0 = cpu_seconds();
        }
        if (now >= end) {
            break;
        }
        int n = epoll_wait(ep, events, 512, 10);
        for (int e = 0; e < n; e++) {
            int k = (int) events[e].data.u32;
            int err = 0;
            socklen_t el = sizeof err;
            getsockopt(slots[k].fd, SOL_SOCKET, SO_ERROR, &err, &el);
            if (err == 0) {
                c.completed++;
            } else {
                c.failed++;
            }
            finish(ep, &slots[k]);
            live--;
            if (start(ep, slots, k, &next, stride, &c) == 0) {
                live++;
            } else {
                exhausted = 1;
            }
        }
        now = now_ns();
        if (now - last_scan > 100000000LL) {
            last_scan = now;
            for (int k = 0; k < concurrency; k++) {
                if (slots[k].fd >= 0 && now - slots[k].started > CONNECT_TIMEOUT_NS) {
                    c.timeouts++;
                    finish(ep, &slots[k]);
                    live--;
                    if (start(ep, slots, k, &next, stride, &c) == 0) {
                        live++;
                    } else {
                        exhausted = 1;
                    }
                }
            }
        }
    }
    double elapsed = (now_ns() - measure_from) / 1e9;
    double cpu = cpu_seconds() - cpu0;
    for (int k = 0; k < concurrency; k++) {
        if (slots[k].fd >= 0) {
            finish(ep, &slots[k]);
        }
    }
    if (exhausted) {
        fprintf(stderr, "conn_load[%u]: source transport addresses used up before the end\n", first);
    }
    char line[256];
    int len = snprintf(line, sizeof line, "%llu %llu %llu %llu %.6f %.6f\n", (unsigned long long) c.completed,
            (unsigned long long) c.failed, (unsigned long long) c.timeouts, (unsigned long long) c.bind_errors,
            elapsed, cpu);
    if (write(out_fd, line, (size_t) len) != len) {
        perror("write");
    }
}

static void usage(void) {
    fprintf(stderr,
            "usage: conn_load -d DST -p PORT [-n NPORTS] -s SRC [-a NADDRS] [-t SECONDS] [-w WARMUP]\n"
            "                 [-c CONCURRENCY] [-P PROCS] [-l LIMIT]\n");
    exit(2);
}

int main(int argc, char **argv) {
    const char *dst = NULL, *src = NULL;
    int port = 0, concurrency = 256, procs = 1;
    double seconds = 10, warmup = 2;
    int opt;
    while ((opt = getopt(argc, argv, "d:p:n:s:a:t:w:c:P:l:")) != -1) {
        switch (opt) {
            case 'd': dst = optarg; break;
            case 'p': port = atoi(optarg); break;
            case 'n': nports = (unsigned) atoi(optarg); break;
            case 's': src = optarg; break;
            case 'a': naddrs = (unsigned) atoi(optarg); break;
            case 't': seconds = atof(optarg); break;
            case 'w': warmup = atof(optarg); break;
            case 'c': concurrency = atoi(optarg); break;
            case 'P': procs = atoi(optarg); break;
            case 'l': limit = strtoull(optarg, NULL, 10); break;
            default: usage();
        }
    }
    if (!dst || !src || port <= 0 || nports < 1 || naddrs < 1 || concurrency < 1 || procs < 1 || procs > MAX_PROCS
            || seconds <= 0 || port + nports > 65536) {
        usage();
    }
    family = parse_addr(dst, &dst_base);
    if (family < 0 || parse_addr(src, &src_base) != family) {
        fprintf(stderr, "conn_load: -d and -s must be addresses of the same family\n");
        return 2;
    }
    if (family == AF_INET) {
        ((struct sockaddr_in *) &dst_base)->sin_port = htons((uint16_t) port);
    } else {
        ((struct sockaddr_in6 *) &dst_base)->sin6_port = htons((uint16_t) port);
    }
    struct rlimit rl = {(rlim_t) concurrency + 64, (rlim_t) concurrency + 64};
    setrlimit(RLIMIT_NOFILE, &rl);
    int pipefd[2];
    if (pipe(pipefd) != 0) {
        perror("pipe");
        return 1;
    }
    pid_t pids[MAX_PROCS];
    for (int p = 0; p < procs; p++) {
        pids[p] = fork();
        if (pids[p] == 0) {
            close(pipefd[0]);
            run((unsigned) p, (unsigned) procs, concurrency, warmup, seconds, pipefd[1]);
            _exit(0);
        }
    }
    close(pipefd[1]);
    for (int p = 0; p < procs; p++) {
        waitpid(pids[p], NULL, 0);
    }
    unsigned long long completed = 0, failed = 0, timeouts = 0, bind_errors = 0;
    double elapsed = 0, cpu = 0;
    FILE *in = fdopen(pipefd[0], "r");
    unsigned long long a, b, t, e;
    double s, u;
    while (fscanf(in, "%llu %llu %llu %llu %lf %lf", &a, &b, &t, &e, &s, &u) == 6) {
        completed += a;
        failed += b;
        timeouts += t;
        bind_errors += e;
        elapsed = s > elapsed ? s : elapsed;
        cpu += u;
    }
    printf("conn_load total: completed %llu in %.2f s = %.0f/s; failed %llu; timeouts %llu; bind errors %llu;"
            " cpu %.2f s\n", completed, elapsed, elapsed > 0 ? completed / elapsed : 0.0, failed, timeouts,
            bind_errors, cpu);
    return 0;
}
