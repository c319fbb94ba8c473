#!/usr/bin/env python3
"""A FlowSim benchmark workload in Ciw: a network of nodes with
ciw.dists.Exponential / Lognormal / Gamma service, probabilistic routing and
a queue capacity at `review`.

    .venv/bin/python run_ciw.py mmc|network [--customers N] [--duration DAYS] [--seed S]

Prints one JSON line like the other tools: events (arrivals + service ends),
wall seconds of the simulation, events per second, and per station the mean
wait in days with a batch-means 95% half-width.

Two adaptations keep the model the same as FlowSim's:
- Arrivals stop after `customers`: the arrival distribution returns an
  infinite gap after that many draws (Ciw has no arrival limit of its own).
- Ciw's `queue_capacities` makes a full node *block* transfers from other
  nodes (the person stays on the server upstream until a place frees), while
  FlowSim's `overflow: lost` turns them away. So `review` gets its capacity
  (5 waiting places) and the router of `treat` sends someone routed to a full
  `review` out of the system instead, counted as lost at `review`: the same
  rule FlowSim applies on arrival. Blocking never happens.
Ciw draws every number from Python's one global Mersenne Twister (ciw.seed).
"""

import random
import time

import ciw

from workloads import Tally, lognormal_parameters, parse, report


class LimitedExponential(ciw.dists.Distribution):
    """Poisson arrivals that stop after `limit` draws (the first draw is the first arrival)."""

    def __init__(self, rate, limit):
        self.rate = rate
        self.left = limit

    def sample(self, t=None, ind=None):
        if self.left <= 0:
            return float("inf")
        self.left -= 1
        return random.expovariate(self.rate)


class ProbabilisticWithLoss(ciw.routing.NodeRouting):
    """Probabilistic routing; a person sent to a full node with a finite queue is lost instead."""

    def __init__(self, destinations, probs, limited, lost):
        self.destinations = destinations + [-1]
        self.probs = probs + [1 - sum(probs)]
        self.limited = set(limited)  # node ids whose overflow is lost
        self.lost = lost             # node id -> count

    def next_node(self, ind):
        node_id = ciw.random_choice(self.destinations, self.probs)
        node = self.simulation.nodes[node_id]
        if node_id in self.limited and node.number_of_individuals >= node.node_capacity:
            self.lost[node_id] += 1
            return self.simulation.nodes[-1]
        return node


def service_distribution(spec):
    kind = spec[0]
    if kind == "exponential":
        return ciw.dists.Exponential(rate=1.0 / spec[1])
    if kind == "lognormal":
        mu, sigma = lognormal_parameters(spec[1], spec[2])   # Ciw takes the normal's mu and sigma
        return ciw.dists.Lognormal(mean=mu, sd=sigma)
    if kind == "gamma":
        return ciw.dists.Gamma(shape=spec[1], scale=spec[2])
    raise ValueError(kind)


def main():
    workload, args = parse("Ciw")
    stations = workload.stations
    node_id = {s.name: i + 1 for i, s in enumerate(stations)}     # Ciw numbers nodes from 1
    limited = [node_id[s.name] for s in stations if s.queue_limit is not None]
    lost = {i: 0 for i in limited}
    routers = []
    for s in stations:
        if not s.routes:
            routers.append(ciw.routing.Leave())
        else:
            routers.append(ProbabilisticWithLoss([node_id[d] for d, _ in s.routes], [float(p) for _, p in s.routes],
                                                 limited, lost))
    network = ciw.create_network(
        arrival_distributions=[LimitedExponential(workload.rate, args.customers) if s.name == workload.first else None
                               for s in stations],
        service_distributions=[service_distribution(s.service) for s in stations],
        number_of_servers=[s.capacity for s in stations],
        queue_capacities=[s.queue_limit if s.queue_limit is not None else float("inf") for s in stations],
        routing=ciw.routing.NetworkRouting(routers=routers),
    )
    ciw.seed(args.seed)
    started = time.perf_counter()
    sim = ciw.Simulation(network)
    sim.simulate_until_max_time(args.duration)
    wall = time.perf_counter() - started

    tallies = [Tally(s.name, args.duration) for s in stations]
    arrivals = sim.nodes[0].number_of_individuals
    service_ends = 0
    for record in sim.get_all_records(only=["service"]):
        t = tallies[record.node - 1]
        t.served += 1
        service_ends += 1
        t.wait(record.waiting_time, record.service_start_date)
    # Arrivals at a station: completed services, people there at the end, and those lost on arrival.
    for i, node in enumerate(sim.transitive_nodes):
        t = tallies[i]
        in_service = [ind for ind in node.all_individuals if ind.service_start_date is not False
                      and ind.service_start_date <= args.duration]
        for ind in in_service:  # started but not finished: FlowSim counts their wait at the start
            t.wait(ind.service_start_date - ind.arrival_date, ind.service_start_date)
        t.lost = lost.get(i + 1, 0)
        t.arrivals = t.served + len(node.all_individuals) + t.lost
    if any(node.len_blocked_queue for node in sim.transitive_nodes):
        raise SystemExit("run_ciw: blocking happened, which the model does not have")
    report("ciw", workload, args, arrivals, arrivals + service_ends, wall, tallies)


if __name__ == "__main__":
    main()
