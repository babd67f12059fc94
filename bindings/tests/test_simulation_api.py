"""arteria.Simulation from Python: zero-copy views and their lifetime, independence of
simulations, forks, snapshots, interventions, errors and thread-count determinism."""
import gc
import shutil

import numpy as np
import pytest

import arteria
from conftest import REPO
from helpers import BRIDGE, SMALL_TOWN, small_grid

LINK_VIEWS = ("occupancy", "queue", "inflow", "outflow", "mean_speed", "capacity_vph", "closed")
VEHICLE_VIEWS = ("link", "position", "status")


def state(sim):
    """Copies of every view, to compare two states."""
    return {**{f"links.{n}": np.array(getattr(sim.links, n)) for n in LINK_VIEWS},
            **{f"vehicles.{n}": np.array(getattr(sim.vehicles, n)) for n in VEHICLE_VIEWS}}


def assert_same_state(a, b):
    assert a.keys() == b.keys()
    for name in a:
        np.testing.assert_array_equal(a[name], b[name], err_msg=name)


@pytest.fixture(scope="module")
def grid():
    return small_grid()


def test_views_are_read_only_and_change_after_step(grid):
    sim = arteria.Simulation(grid, threads=1)
    occupancy, status = sim.links.occupancy, sim.vehicles.status
    assert not occupancy.flags.writeable
    with pytest.raises(ValueError):
        occupancy[0] = 1.0
    sim.run_until(7 * 3600)
    before_occ, before_status = occupancy.copy(), status.copy()
    sim.step(30)
    assert sim.time == 7 * 3600 + 30
    assert not np.array_equal(occupancy, before_occ)  # the same view object, new values
    assert (status >= before_status).all() and (status != before_status).any()
    assert occupancy.sum() == sim.counts()["en_route"]
    assert np.shares_memory(occupancy, sim.links.occupancy)


def test_a_view_outlives_its_simulation(grid):
    sim = arteria.Simulation(grid, threads=1)
    sim.run_until(7.5 * 3600)
    queue, link = sim.links.queue, sim.vehicles.link
    expected_queue, expected_link = queue.copy(), link.copy()
    del sim
    gc.collect()
    # The view's base keeps the Simulation alive: its memory is still valid.
    np.testing.assert_array_equal(queue, expected_queue)
    np.testing.assert_array_equal(link, expected_link)
    assert queue.base is not None
    del queue
    gc.collect()
    np.testing.assert_array_equal(link, expected_link)


def test_two_simulations_in_one_process_do_not_interfere(grid):
    variant = grid.copy()
    variant.seed = 9
    for link in BRIDGE:
        variant.add_event(7.5 * 3600, "close_link", link=link)
    a, b = arteria.Simulation(grid, threads=2), arteria.Simulation(variant, threads=1)
    while not (a.done and b.done):  # interleaved, uneven chunks
        a.step(301)
        b.step(97)
    alone_a, alone_b = arteria.Simulation(grid, threads=2), arteria.Simulation(variant, threads=1)
    alone_a.run()
    alone_b.run()
    assert a.kpis() == alone_a.kpis() and b.kpis() == alone_b.kpis()
    assert a.kpis() != b.kpis()
    assert_same_state(state(a), state(alone_a))
    assert_same_state(state(b), state(alone_b))


def test_fork_without_intervention_ends_like_the_uninterrupted_run(grid):
    reference = arteria.Simulation(grid, threads=2)
    reference.run()
    sim = arteria.Simulation(grid, threads=2)
    sim.run_until(8 * 3600)
    fork = sim.fork(threads=1)
    assert fork.time == 8 * 3600
    fork.run()
    sim.run()
    assert fork.kpis() == reference.kpis() == sim.kpis()
    # Every vehicle ends the same: trip status, last link and position.
    assert_same_state(state(fork), state(reference))


def test_a_fork_publishes_its_own_observations(grid):
    sim = arteria.Simulation(grid, threads=1)
    sim.run_until(8 * 3600)
    at_fork = state(sim)
    fork = sim.fork()
    assert_same_state(state(fork), at_fork)  # observations are published from the copied state
    for name in LINK_VIEWS + VEHICLE_VIEWS:
        group = "links" if name in LINK_VIEWS else "vehicles"
        assert not np.shares_memory(getattr(getattr(fork, group), name),
                                    getattr(getattr(sim, group), name)), name
    sim.step(60)
    assert_same_state(state(fork), at_fork)  # the parent's steps do not show in the fork
    fork.step(60)
    assert_same_state(state(fork), state(sim))


def test_snapshot_and_restore_replay_the_same_future(grid):
    sim = arteria.Simulation(grid, threads=2)
    sim.run_until(7.5 * 3600)
    snapshot = sim.snapshot()
    at_snapshot = state(sim)
    assert snapshot.time_s == 7.5 * 3600
    sim.run_until(8.5 * 3600)
    later, later_kpis = state(sim), sim.kpis()
    view = sim.links.occupancy
    sim.restore(snapshot)
    assert sim.time == 7.5 * 3600
    restored = state(sim)
    assert_same_state(restored, at_snapshot)
    np.testing.assert_array_equal(view, at_snapshot["links.occupancy"])  # old views stay valid
    sim.run_until(8.5 * 3600)
    assert_same_state(state(sim), later)
    assert sim.kpis() == later_kpis


def test_restore_keeps_the_last_steps_flows(grid):
    sim = arteria.Simulation(grid, threads=1)
    sim.run_until(8 * 3600)
    snapshot, before = sim.snapshot(), state(sim)
    assert before["links.inflow"].sum() > 0
    sim.step(60)
    sim.restore(snapshot)
    assert_same_state(state(sim), before)


def test_closing_a_link_stops_its_inflow_from_the_next_step(grid):
    sim = arteria.Simulation(grid, threads=1)
    sim.run_until(8 * 3600)
    network = grid.network
    # The busiest link entering the river crossing right now.
    inflow_total = np.zeros(network.link_count)
    for _ in range(120):
        sim.step()
        inflow_total += sim.links.inflow
    busiest = int(np.argmax(inflow_total))
    link_id = network.link_ids[busiest]
    sim.close_link(link_id)
    assert sim.links.closed[busiest] == 1
    for _ in range(300):
        sim.step()
        assert sim.links.inflow[busiest] == 0
    sim.reopen_link(link_id)
    assert sim.links.closed[busiest] == 0
    sim.set_link_capacity(link_id, 450.0)
    assert sim.links.capacity_vph[busiest] == 450.0
    entered = 0.0
    for _ in range(600):
        sim.step()
        entered += sim.links.inflow[busiest]
    assert entered > 0
    with pytest.raises(KeyError):
        sim.close_link("no-such-link")


def test_closed_lanes_scale_the_capacity_the_link_has_then(grid):
    sim = arteria.Simulation(grid, threads=1)
    link = "5_2>5_3"  # an arterial: 2 lanes, 3600 veh/h
    index = grid.network.link_ids.index(link)
    sim.close_lanes(link, 1)
    assert sim.links.capacity_vph[index] == 1800.0
    sim.set_link_capacity(link, 3000.0)  # the link's own capacity, still under the works
    assert sim.links.capacity_vph[index] == 1500.0
    sim.close_lanes(link, 0)
    assert sim.links.capacity_vph[index] == 3000.0
    with pytest.raises(ValueError, match="leaves no lane open"):
        sim.close_lanes(link, 2)
    with pytest.raises(ValueError, match="speed limit"):
        sim.limit_speed(link, -5.0)
    sim.limit_speed(link, 30.0)
    sim.step()


def test_signal_plan_switch_takes_effect(grid):
    """Holding one phase green stops every movement of the other phase from the next step."""
    node = grid.network.node_ids[grid.network.signalised_nodes[4]]
    phases = [p["turns"] for p in grid.network.signal_phases(node) if len(p["turns"])]
    scenario = grid.copy()
    scenario.add_signal_plan(node, "hold_first", [(60.0, phases[0].tolist())])
    sim = arteria.Simulation(scenario, threads=1)
    sim.run_until(8 * 3600)
    sim.set_signal_plan(node, "hold_first")
    blocked = np.unique(grid.network.turn_from_link[phases[1]])
    blocked = [link for link in blocked
               if link not in set(grid.network.turn_from_link[phases[0]])]
    exits_before = sim.links.outflow.copy()
    for _ in range(200):
        sim.step()
        assert sim.links.outflow[blocked].sum() == 0
    assert exits_before is not None
    with pytest.raises(KeyError):
        sim.set_signal_plan(node, "no-such-plan")


def test_input_errors_carry_file_line_and_field(tmp_path):
    town = tmp_path / "town"
    shutil.copytree(SMALL_TOWN.parent, town)
    links = town / "links.csv"
    lines = links.read_text().splitlines()
    lines[3] = lines[3].replace(",515.0,", ",-5,", 1)
    links.write_text("\n".join(lines) + "\n")
    with pytest.raises(arteria.InputError) as error:
        arteria.Scenario.load(str(town / "scenario.toml"))
    assert error.value.file.endswith("links.csv")
    assert error.value.line == 4
    assert error.value.field == "length_m"
    assert isinstance(error.value, ValueError)
    with pytest.raises(arteria.InputError) as error:
        arteria.Scenario.default(["simulation.step_s=fast"])
    assert error.value.field == "simulation.step_s" or "step_s" in error.value.field


def test_one_and_two_threads_give_identical_state_arrays(grid):
    one, two = arteria.Simulation(grid, threads=1), arteria.Simulation(grid, threads=2)
    assert (one.threads, two.threads) == (1, 2)
    for until in (7 * 3600, 7.5 * 3600, 8 * 3600 + 17, 9 * 3600):
        one.run_until(until)
        two.step(int(until - two.time))
        assert one.time == two.time
        assert_same_state(state(one), state(two))
    one.run()
    two.run()
    assert one.kpis() == two.kpis()


def test_add_event_refuses_the_values_the_scenario_file_refuses(grid):
    scenario = grid.copy()
    events = scenario.event_count
    link = BRIDGE[0]
    for action, value in (("set_link_capacity", 0.0), ("set_link_capacity", -5.0),
                          ("set_link_capacity", float("nan")), ("set_link_speed", 0.0),
                          ("set_link_speed", -30.0)):
        with pytest.raises(ValueError, match="must be positive"):
            scenario.add_event(7 * 3600, action, link=link, value=value)
    assert scenario.event_count == events
    scenario.add_event(7 * 3600, "set_link_capacity", link=link, value=900.0)
    assert scenario.event_count == events + 1


def test_add_road_works_adds_the_events_and_refuses_what_the_file_refuses(grid):
    scenario = grid.copy()
    events = scenario.event_count
    stretch = ["5_2>5_3", "5_3>5_2"]  # the arterial of column 5, two lanes
    for kwargs, message in (
            (dict(links=stretch, lanes_closed=2), "leaves no lane open"),
            (dict(links=stretch), "lanes_closed, speed_kmh or both"),
            (dict(polygon=[[0, 0], [1, 1]], speed_kmh=30), "at least 3 points"),
            (dict(links=stretch, polygon=[[0, 0], [1, 0], [1, 1]], speed_kmh=30), "not both"),
            (dict(links=stretch, speed_kmh=30, to_s=6 * 3600), "must come after")):
        times = dict(from_s=7 * 3600, to_s=kwargs.pop("to_s", 8 * 3600))
        with pytest.raises(ValueError, match=message):
            scenario.add_road_works(**times, **kwargs)
    with pytest.raises(KeyError):
        scenario.add_road_works(7 * 3600, 8 * 3600, links=["zz"], speed_kmh=30)
    assert scenario.event_count == events
    # A box around the same two links (nodes 5_2 and 5_3 at x = 1000 m, y = 400 and 600 m).
    scenario.add_road_works(7 * 3600, 8 * 3600, polygon=[[980, 380], [1020, 380], [1020, 620],
                                                         [980, 620]], lanes_closed=1, speed_kmh=30)
    assert scenario.event_count == events + 8  # per link: lanes and speed, at start and end
    with pytest.raises(ValueError, match="under road works from"):
        scenario.add_road_works(7.5 * 3600, 9 * 3600, links=stretch[:1], speed_kmh=20)
    scenario.add_road_works(8 * 3600, 9 * 3600, links=stretch[:1], speed_kmh=20)  # hands over


# Each rejection of an [[events]] entry in a scenario file, and the same event for add_event:
# (what, TOML lines after time, time in the file, add_event arguments, text both errors hold).
LINK = "west_gate-mill"
EVENT_REJECTIONS = [
    ("unknown action", f'action = "close_lnk"\nlink = "{LINK}"', '"07:00"',
     dict(action="close_lnk", link=LINK), "close_lnk"),
    ("unknown link", 'action = "close_link"\nlink = "zz"', '"07:00"',
     dict(action="close_link", link="zz"), "'zz'"),
    ("no link", 'action = "close_link"', '"07:00"', dict(action="close_link"), "link"),
    ("a key of another action", f'action = "close_link"\nlink = "{LINK}"\nnode = "market"',
     '"07:00"', dict(action="close_link", link=LINK, node="market"), "node"),
    ("a value where none is taken", f'action = "reopen_link"\nlink = "{LINK}"\nvalue = 5',
     '"07:00"', dict(action="reopen_link", link=LINK, value=5.0), "value"),
    ("no value", f'action = "set_link_capacity"\nlink = "{LINK}"', '"07:00"',
     dict(action="set_link_capacity", link=LINK), "value"),
    ("capacity 0", f'action = "set_link_capacity"\nlink = "{LINK}"\nvalue = 0', '"07:00"',
     dict(action="set_link_capacity", link=LINK, value=0.0), "must be positive"),
    ("negative speed", f'action = "set_link_speed"\nlink = "{LINK}"\nvalue = -30', '"07:00"',
     dict(action="set_link_speed", link=LINK, value=-30.0), "must be positive"),
    ("unknown node", 'action = "set_signal_plan"\nnode = "nowhere"\nplan = "peak"', '"07:00"',
     dict(action="set_signal_plan", node="nowhere", plan="peak"), "'nowhere'"),
    ("a plan the node lacks", 'action = "set_signal_plan"\nnode = "market"\nplan = "nope"',
     '"07:00"', dict(action="set_signal_plan", node="market", plan="nope"),
     r"no signal plan 'nope' \(it has: "),
    ("no plan", 'action = "set_signal_plan"\nnode = "market"', '"07:00"',
     dict(action="set_signal_plan", node="market"), "plan"),
    ("before the start", f'action = "close_link"\nlink = "{LINK}"', '"06:00"',
     dict(action="close_link", link=LINK, time_s=6 * 3600.0), "outside the simulated period"),
    ("after the end", f'action = "close_link"\nlink = "{LINK}"', '"11:00"',
     dict(action="close_link", link=LINK, time_s=11 * 3600.0), "outside the simulated period"),
    ("a time that is not a number", f'action = "close_link"\nlink = "{LINK}"', "nan",
     dict(action="close_link", link=LINK, time_s=float("nan")), ""),
]


@pytest.mark.parametrize("what,lines,time,arguments,text", EVENT_REJECTIONS,
                         ids=[case[0] for case in EVENT_REJECTIONS])
def test_add_event_rejects_what_the_scenario_file_rejects(tmp_path, what, lines, time, arguments,
                                                          text):
    folder = tmp_path / "town"
    shutil.copytree(SMALL_TOWN.parent, folder)
    toml = folder / "scenario.toml"
    toml.write_text(toml.read_text() + f"\n[[events]]\ntime = {time}\n{lines}\n")
    with pytest.raises(arteria.InputError, match=text):
        arteria.Scenario.load(str(toml))
    scenario = arteria.Scenario.load(str(SMALL_TOWN))
    events = scenario.event_count
    arguments = dict(arguments)
    time_s = arguments.pop("time_s", 7 * 3600.0)
    with pytest.raises((ValueError, KeyError), match=text):
        scenario.add_event(time_s, **arguments)
    assert scenario.event_count == events
    # The event the file accepts is accepted by add_event too.
    if what == "capacity 0":
        scenario.add_event(7 * 3600.0, "set_link_capacity", link=LINK, value=900.0)
        assert scenario.event_count == events + 1


def test_scale_demand_refuses_a_factor_beyond_the_valid_range(grid):
    scenario = grid.copy()
    with pytest.raises(ValueError, match=r"factor must be between 0 and 100, got 1e\+12"):
        scenario.scale_demand(1e12)
    for factor in (float("inf"), float("nan"), -1.0):
        with pytest.raises(ValueError):
            scenario.scale_demand(factor)
    assert scenario.trip_count == grid.trip_count
    assert scenario.scale_demand(2.0) == 2 * grid.trip_count


def test_simulation_refuses_bad_thread_counts_and_reports_the_threads_it_uses(grid, tmp_path):
    for threads in (-1, 4097):  # the scenario file takes 0 (every core) to 4096
        with pytest.raises(ValueError, match="threads"):
            arteria.Simulation(grid, threads=threads)
        with pytest.raises(ValueError, match="threads"):
            arteria.run(grid, tmp_path / "run.h5", threads=threads)
    every_core = arteria.Simulation(grid, threads=0).threads
    assert every_core >= 1
    # oneTBB runs no more threads than its limit (the cores): that is the count reported.
    sim = arteria.Simulation(grid, threads=4096)
    assert sim.threads == every_core
    assert sim.fork(threads=1).threads == 1
    with pytest.raises(ValueError, match="threads"):
        sim.fork(threads=-1)


def test_step_and_run_until_refuse_steps_they_cannot_take(grid):
    sim = arteria.Simulation(grid, threads=1)
    sim.run_until(7 * 3600)
    with pytest.raises(ValueError, match="-5"):
        sim.step(-5)
    for t in (float("nan"), float("inf"), -float("inf")):
        with pytest.raises(ValueError, match="finite"):
            sim.run_until(t)
    with pytest.raises(ValueError, match="25200"):  # names the current time, 07:00
        sim.run_until(6.5 * 3600)
    assert sim.time == 7 * 3600
    sim.run_until(7 * 3600)  # already there: nothing to do
    sim.step(0)
    assert sim.time == 7 * 3600


def test_memory_estimate_of_a_scenario():
    scenario = arteria.Scenario.load(str(REPO / "scenarios" / "small_town" / "scenario.toml"))
    estimate = scenario.memory_estimate(threads=1)
    parts = estimate["parts"]
    assert parts["routes"]["phase"] == "whole_run"
    assert parts["CCH"]["phase"] == "routing"
    assert parts["state: vehicles"]["bytes"] == 372 * 79
    assert estimate["total_bytes"] > sum(p["bytes"] for p in parts.values()
                                         if p["phase"] == "whole_run")
    assert estimate["mean_route_links"] > 1.0
