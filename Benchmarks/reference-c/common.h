/* Shared pieces of the C reference workloads: FlowSim's stream seeding, a
 * binary-heap future event list ordered by (time, sequence), FIFO queues of
 * arrival times, per-station wait tallies with batch means, and the JSON
 * the benchmark comparison reads.
 *
 * Plain C11 + GSL. Nothing here allocates inside the event loop once the
 * heap and the queues have grown to their largest size.
 */
#ifndef FLOWSIM_REFERENCE_COMMON_H
#define FLOWSIM_REFERENCE_COMMON_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>

/* ---- random streams: one per purpose, seeded exactly as FlowSim does ----
 * FNV-1a 64 over "<seed>/<replication>/<stream>", then the SplitMix64
 * finaliser (Sources/FlowEngine/StreamSeed.swift); mt19937 keeps the low
 * 32 bits. With the same seed this reference draws the same numbers as
 * FlowSim's replication 0. */
static uint64_t stream_seed(uint64_t master, int replication, const char *name) {
    char text[256];
    snprintf(text, sizeof text, "%llu/%d/%s", (unsigned long long)master, replication, name);
    uint64_t h = 0xcbf29ce484222325ULL;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        h ^= *p;
        h *= 0x00000100000001b3ULL;
    }
    uint64_t z = h + 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static gsl_rng *stream_new(uint64_t master, const char *name) {
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!r) { fprintf(stderr, "cannot allocate a GSL generator\n"); exit(70); }
    gsl_rng_set(r, (unsigned long)stream_seed(master, 0, name));
    return r;
}

/* ---- future event list: binary min-heap by (time, sequence) ---- */
typedef struct {
    double time;
    uint64_t seq;
    int32_t kind;     /* 0 = arrival, 1 = service end */
    int32_t station;
} event_t;

typedef struct {
    event_t *h;
    size_t n, cap;
    uint64_t next_seq;
} heap_t;

static inline int precedes(const event_t *a, const event_t *b) {
    return a->time < b->time || (a->time == b->time && a->seq < b->seq);
}

static void heap_push(heap_t *q, double time, int32_t kind, int32_t station) {
    if (q->n == q->cap) {
        q->cap = q->cap ? 2 * q->cap : 1024;
        q->h = realloc(q->h, q->cap * sizeof *q->h);
        if (!q->h) { fprintf(stderr, "out of memory\n"); exit(70); }
    }
    event_t e = {time, q->next_seq++, kind, station};
    size_t i = q->n++;
    while (i > 0) {
        size_t parent = (i - 1) >> 1;
        if (!precedes(&e, &q->h[parent])) break;
        q->h[i] = q->h[parent];
        i = parent;
    }
    q->h[i] = e;
}

static event_t heap_pop(heap_t *q) {
    event_t top = q->h[0];
    event_t last = q->h[--q->n];
    size_t n = q->n, i = 0;
    if (n > 0) {
        for (;;) {
            size_t child = 2 * i + 1;
            if (child >= n) break;
            if (child + 1 < n && precedes(&q->h[child + 1], &q->h[child])) child++;
            if (!precedes(&q->h[child], &last)) break;
            q->h[i] = q->h[child];
            i = child;
        }
        q->h[i] = last;
    }
    return top;
}

/* ---- FIFO queue of arrival times (a growable ring buffer, power-of-two capacity) ---- */
typedef struct {
    double *a;
    size_t head, n, cap;
} fifo_t;

static void fifo_push(fifo_t *f, double x) {
    if (f->n == f->cap) {
        size_t cap = f->cap ? 2 * f->cap : 256;
        double *a = malloc(cap * sizeof *a);
        if (!a) { fprintf(stderr, "out of memory\n"); exit(70); }
        for (size_t i = 0; i < f->n; i++) a[i] = f->a[(f->head + i) & (f->cap - 1)];
        free(f->a);
        f->a = a; f->head = 0; f->cap = cap;
    }
    f->a[(f->head + f->n) & (f->cap - 1)] = x;
    f->n++;
}

static double fifo_pop(fifo_t *f) {
    double x = f->a[f->head];
    f->head = (f->head + 1) & (f->cap - 1);
    f->n--;
    return x;
}

/* ---- waits: overall mean and batch means over BATCHES equal time windows ---- */
#define BATCHES 20
#define T_975_19 2.093024054408263   /* Student t, 0.975 quantile, 19 degrees of freedom */

typedef struct {
    const char *name;
    long long arrivals, served, starts, lost;
    double wait_sum;
    double batch_sum[BATCHES];
    long long batch_n[BATCHES];
} tally_t;

static inline void tally_wait(tally_t *t, double wait, double now, double duration) {
    int b = (int)(now / duration * BATCHES);
    if (b >= BATCHES) b = BATCHES - 1;
    if (b < 0) b = 0;
    t->starts++;
    t->wait_sum += wait;
    t->batch_sum[b] += wait;
    t->batch_n[b]++;
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void print_json(const char *workload, long long customers, double duration, long long arrivals,
                       long long events, double wall, const tally_t *t, int count) {
    printf("{\"tool\": \"c\", \"workload\": \"%s\", \"customers\": %lld, \"duration_days\": %.17g, "
           "\"arrivals\": %lld, \"events\": %lld, \"wall_seconds\": %.6f, \"events_per_second\": %.1f, "
           "\"stations\": {",
           workload, customers, duration, arrivals, events, wall, wall > 0 ? events / wall : 0.0);
    for (int s = 0; s < count; s++) {
        const tally_t *x = &t[s];
        double mean = x->starts ? x->wait_sum / x->starts : NAN;
        double bm[BATCHES];
        int k = 0;
        for (int b = 0; b < BATCHES; b++) if (x->batch_n[b] > 0) bm[k++] = x->batch_sum[b] / x->batch_n[b];
        double m = 0, v = 0;
        for (int i = 0; i < k; i++) m += bm[i];
        if (k) m /= k;
        for (int i = 0; i < k; i++) v += (bm[i] - m) * (bm[i] - m);
        double hw = k > 1 ? T_975_19 * sqrt(v / (k - 1) / k) : NAN;
        printf("%s\"%s\": {\"arrivals\": %lld, \"served\": %lld, \"lost\": %lld, \"starts\": %lld, "
               "\"wait_mean_days\": %.17g, \"half_width\": %.17g, \"batch_means\": [",
               s ? ", " : "", x->name, x->arrivals, x->served, x->lost, x->starts, mean, hw);
        for (int i = 0; i < k; i++) printf("%s%.17g", i ? ", " : "", bm[i]);
        printf("]}");
    }
    printf("}}\n");
}

/* Command line: [--customers N] [--duration DAYS] [--seed S] */
typedef struct {
    long long customers;
    double duration;   /* < 0: floor(customers / rate) + 1 days, as the workload files */
    unsigned long long seed;
} options_t;

static options_t parse_options(int argc, char **argv) {
    options_t o = {1000000, -1, 1};
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--customers") && i + 1 < argc) o.customers = atoll(argv[++i]);
        else if (!strcmp(argv[i], "--duration") && i + 1 < argc) o.duration = atof(argv[++i]);
        else if (!strcmp(argv[i], "--seed") && i + 1 < argc) o.seed = strtoull(argv[++i], NULL, 10);
        else {
            fprintf(stderr, "usage: %s [--customers N] [--duration DAYS] [--seed S]\n", argv[0]);
            exit(64);
        }
    }
    if (o.customers <= 0) { fprintf(stderr, "--customers must be positive\n"); exit(64); }
    return o;
}

#endif
