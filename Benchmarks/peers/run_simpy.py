#!/usr/bin/env python3
"""A FlowSim benchmark workload in SimPy: one process per person, a
simpy.Resource per station (FIFO), a waiting room checked on arrival.

    .venv/bin/python run_simpy.py mmc|network [--customers N] [--duration DAYS] [--seed S]

Prints one JSON line: events (arrivals + service ends, as FlowSim counts
them), wall seconds of the simulation, events per second, and per station
the mean wait in days with a batch-means 95% half-width.

Faithful to FlowSim's rules: a person starts at once when a server is free
and nobody waits, else joins the line unless the waiting room is full (then
lost). When a service ends, SimPy grants the freed server to the oldest
waiting request before a person fed back to the same station (the new
request queues behind it), as FlowSim does. One Mersenne Twister per purpose
(arrivals, each station's service, each station's routing).
"""

import time

import simpy

from workloads import Tally, lognormal_parameters, parse, report, stream


def sampler(spec, rng):
    kind = spec[0]
    if kind == "exponential":
        rate = 1.0 / spec[1]
        return lambda: rng.expovariate(rate)
    if kind == "lognormal":
        mu, sigma = lognormal_parameters(spec[1], spec[2])
        return lambda: rng.lognormvariate(mu, sigma)
    if kind == "gamma":
        shape, scale = spec[1], spec[2]
        return lambda: rng.gammavariate(shape, scale)
    raise ValueError(kind)


def main():
    workload, args = parse("SimPy")
    env = simpy.Environment()
    index = {s.name: i for i, s in enumerate(workload.stations)}
    n = len(workload.stations)
    resources = [simpy.Resource(env, capacity=s.capacity) for s in workload.stations]
    services = [sampler(s.service, stream(args.seed, f"station.{s.name}.service")) for s in workload.stations]
    routers = [stream(args.seed, f"station.{s.name}.routing") for s in workload.stations]
    routes = [[(c, index[name]) for c, name in s.cumulative()] for s in workload.stations]
    limits = [s.queue_limit for s in workload.stations]
    tallies = [Tally(s.name, args.duration) for s in workload.stations]
    counts = {"arrivals": 0, "service_ends": 0}

    def person(s):
        while s is not None:
            tally = tallies[s]
            tally.arrivals += 1
            resource = resources[s]
            limit = limits[s]
            if limit is not None and len(resource.queue) >= limit:
                tally.lost += 1
                return
            arrived = env.now
            request = resource.request()
            yield request
            tally.wait(env.now - arrived, env.now)
            yield env.timeout(services[s]())
            resource.release(request)
            tally.served += 1
            counts["service_ends"] += 1
            table = routes[s]
            nxt = None
            if len(table) == 1 and table[0][0] >= 1 - 1e-12:
                nxt = table[0][1]
            elif table:
                u = routers[s].random()
                for c, d in table:
                    if u < c:
                        nxt = d
                        break
            s = nxt

    def source():
        rng = stream(args.seed, f"source.{workload.source}.arrivals")
        rate = workload.rate
        first = index[workload.first]
        for _ in range(args.customers):
            yield env.timeout(rng.expovariate(rate))
            counts["arrivals"] += 1
            env.process(person(first))

    env.process(source())
    started = time.perf_counter()
    env.run(until=args.duration)
    wall = time.perf_counter() - started
    assert n == len(tallies)
    report("simpy", workload, args, counts["arrivals"], counts["arrivals"] + counts["service_ends"], wall, tallies)


if __name__ == "__main__":
    main()
