/* The `network` benchmark workload (Benchmarks/workloads/network.yaml) as a
 * plain C event loop: Poisson arrivals at 10/day into six stations with
 * probabilistic routing, feedback (treat -> treat, review -> assess) and a
 * finite waiting room at `review` (5 places; a full room loses the arrival),
 * 1,000,000 arrivals, run for floor(customers / 10) + 1 days.
 *
 *   station  servers  service                          routing after service
 *   triage   2        exponential, mean 0.15 d         assess 0.6, advice 0.4
 *   assess   4        lognormal, mean 0.5 d, sd 0.3 d  treat 0.7, advice 0.2 (else leave)
 *   advice   2        exponential, mean 0.1 d          leave
 *   treat    6        gamma, shape 2, scale 0.25 d     review 0.5, treat 0.1 (else leave)
 *   review   2        exponential, mean 0.2 d          assess 0.1, beds 0.05 (else leave); queue_limit 5, lost
 *   beds     5        lognormal, mean 10 d, sd 8 d     leave
 *
 * FlowSim's rules: a person starts at once if a server is free and nobody
 * waits; otherwise joins the FIFO line unless the waiting room is full (then
 * lost). When a service ends, the freed server takes the next in line before
 * the finished person is routed, so someone fed back joins behind those
 * already waiting. One mt19937 stream per purpose seeded as FlowSim seeds
 * them ("source.arrivals.arrivals", "station.<name>.service", "station.<name>.routing"); a
 * routing draw only where there is a choice. Events = arrivals + service ends.
 *
 *     ./network [--customers N] [--duration DAYS] [--seed S]   # prints one JSON line
 */
#include "common.h"

enum { ARRIVAL = 0, SERVICE_END = 1 };
enum { EXPONENTIAL, LOGNORMAL, GAMMA };
enum { TRIAGE, ASSESS, ADVICE, TREAT, REVIEW, BEDS, STATIONS };

typedef struct {
    const char *name;
    int capacity;
    int queue_limit;          /* < 0: unlimited */
    int kind;
    double p1, p2;            /* exponential: mean; lognormal: mean, sd; gamma: shape, scale */
    int routes;
    int dest[2];
    double cum[2];            /* cumulative probabilities, in the order of the file */
} station_spec;

static const station_spec spec[STATIONS] = {
    {"triage", 2, -1, EXPONENTIAL, 0.15, 0, 2, {ASSESS, ADVICE}, {0.6, 0.6 + 0.4}},
    {"assess", 4, -1, LOGNORMAL, 0.5, 0.3, 2, {TREAT, ADVICE}, {0.7, 0.7 + 0.2}},
    {"advice", 2, -1, EXPONENTIAL, 0.1, 0, 0, {0, 0}, {0, 0}},
    {"treat", 6, -1, GAMMA, 2, 0.25, 2, {REVIEW, TREAT}, {0.5, 0.5 + 0.1}},
    {"review", 2, 5, EXPONENTIAL, 0.2, 0, 2, {ASSESS, BEDS}, {0.1, 0.1 + 0.05}},
    {"beds", 5, -1, LOGNORMAL, 10, 8, 0, {0, 0}, {0, 0}},
};

typedef struct {
    int busy;
    fifo_t line;
    gsl_rng *service, *routing;
    double mu, sigma;         /* lognormal: parameters of the underlying normal */
} station_state;

static station_state st[STATIONS];
static tally_t tally[STATIONS];
static heap_t q;
static double duration;

static inline double draw_service(int s) {
    const station_spec *p = &spec[s];
    switch (p->kind) {
    case EXPONENTIAL: return gsl_ran_exponential(st[s].service, p->p1);
    case LOGNORMAL: return gsl_ran_lognormal(st[s].service, st[s].mu, st[s].sigma);
    default: return gsl_ran_gamma(st[s].service, p->p1, p->p2);
    }
}

static inline void start_service(int s, double arrived, double now) {
    st[s].busy++;
    tally_wait(&tally[s], now - arrived, now, duration);
    heap_push(&q, now + draw_service(s), SERVICE_END, s);
}

static inline void arrive(int s, double now) {
    tally[s].arrivals++;
    if (st[s].busy < spec[s].capacity && st[s].line.n == 0) {
        start_service(s, now, now);
    } else if (spec[s].queue_limit >= 0 && st[s].line.n >= (size_t)spec[s].queue_limit) {
        tally[s].lost++;
    } else {
        fifo_push(&st[s].line, now);
    }
}

static inline void service_end(int s, double now) {
    st[s].busy--;
    tally[s].served++;
    while (st[s].busy < spec[s].capacity && st[s].line.n > 0) start_service(s, fifo_pop(&st[s].line), now);
    const station_spec *p = &spec[s];
    if (p->routes == 0) return;
    int next = -1;
    if (p->routes == 1 && p->cum[0] >= 1 - 1e-12) {
        next = p->dest[0];
    } else {
        double u = gsl_rng_uniform(st[s].routing);
        for (int i = 0; i < p->routes; i++) if (u < p->cum[i]) { next = p->dest[i]; break; }
    }
    if (next >= 0) arrive(next, now);
}

int main(int argc, char **argv) {
    options_t o = parse_options(argc, argv);
    const double rate = 10.0;
    duration = o.duration >= 0 ? o.duration : floor(o.customers / rate) + 1;

    gsl_rng *arrivals = stream_new(o.seed, "source.arrivals.arrivals");
    for (int s = 0; s < STATIONS; s++) {
        char name[64];
        snprintf(name, sizeof name, "station.%s.service", spec[s].name);
        st[s].service = stream_new(o.seed, name);
        snprintf(name, sizeof name, "station.%s.routing", spec[s].name);
        st[s].routing = stream_new(o.seed, name);
        if (spec[s].kind == LOGNORMAL) {
            double m = spec[s].p1, sd = spec[s].p2;
            double sigma2 = log1p((sd * sd) / (m * m));
            st[s].mu = log(m) - sigma2 / 2;
            st[s].sigma = sqrt(sigma2);
        }
        tally[s].name = spec[s].name;
    }
    long long issued = 0, events = 0, system_arrivals = 0;

    double started = now_seconds();
    heap_push(&q, 0 + gsl_ran_exponential(arrivals, 1 / rate), ARRIVAL, 0);
    issued = 1;
    while (q.n > 0 && q.h[0].time <= duration) {
        event_t e = heap_pop(&q);
        double now = e.time;
        events++;
        if (e.kind == ARRIVAL) {
            system_arrivals++;
            arrive(TRIAGE, now);
            if (issued < o.customers) {
                issued++;
                heap_push(&q, now + gsl_ran_exponential(arrivals, 1 / rate), ARRIVAL, 0);
            }
        } else {
            service_end(e.station, now);
        }
    }
    double wall = now_seconds() - started;

    print_json("network", o.customers, duration, system_arrivals, events, wall, tally, STATIONS);
    gsl_rng_free(arrivals);
    for (int s = 0; s < STATIONS; s++) {
        gsl_rng_free(st[s].service);
        gsl_rng_free(st[s].routing);
        free(st[s].line.a);
    }
    free(q.h);
    return 0;
}
