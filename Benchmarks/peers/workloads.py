"""The two benchmark workloads, as the peers (SimPy, Ciw) run them, plus what
both runners share: FlowSim's stream seeding, wait tallies with batch means,
the command line and the JSON they print.

The models mirror Benchmarks/workloads/mmc.yaml and network.yaml exactly
(and Benchmarks/reference-c/): stations in the order of the file, service
distributions as FlowSim reads them (lognormal by the mean and sd of the
variable itself, gamma by shape and scale), routing probabilities in the
order of the file with the remainder leaving, and at `review` a waiting room
of 5 places whose overflow is lost. A run takes `customers` arrivals and
lasts floor(customers / rate) + 1 days, as the workload files do for
1,000,000; only events at or before that time count.
"""

import argparse
import json
import math
import random
import sys

BATCHES = 20
T_975_19 = 2.093024054408263  # Student t, 0.975 quantile, 19 degrees of freedom


class Station:
    def __init__(self, name, capacity, service, routes=(), queue_limit=None):
        self.name = name
        self.capacity = capacity
        self.service = service          # ("exponential", mean) | ("lognormal", mean, sd) | ("gamma", shape, scale)
        self.routes = list(routes)      # [(station name, probability)], in the file's order; the rest leaves
        self.queue_limit = queue_limit  # waiting places (not counting those in service); None = unlimited

    def cumulative(self):
        out, running = [], 0.0
        for name, p in self.routes:
            running += p
            out.append((running, name))
        return out


class Workload:
    def __init__(self, name, source, rate, first, stations):
        self.name = name
        self.source = source            # the source's name, for its stream
        self.rate = rate                # arrivals per day (Poisson)
        self.first = first              # station every arrival goes to
        self.stations = stations

    def duration(self, customers):
        return math.floor(customers / self.rate) + 1


WORKLOADS = {
    "mmc": Workload("mmc", "customers", 9.0, "servers", [
        Station("servers", 10, ("exponential", 1.0)),
    ]),
    "network": Workload("network", "arrivals", 10.0, "triage", [
        Station("triage", 2, ("exponential", 0.15), [("assess", 0.6), ("advice", 0.4)]),
        Station("assess", 4, ("lognormal", 0.5, 0.3), [("treat", 0.7), ("advice", 0.2)]),
        Station("advice", 2, ("exponential", 0.1)),
        Station("treat", 6, ("gamma", 2.0, 0.25), [("review", 0.5), ("treat", 0.1)]),
        Station("review", 2, ("exponential", 0.2), [("assess", 0.1), ("beds", 0.05)], queue_limit=5),
        Station("beds", 5, ("lognormal", 10.0, 8.0)),
    ]),
}


def lognormal_parameters(mean, sd):
    """mu and sigma of the underlying normal, for a lognormal of this mean and sd (as FlowSim)."""
    sigma2 = math.log1p((sd * sd) / (mean * mean))
    return math.log(mean) - sigma2 / 2, math.sqrt(sigma2)


def stream_seed(master, replication, name):
    """FlowSim's stream seed: FNV-1a 64 over "<seed>/<replication>/<name>", then SplitMix64's finaliser."""
    mask = (1 << 64) - 1
    h = 0xCBF29CE484222325
    for byte in f"{master}/{replication}/{name}".encode():
        h ^= byte
        h = (h * 0x00000100000001B3) & mask
    z = (h + 0x9E3779B97F4A7C15) & mask
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
    return z ^ (z >> 31)


def stream(master, name):
    """One Python Mersenne Twister per purpose, seeded from FlowSim's stream seed."""
    return random.Random(stream_seed(master, 0, name))


class Tally:
    """Per station: counts, and waits by service start, with batch means over BATCHES equal time windows."""

    def __init__(self, name, duration):
        self.name = name
        self.duration = duration
        self.arrivals = self.served = self.lost = self.starts = 0
        self.total = 0.0
        self.batch_sum = [0.0] * BATCHES
        self.batch_n = [0] * BATCHES

    def wait(self, wait, now):
        b = min(BATCHES - 1, max(0, int(now / self.duration * BATCHES)))
        self.starts += 1
        self.total += wait
        self.batch_sum[b] += wait
        self.batch_n[b] += 1

    def json(self):
        means = [s / n for s, n in zip(self.batch_sum, self.batch_n) if n > 0]
        k = len(means)
        half_width = None
        if k > 1:
            m = sum(means) / k
            var = sum((x - m) ** 2 for x in means) / (k - 1)
            half_width = T_975_19 * math.sqrt(var / k)
        return {
            "arrivals": self.arrivals, "served": self.served, "lost": self.lost, "starts": self.starts,
            "wait_mean_days": self.total / self.starts if self.starts else None,
            "half_width": half_width, "batch_means": means,
        }


def parse(tool):
    p = argparse.ArgumentParser(description=f"Run a FlowSim benchmark workload in {tool}; prints one JSON line.")
    p.add_argument("workload", choices=sorted(WORKLOADS))
    p.add_argument("--customers", type=int, default=1_000_000, help="arrivals (default 1,000,000)")
    p.add_argument("--duration", type=float, default=None,
                   help="days (default floor(customers / rate) + 1, as the workload files)")
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    if args.customers <= 0:
        p.error("--customers must be positive")
    w = WORKLOADS[args.workload]
    if args.duration is None:
        args.duration = w.duration(args.customers)
    return w, args


def report(tool, workload, args, arrivals, events, wall, tallies):
    out = {
        "tool": tool, "workload": workload.name, "customers": args.customers, "duration_days": args.duration,
        "arrivals": arrivals, "events": events, "wall_seconds": wall,
        "events_per_second": events / wall if wall > 0 else None,
        "stations": {t.name: t.json() for t in tallies},
    }
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")
