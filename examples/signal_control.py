"""Signal control from Python: a max-pressure controller against the fixed-time plans.

Every 10 s, each signalised node of the city chooses which of its phases is green, through
arteria.SignalControlEnv (gymnasium's reset/step API). The controller is max-pressure
(Varaiya, "Max pressure control of a network of signalized intersections", Transportation
Research C 36, 2013): give green to the phase whose movements have the largest queue upstream
minus queue downstream. Two practical guards from the literature: a phase is held at least
`min_green_s` before it may change, and a change needs the new phase's pressure to exceed the
current one's by `switch_margin` (20 %), since every change costs 4 s of all-red.

The fixed-time run is the same scenario with its own plans (two phases, 41/4/41/4 s, green-wave
offsets), measured the same way. Printed: queue delay (vehicle-hours queued on links), mean
delay per trip and VHT for both.

    /usr/bin/python3 examples/signal_control.py            # the default city, ~25 s
    /usr/bin/python3 examples/signal_control.py --small    # an 11 x 11 grid, CI
"""
import argparse
import time

import numpy as np

import arteria

SMALL = ["network.grid.columns=11", "network.grid.rows=11", "demand.trips=3000"]


def fixed_time(scenario, threads):
    """Runs the scenario's own plans; returns (queue delay in vehicle-hours, KPIs)."""
    sim = arteria.Simulation(scenario, threads=threads)
    queue = sim.links.queue  # a zero-copy view, refreshed by every step
    delay_veh_s = 0.0
    while not sim.done:
        sim.step()
        delay_veh_s += float(queue.sum()) * scenario.step_s
    return delay_veh_s / 3600.0, sim.kpis()


class MaxPressure:
    def __init__(self, env, min_green_s=20.0, switch_margin=0.2):
        self.env, self.min_green_s, self.switch_margin = env, min_green_s, switch_margin
        self.held_s = np.zeros(len(env.nodes))

    def act(self):
        action = self.env.phase.copy()
        for i, pressure in enumerate(self.env.phase_pressure()):
            best = int(np.argmax(pressure))
            if (self.held_s[i] >= self.min_green_s
                    and pressure[best] > pressure[action[i]] * (1.0 + self.switch_margin)):
                action[i] = best
        self.held_s = np.where(action != self.env.phase, 0.0, self.held_s + self.env.decision_s)
        return action


def controlled(scenario, threads):
    env = arteria.SignalControlEnv(scenario, decision_s=10.0, all_red_s=4.0, threads=threads)
    env.reset()
    controller = MaxPressure(env)
    delay_veh_h, done = 0.0, False
    while not done:
        _, reward, terminated, truncated, _ = env.step(controller.act())
        delay_veh_h -= reward
        done = terminated or truncated
    return delay_veh_h, env.sim.kpis()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="an 11 x 11 grid (fast, for CI)")
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args()
    scenario = arteria.Scenario.default(SMALL if args.small else [])

    results = {}
    for name, run in (("fixed-time", fixed_time), ("max-pressure", controlled)):
        started = time.perf_counter()
        results[name] = run(scenario, args.threads)
        print(f"{name:>12}: {time.perf_counter() - started:.1f} s wall", flush=True)
    print(f"{'':>12}  {'queue delay (veh-h)':>20} {'mean delay (s)':>15} {'VHT (h)':>9} "
          f"{'arrived':>8}")
    for name, (delay, kpis) in results.items():
        print(f"{name:>12}  {delay:>20,.1f} {kpis['mean_delay_s']:>15,.1f} "
              f"{kpis['vht_h']:>9,.1f} {kpis['vehicles_arrived']:>8}")
    (fixed_delay, fixed), (mp_delay, mp) = results["fixed-time"], results["max-pressure"]
    print(f"max-pressure changes queue delay by {100 * (mp_delay / fixed_delay - 1):+.0f} % and "
          f"mean delay per trip by {100 * (mp['mean_delay_s'] / fixed['mean_delay_s'] - 1):+.0f} %")
    assert mp["vehicles_arrived"] >= fixed["vehicles_arrived"]
    assert mp_delay < fixed_delay


if __name__ == "__main__":
    main()
