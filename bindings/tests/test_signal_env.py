"""arteria.SignalControlEnv and its spaces: the gymnasium API contract."""
import numpy as np
import pytest

import arteria
from helpers import small_grid


@pytest.fixture(scope="module")
def scenario():
    return small_grid()


@pytest.fixture
def env(scenario):
    return arteria.SignalControlEnv(scenario, decision_s=10.0, all_red_s=4.0, threads=1)


def test_spaces_describe_the_actions_and_observations(env, scenario):
    assert env.nodes == [scenario.network.node_ids[n] for n in scenario.network.signalised_nodes]
    assert env.action_space.shape == (9,) and env.action_space.dtype == np.int64
    assert (env.action_space.nvec == 2).all()  # the grid's plans: N-S and E-W green
    assert env.observation_space.shape == (len(env.observation_links) + 9,)
    assert env.observation_space.dtype == np.float32
    rng = np.random.default_rng(1)
    for _ in range(20):
        assert env.action_space.contains(env.action_space.sample(rng))
        assert env.observation_space.contains(env.observation_space.sample(rng))
    assert not env.action_space.contains(np.full(9, 2))
    assert not env.action_space.contains(np.zeros(8, dtype=np.int64))


def test_reset_and_step_follow_the_gymnasium_contract(env):
    obs, info = env.reset(seed=3)
    assert env.observation_space.contains(obs) and isinstance(info, dict)
    assert info["time_s"] == 6 * 3600
    result = env.step(np.ones(9, dtype=np.int64))
    assert len(result) == 5
    obs, reward, terminated, truncated, info = result
    assert env.observation_space.contains(obs)
    assert isinstance(reward, float) and reward <= 0.0
    assert terminated is False and truncated is False
    assert info["time_s"] == 6 * 3600 + 10
    assert (obs[-9:] == 1).all() and (info["phase"] == 1).all()
    with pytest.raises(ValueError):
        env.step(np.full(9, 5))


def test_same_seed_same_episode(env):
    def episode():
        env.reset(seed=7)
        rng = np.random.default_rng(0)
        return [env.step(env.action_space.sample(rng))[:2] for _ in range(60)]
    first, second = episode(), episode()
    for (obs_a, reward_a), (obs_b, reward_b) in zip(first, second):
        np.testing.assert_array_equal(obs_a, obs_b)
        assert reward_a == reward_b
    assert any(reward < 0 for _, reward in first)


def test_switching_phase_changes_which_links_leave(env):
    """While a node holds phase 0, links served only by phase 1 send nobody across."""
    env.reset()
    env.sim.run_until(7.75 * 3600)
    phase_links = [np.unique(env.turn_from[t]) for t in env.phase_turns[0]]
    only_phase_1 = np.setdiff1d(phase_links[1], phase_links[0])
    for _ in range(12):
        env.step(np.zeros(9, dtype=np.int64))
        assert env.sim.links.outflow[only_phase_1].sum() == 0
    pressure = env.phase_pressure()
    assert len(pressure) == 9 and all(len(p) == 2 for p in pressure)


def test_episode_ends_truncated_at_the_horizon(scenario):
    env = arteria.SignalControlEnv(scenario, nodes=["5_5"], horizon_s=60.0, reward="queue",
                                   warmup_until_s=7 * 3600)
    obs, info = env.reset()
    assert info["time_s"] == 7 * 3600 and env.action_space.shape == (1,)
    done_flags = [env.step(0)[2:4] for _ in range(6)]
    assert done_flags[-1] == (False, True) and all(f == (False, False) for f in done_flags[:-1])


def test_the_callers_scenario_is_not_changed(scenario):
    before = scenario.network.signal_plans("5_5")
    arteria.SignalControlEnv(scenario, nodes=["5_5"])
    assert scenario.network.signal_plans("5_5") == before


def test_bad_arguments_are_rejected(scenario):
    with pytest.raises(ValueError):
        arteria.SignalControlEnv(scenario, decision_s=4.0, all_red_s=4.0)
    with pytest.raises(ValueError):
        arteria.SignalControlEnv(scenario, nodes=["1_1"])  # not signalised
    with pytest.raises(ValueError):
        arteria.SignalControlEnv(scenario, reward="speed")


def test_discrete_and_box_spaces():
    space = arteria.Discrete(3)
    assert space.n == 3 and space.shape == ()
    assert space.contains(2) and not space.contains(3) and not space.contains(1.5)
    box = arteria.Box(0.0, 1.0, (4,))
    rng = np.random.default_rng(2)
    sample = box.sample(rng)
    assert sample.dtype == np.float32 and box.contains(sample)
    assert not box.contains(np.full(4, 2.0, dtype=np.float32))


def test_add_signal_plan_checks_its_input(scenario):
    edited = scenario.copy()
    with pytest.raises(ValueError):
        edited.add_signal_plan("5_5", "p", [])
    with pytest.raises(ValueError):
        edited.add_signal_plan("5_5", "p", [(10.0, [0])])  # turn 0 is at another node
    with pytest.raises(ValueError):
        edited.add_signal_plan("5_5", "p", [(-1.0, [])])
    with pytest.raises(KeyError):
        edited.add_signal_plan("nowhere", "p", [(10.0, [])])
    edited.add_signal_plan("5_5", "p", [(10.0, [])])
    with pytest.raises(ValueError):
        edited.add_signal_plan("5_5", "p", [(10.0, [])])  # the name is taken
    assert "p" in edited.network.signal_plans("5_5")
