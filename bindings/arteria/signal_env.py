"""A signal-control environment with the gymnasium API, for control and RL studies.

Each decision, the agent picks for every controlled node which of its phases is green for the
next ``decision_s`` seconds. Phases are the green phases of the node's own fixed-time plan
(all-red phases dropped), so a controller can only give green to movement groups the plan
already makes safe together. Changing a node's phase first runs ``all_red_s`` of all-red, the
clearance the fixed-time plans also pay.

How it works without touching the engine: the environment's copy of the scenario gets, per
controlled node, one plan per phase that holds that phase green (``rl_phase_K``) and one
all-red plan (``rl_all_red``), added with ``Scenario.add_signal_plan``; a decision is then
``Simulation.set_signal_plan`` per node that changes, one integer write in the engine.

Observation (float32 vector): the queue (vehicles past their free-flow exit time) on every
link entering a controlled node, in the order of ``observation_links``, then each node's
current phase. Reward: minus the delay during the interval, in vehicle-hours: the sum over
steps of the vehicles queued on all links times the step (vehicles waiting off-network to
enter are not counted). ``reward="queue"`` uses minus the total queue at the interval's end.
``terminated`` when every vehicle has finished its trip, ``truncated`` when the scenario's end
or ``horizon_s`` is reached first.
"""
import numpy as np

from ._arteria import Simulation
from .spaces import Box, MultiDiscrete

HOLD_PLAN = "rl_phase_{}"
ALL_RED_PLAN = "rl_all_red"
_HOLD_CYCLE_S = 3600.0  # any cycle works: the single phase is green all of it


class SignalControlEnv:
    metadata = {"render_modes": []}
    render_mode = None

    def __init__(self, scenario, nodes=None, decision_s=10.0, all_red_s=4.0, horizon_s=None,
                 warmup_until_s=None, threads=1, reward="delay"):
        if reward not in ("delay", "queue"):
            raise ValueError("reward is 'delay' or 'queue'")
        if not decision_s > 0 or not 0 <= all_red_s < decision_s:
            raise ValueError("need decision_s > 0 and 0 <= all_red_s < decision_s")
        self.scenario = scenario.copy()  # the caller's scenario is left as it was
        network = self.scenario.network
        node_ids = list(network.node_ids)
        if nodes is None:
            nodes = [node_ids[n] for n in network.signalised_nodes]
        self.nodes = list(nodes)
        if not self.nodes:
            raise ValueError("no nodes to control: the scenario has no signalised nodes")
        self.decision_s, self.all_red_s = float(decision_s), float(all_red_s)
        self.horizon_s, self.warmup_until_s = horizon_s, warmup_until_s
        self.threads, self.reward_kind = threads, reward

        self.turn_from = np.asarray(network.turn_from_link)
        self.turn_to = np.asarray(network.turn_to_link)
        link_to = np.asarray(network.link_to)
        self.phase_turns = []  # per node, per phase: the movements green
        self.in_links = []  # per node: links entering it
        for node in self.nodes:
            phases = []
            for phase in network.signal_phases(node):
                turns = np.sort(np.asarray(phase["turns"], dtype=np.int64))
                if len(turns) and not any(np.array_equal(turns, p) for p in phases):
                    phases.append(turns)
            if not phases:
                raise ValueError(f"node '{node}' has no phase with a green movement")
            self.phase_turns.append(phases)
            self.in_links.append(np.flatnonzero(link_to == network.node_index(node)))
            for k, turns in enumerate(phases):
                self.scenario.add_signal_plan(node, HOLD_PLAN.format(k),
                                              [(_HOLD_CYCLE_S, turns.tolist())])
            self.scenario.add_signal_plan(node, ALL_RED_PLAN, [(_HOLD_CYCLE_S, [])])
        self.observation_links = np.concatenate(self.in_links)
        self.action_space = MultiDiscrete([len(p) for p in self.phase_turns])
        size = len(self.observation_links) + len(self.nodes)
        self.observation_space = Box(0.0, np.inf, (size,), np.float32)

        self.np_random = np.random.default_rng()
        self.sim = None
        self._starts = {}  # simulation seed -> Simulation at the episode start (fork source)
        self.phase = np.zeros(len(self.nodes), dtype=np.int64)

    # ---- gymnasium API ----

    def reset(self, seed=None, options=None):
        """Starts an episode at the scenario's start (or `warmup_until_s`, reached under the
        fixed-time plans) with every node holding phase 0. `seed` seeds ``np_random`` and the
        simulation; without it the scenario's seed is used. The routed start state is kept
        per seed, so later resets are a fork, not a new routing."""
        if seed is not None:
            self.np_random = np.random.default_rng(seed)
        sim_seed = self.scenario.seed if seed is None else int(seed)
        if sim_seed not in self._starts:
            start = Simulation(self.scenario, threads=self.threads, seed=sim_seed)
            if self.warmup_until_s is not None:
                start.run_until(self.warmup_until_s)
            self._starts[sim_seed] = start
        self.sim = self._starts[sim_seed].fork()
        self._queue = self.sim.links.queue  # a view: refreshed by every step
        self._end_s = self.sim.time + self.horizon_s if self.horizon_s else None
        self.phase[:] = 0
        for node in self.nodes:
            self.sim.set_signal_plan(node, HOLD_PLAN.format(0))
        return self._observation(), self._info(0.0)

    def step(self, action):
        if self.sim is None:
            raise RuntimeError("call reset() before step()")
        action = np.asarray(action, dtype=np.int64).reshape(self.action_space.shape)
        if not self.action_space.contains(action):
            raise ValueError(f"action {action.tolist()} is not in {self.action_space}")
        changed = np.flatnonzero(action != self.phase)
        delay_veh_s = 0.0
        if len(changed) and self.all_red_s > 0:
            for i in changed:
                self.sim.set_signal_plan(self.nodes[i], ALL_RED_PLAN)
            delay_veh_s += self._advance(self.all_red_s)
        for i in changed:
            self.sim.set_signal_plan(self.nodes[i], HOLD_PLAN.format(int(action[i])))
        self.phase[:] = action
        delay_veh_s += self._advance(self.decision_s - (self.all_red_s if len(changed) else 0.0))

        if self.reward_kind == "delay":
            reward = -delay_veh_s / 3600.0
        else:
            reward = -float(self._queue.sum())
        terminated = self._all_finished()
        truncated = not terminated and (self.sim.done or (self._end_s is not None
                                                          and self.sim.time >= self._end_s))
        return self._observation(), reward, terminated, truncated, self._info(delay_veh_s)

    def close(self):
        self.sim = None
        self._starts.clear()

    # ---- helpers for controllers ----

    def phase_pressure(self, occupancy_weight=0.0):
        """Per node, per phase: the max-pressure weight of the phase (Varaiya 2013, eq. 4, with
        link queues for movement queues): for each link with a green movement, its queue minus
        the mean queue of the links those movements lead to. `occupancy_weight` adds the
        receiving links' occupancy, to steer away from links about to spill back."""
        queue = self._queue
        downstream = queue + occupancy_weight * self.sim.links.occupancy if occupancy_weight \
            else queue
        pressures = []
        for phases in self.phase_turns:
            row = []
            for turns in phases:
                from_links = self.turn_from[turns]
                pressure = 0.0
                for link in np.unique(from_links):
                    outs = self.turn_to[turns[from_links == link]]
                    pressure += float(queue[link]) - float(downstream[outs].mean())
                row.append(pressure)
            pressures.append(np.asarray(row))
        return pressures

    # ---- internals ----

    def _advance(self, seconds):
        """Steps for `seconds` (whole steps) and returns the vehicle-seconds queued meanwhile."""
        step_s = self.scenario.step_s
        delay = 0.0
        for _ in range(int(round(seconds / step_s))):
            if self.sim.done:
                break
            self.sim.step()
            delay += float(self._queue.sum()) * step_s
        return delay

    def _all_finished(self):
        counts = self.sim.counts()
        if counts["en_route"]:
            return False
        kpis = self.sim.kpis()
        finished = kpis["vehicles_arrived"] + kpis["vehicles_stuck"] + kpis["vehicles_unroutable"]
        return finished == self.scenario.trip_count

    def _observation(self):
        return np.concatenate([self._queue[self.observation_links],
                               self.phase.astype(np.float32)]).astype(np.float32)

    def _info(self, delay_veh_s):
        return {"time_s": self.sim.time, "delay_veh_s": delay_veh_s,
                "queue_veh": float(self._queue.sum()), "phase": self.phase.copy(),
                **self.sim.counts()}
