/* The `mmc` benchmark workload (Benchmarks/workloads/mmc.yaml) as a plain C
 * event loop: M/M/c, c = 10, lambda = 9/day, mu = 1/day, FIFO, 1,000,000
 * customers, run for floor(customers / 9) + 1 days. The practical speed
 * ceiling FlowSim is compared with.
 *
 * Same model, same rules as FlowSim: Poisson arrivals until the limit, a
 * binary-heap event list ordered by (time, scheduling order), one mt19937
 * stream per purpose seeded as FlowSim seeds them ("source.customers.arrivals",
 * "station.servers.service"), the wait recorded when service starts, only events at
 * or before the end of the run processed. Events = arrivals + service ends.
 *
 *     ./mmc [--customers N] [--duration DAYS] [--seed S]   # prints one JSON line
 */
#include "common.h"

enum { ARRIVAL = 0, SERVICE_END = 1 };

int main(int argc, char **argv) {
    options_t o = parse_options(argc, argv);
    const double rate = 9.0, mean_service = 1.0;
    const int c = 10;
    const double duration = o.duration >= 0 ? o.duration : floor(o.customers / rate) + 1;

    gsl_rng *arrivals = stream_new(o.seed, "source.customers.arrivals");
    gsl_rng *service = stream_new(o.seed, "station.servers.service");
    heap_t q = {0};
    fifo_t line = {0};
    tally_t t = {.name = "servers"};
    int busy = 0;
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
            t.arrivals++;
            if (busy < c && line.n == 0) {
                busy++;
                tally_wait(&t, 0, now, duration);
                heap_push(&q, now + gsl_ran_exponential(service, mean_service), SERVICE_END, 0);
            } else {
                fifo_push(&line, now);
            }
            if (issued < o.customers) {
                issued++;
                heap_push(&q, now + gsl_ran_exponential(arrivals, 1 / rate), ARRIVAL, 0);
            }
        } else {
            busy--;
            t.served++;
            while (busy < c && line.n > 0) {
                double arrived = fifo_pop(&line);
                busy++;
                tally_wait(&t, now - arrived, now, duration);
                heap_push(&q, now + gsl_ran_exponential(service, mean_service), SERVICE_END, 0);
            }
        }
    }
    double wall = now_seconds() - started;

    print_json("mmc", o.customers, duration, system_arrivals, events, wall, &t, 1);
    gsl_rng_free(arrivals);
    gsl_rng_free(service);
    free(q.h);
    free(line.a);
    return 0;
}
