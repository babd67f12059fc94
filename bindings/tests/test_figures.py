"""Every map and plot of `arteria plot` and `arteria compare`, drawn for a road run (the small
grid city, its middle bridge closed in the variant), a transit-only run (the Cairns feed) and
their comparisons, and checked on what a reader relies on: colour limits that cover the data or
a robust part of it stated under the map, units on every colour bar and axis, one diverging
palette with red on the worse side, closed links marked only when there are some, the river,
a scale bar and north arrow, HH:MM time axes, and no road figure for a transit-only run."""
import re

import matplotlib.colors
import numpy as np
import pandas as pd
import pytest

import arteria
import helpers
from arteria import figures, map_drawing, map_layers
from helpers import BRIDGE

grid_runs = helpers.routed_grid_runs  # a fixture: the grid runs, with their driven routes

CAIRNS = helpers.REPO / "scenarios" / "cairns" / "scenario.toml"
CAIRNS_MORNING = ["passengers.count=300", "passengers.start=06:00", "passengers.end=08:00",
                  "simulation.start=05:00", "simulation.end=09:00", "output.bin_s=900"]
CLOCK = re.compile(r"^\d\d:\d\d$")


@pytest.fixture(scope="module")
def cairns_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cairns_figures")
    return arteria.run(arteria.Scenario.load(str(CAIRNS), CAIRNS_MORNING),
                       folder / "cairns.h5", threads=2)


def summary(fig):
    """What a reader sees of a figure, per axes: title, labels, legend, texts, the coloured
    collections (norm limits, data, colour map, colour bar label and extension), patches."""
    axes = []
    for ax in fig.axes:
        coloured = []
        for collection in ax.collections:
            data = collection.get_array()
            if data is None:
                continue
            bar = collection.colorbar
            coloured.append(dict(vmin=collection.norm.vmin, vmax=collection.norm.vmax,
                                 data=np.asarray(data, float), cmap=collection.cmap,
                                 norm=collection.norm,
                                 bar_label=bar.ax.get_ylabel() if bar else "",
                                 extend=bar.extend if bar else None))
        legend = ax.get_legend()
        formatter = ax.xaxis.get_major_formatter()
        axes.append(dict(
            title=ax.get_title(), xlabel=ax.get_xlabel(), ylabel=ax.get_ylabel(),
            legend=[t.get_text() for t in legend.get_texts()] if legend else [],
            texts=[t.get_text() for t in ax.texts], coloured=coloured,
            patch_collections=sum(type(c).__name__ == "PatchCollection"
                                  for c in ax.collections),
            xticks=[formatter(t) for t in ax.get_xticks()],
            xticks_shown=bool(ax.get_xticks().size)))
    return dict(title=fig._suptitle.get_text() if fig._suptitle else "", axes=axes)


@pytest.fixture
def drawn(monkeypatch):
    """name of the file written -> summary() of its figure, for every figure saved."""
    seen = {}
    save = figures._save

    def capture(fig, path):
        seen[path.name] = summary(fig)
        return save(fig, path)
    monkeypatch.setattr(figures, "_save", capture)
    return seen


def the_map(figure):
    """The axes of a map and its coloured link collection."""
    ax = next(a for a in figure["axes"] if a["coloured"] and not a["xticks_shown"])
    return ax, ax["coloured"][0]


def assert_limits_cover(coloured, note=""):
    """The colour limits cover the data, or the colour bar extends past them and the note says
    how the scale was chosen."""
    data = coloured["data"][np.isfinite(coloured["data"])]
    assert data.size
    inside = coloured["vmin"] <= data.min() + 1e-9 and data.max() <= coloured["vmax"] + 1e-9
    if not inside:
        assert coloured["extend"] in ("both", "max", "min"), "values beyond the scale, no arrow"
        assert "colour scale ±" in note or coloured["extend"] == "max"


def assert_map_furniture(ax):
    assert any(re.fullmatch(r"\d+(\.\d+)? k?m", t) for t in ax["texts"]), ax["texts"]
    assert "N" in ax["texts"]  # the north arrow


def assert_clock_axis(figure):
    ticks = [t for ax in figure["axes"] if "HH:MM" in ax["xlabel"] for t in ax["xticks"]]
    assert ticks and all(CLOCK.match(t) for t in ticks), ticks


def test_plot_run_of_a_road_run(grid_runs, tmp_path, drawn):
    base, variant = grid_runs
    paths = arteria.plot_run(base, out_dir=tmp_path / "base")
    assert set(paths) == {"speed_map", "vc_map", "series"}
    speed_ax, speed = the_map(drawn["base-speed-map.png"])
    assert (speed["vmin"], speed["vmax"]) == (0.0, 1.0)  # a share of free speed, not km/h
    assert "free speed" in speed["bar_label"]
    assert_limits_cover(speed)
    vc_ax, vc = the_map(drawn["base-vc-map.png"])
    assert vc["vmin"] == 0.0 and vc["vmax"] >= max(1.0, np.nanmax(vc["data"]))
    assert "capacity" in vc["bar_label"]
    for ax in (speed_ax, vc_ax):
        assert_map_furniture(ax)
        assert "closed" not in ax["title"] and not any("closed" in t for t in ax["legend"])
        assert "water" in ax["legend"] and ax["patch_collections"] == 1  # the river
        assert "river" in ax["texts"]
    assert_clock_axis(drawn["base-series.png"])


def test_plot_run_marks_the_links_closed_in_its_peak_hour(grid_runs, tmp_path, drawn):
    from arteria import plot
    variant = grid_runs[1]
    arteria.plot_run(variant, out_dir=tmp_path)
    ax, _ = the_map(drawn["closure-speed-map.png"])
    first, count = plot.peak_window(variant, map_layers.road_links(variant))
    end = variant.time_s[first] + count * variant.bin_s
    assert map_layers.closed_links(variant, at_s=end) != []  # the grid's peak is after 07:30
    assert "closed by the end of the hour (2 links)" in ax["legend"]
    assert "closed links dashed" in ax["title"]
    assert f"peak hour {figures.clock(variant.time_s[first])}-{figures.clock(end)}" in ax["title"]


def test_compare_maps_share_one_palette_with_red_for_worse(grid_runs, tmp_path, drawn):
    comparison = arteria.compare(*grid_runs, out_dir=tmp_path)
    assert set(comparison.figures) == {"speed_change_map", "flow_change_map", "co2_change_map",
                                     "series", "travel_time_area_map"}
    worse_side = {"speed_change_map.png": -1.0, "flow_change_map.png": +1.0,
                  "co2_change_map.png": +1.0}
    for name, sign in worse_side.items():
        ax, coloured = the_map(drawn[name])
        assert coloured["vmin"] == -coloured["vmax"]  # symmetric about no change
        assert_limits_cover(coloured, ax["xlabel"])
        assert coloured["vmax"] == pytest.approx(figures.change_limit(coloured["data"]))
        assert "colour scale ±" in ax["xlabel"]  # the robust scale is stated
        assert re.search(r"\((km/h|veh|kg)\)", coloured["bar_label"])
        red, _, blue, _ = coloured["cmap"](coloured["norm"](sign * coloured["vmax"]))
        assert red > 0.6 and blue < 0.3, "the worse side is not red"
        better = coloured["cmap"](coloured["norm"](-sign * coloured["vmax"]))
        assert better[2] > better[0]
        middle = coloured["cmap"](coloured["norm"](0.0))
        assert matplotlib.colors.to_hex(middle) != "#ffffff"  # unchanged links stay visible
        assert "closed in the variant (2 links)" in ax["legend"] and "closed" in ax["title"]
        assert_map_furniture(ax)
        assert "water" in ax["legend"]
    assert_clock_axis(drawn["series.png"])


def test_select_link_map(grid_runs, tmp_path, drawn):
    comparison = arteria.compare(*grid_runs, out_dir=tmp_path, select_link=BRIDGE[0])
    assert "select_link_map" in comparison.figures
    figure = drawn["select_link_5_5_5_6.png"]
    panels = [ax for ax in figure["axes"] if "N" in ax["texts"]]
    assert len(panels) == 2
    limits = {(ax["coloured"][0]["vmin"], ax["coloured"][0]["vmax"]) for ax in panels}
    assert len(limits) == 1  # base and variant on one scale
    for ax in panels:
        assert_limits_cover(ax["coloured"][0])
        assert "vehicles" in ax["coloured"][0]["bar_label"]
        assert_map_furniture(ax)
    assert not any("closed" in t for t in panels[0]["legend"])  # the base had no closure
    assert "closed in the variant (2 links)" in panels[1]["legend"]


def test_area_map_covers_its_changes(grid_runs, tmp_path, drawn):
    comparison = arteria.compare(*grid_runs, out_dir=tmp_path)
    by_origin = comparison.by_origin_area
    assert by_origin["trips_base"].sum() == (grid_runs[0].trips["status"] == "arrived").sum()
    figure = drawn["travel_time_area_map.png"]
    ax = next(a for a in figure["axes"] if "N" in a["texts"])
    assert_map_furniture(ax)
    bar = next(a for a in figure["axes"] if "travel time change (s)" in a["ylabel"])
    assert "red: longer (worse)" in bar["ylabel"]
    change = by_origin["change_s"].dropna()
    assert f"±{change.abs().max():,.0f} s = the largest change" in ax["xlabel"]


def test_compare_without_closures_says_nothing_of_closures(grid_runs, tmp_path, drawn):
    arteria.compare(grid_runs[0], grid_runs[0], out_dir=tmp_path)
    for name in ("speed_change_map.png", "flow_change_map.png"):
        ax, coloured = the_map(drawn[name])
        assert "closed" not in ax["title"] and not any("closed" in t for t in ax["legend"])
        assert "no link changed" in ax["xlabel"]


def test_a_transit_only_run_gets_transit_figures_only(cairns_run, tmp_path, drawn):
    assert map_layers.road_trip_count(cairns_run) == 0
    paths = arteria.plot_run(cairns_run, out_dir=tmp_path)
    assert set(paths) == {"transit"}
    figure = drawn["cairns-transit.png"]
    where = figure["axes"][0]
    assert_map_furniture(where)  # stops in metres with a scale bar, not in degrees
    boardings = where["coloured"][0]
    assert_limits_cover(boardings)
    assert_clock_axis(figure)
    comparison = arteria.compare(cairns_run, cairns_run, out_dir=tmp_path / "cmp")
    assert set(comparison.figures) == {"load_factor_by_route"}


def test_change_scale_states_its_rule():
    change = np.concatenate([np.zeros(500), np.linspace(-3.0, 3.0, 200), [-40.0]])
    note = figures.change_scale_note(change, "km/h")
    assert note.startswith("colour scale ±10 km/h = 0.25 x the largest change (40 km/h)")
    many = np.concatenate([np.zeros(500), np.linspace(-3.0, 3.0, 200)])
    assert "95th percentile" in figures.change_scale_note(many, "km/h")
    assert figures.change_scale_note(np.zeros(5), "veh") == "no link changed"
    with pytest.raises(ValueError):
        figures.save_change_map("x.png", [], [], title="", label="", unit="", worse="up")


def test_two_way_links_are_drawn_side_by_side_and_one_way_links_centred():
    east = np.array([[0.0, 0.0], [200.0, 0.0]])
    geometry = [east, east[::-1].copy(), np.array([[0.0, 0.0], [0.0, 200.0]])]
    assert map_drawing.two_way_links(geometry).tolist() == [True, True, False]
    fig, ax = figures.plt.subplots()
    collection = map_drawing.draw_link_map(ax, geometry, [1.0, 2.0, 3.0],
                                           norm=matplotlib.colors.Normalize(0, 3), cmap="viridis")
    there, back, north = collection.get_segments()
    assert there[0][1] < 0 < back[0][1]  # eastbound south of the centre line, westbound north
    assert np.allclose(north, geometry[2])
    figures.plt.close(fig)


def test_time_labels_are_clock_times():
    assert figures.clock(7.5 * 3600) == "07:30" and figures.clock(25 * 3600 + 60) == "25:01"


def test_closed_links_are_dashed_and_marked_on_top():
    geometry = [np.array([[0.0, 0.0], [100.0, 0.0]]), np.array([[100.0, 0.0], [100.0, 100.0]])]
    fig, ax = figures.plt.subplots()
    coloured = map_drawing.draw_link_map(ax, geometry, [-40.0, 1.0], norm=figures.change_norm(
        [-40.0, 1.0]), cmap=figures.CHANGE_CMAP, closed=[0])
    dashed = [c for c in ax.collections if c is not coloured and c.get_linestyle()[0][1]]
    assert len(dashed) == 1 and dashed[0].get_zorder() > coloured.get_zorder()
    assert dashed[0].get_linewidths()[0] > max(coloured.get_linewidths())
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "closed in the variant (1 link)"]
    figures.plt.close(fig)


def test_the_bridge_is_the_closed_link_of_the_variant(grid_runs):
    variant = grid_runs[1]
    assert sorted(variant.link_ids[map_layers.closed_links(variant)]) == sorted(BRIDGE)
    assert map_layers.closed_links(variant, at_s=7.0 * 3600) == []


def test_the_network_series_of_a_run_leaves_out_transit_guideways(cairns_run, grid_runs):
    # Cairns runs its buses on guideways of their own: no road traffic, so no road series (its
    # "network speed" spiked to 160 km/h from the buses' timetable speeds).
    series = cairns_run.network_series()
    assert series["vkt_km"].sum() == 0
    assert series["mean_speed_kmh"].isna().all()
    # A road run keeps every link.
    base = grid_runs[0]
    assert len(map_layers.road_links(base)) == len(base.links)
    assert base.network_series()["vkt_km"].sum() == pytest.approx(base.kpis["vkt_km"], rel=0.02)


def test_the_speed_of_bins_with_few_vehicles_is_dotted(tmp_path, monkeypatch):
    # The last bins of an emptying network hold a few vehicles on its fastest roads: 75 km/h
    # from 0.5 vehicle-hours is not the network's speed and must not read as a solid spike.
    index = pd.Index(np.arange(6) * 300.0 + 7 * 3600, name="time_s")
    network = pd.DataFrame({"vkt_km": [100.0, 400, 400, 200, 20, 22.5],
                            "vht_h": [4.0, 20, 20, 8, 0.3, 0.3],
                            "mean_speed_kmh": [25.0, 20, 20, 25, 66.7, 75],
                            "queue_veh": [0.0] * 6}, index=index)
    en_route = pd.Series([10.0, 80, 80, 30, 3, 1], index=index)
    assert figures.few_vehicle_bins(network).tolist() == [False] * 4 + [True] * 2
    saved = {}
    monkeypatch.setattr(figures, "_save", lambda fig, path: saved.setdefault("fig", fig) and path)
    figures.save_series(tmp_path / "series.png", {"base": (en_route, network)}, title="t")
    speed_axes = saved["fig"].axes[1]
    solid, dotted = speed_axes.get_lines()[:2]
    assert np.isnan(solid.get_ydata()[-2:]).all() and np.isfinite(solid.get_ydata()[:4]).all()
    assert dotted.get_linestyle() == ":" and dotted.get_ydata()[-1] == 75
    legend = [t.get_text() for t in speed_axes.get_legend().get_texts()]
    assert any("few vehicles" in entry for entry in legend)
    figures.plt.close(saved["fig"])


def test_multipolygon_water_keeps_its_islands_dry_and_main_streets_are_named():
    outer = [[0.0, 0.0], [400.0, 0.0], [400.0, 400.0], [0.0, 400.0], [0.0, 0.0]]
    island = [[100.0, 100.0], [100.0, 200.0], [200.0, 200.0], [100.0, 100.0]]  # clockwise
    harbour = np.array(outer + [[np.nan, np.nan]] + island)
    context = {"kind": ["water", "street", "street", "street"],
               "name": ["Harbour", "Main Road", "Main Road", "Lane"],
               "points": [harbour, np.array([[0.0, -50.0], [200.0, -50.0]]),
                          np.array([[200.0, -50.0], [400.0, -50.0]]),
                          np.array([[0.0, -60.0], [5.0, -60.0]])]}
    fig, ax = figures.plt.subplots()
    ax.set_xlim(-10, 410)
    ax.set_ylim(-100, 410)
    map_drawing.draw_context(ax, context)
    fig.canvas.draw()
    pixels = np.asarray(fig.canvas.buffer_rgba())

    def colour_at(x, y):
        column, row = ax.transData.transform((x, y))
        return tuple(pixels[int(pixels.shape[0] - row), int(column), :3])
    water = tuple(round(255 * c) for c in matplotlib.colors.to_rgb(
        map_drawing.CONTEXT_STYLE["water"]["facecolor"]))
    assert np.abs(np.subtract(colour_at(50.0, 50.0), water)).max() <= 2  # on the water
    assert colour_at(120.0, 180.0) == (255, 255, 255)  # on the island: dry
    texts = [t.get_text() for t in ax.texts]
    assert "Main Road" in texts and "Harbour" in texts
    assert "Lane" not in texts  # 5 m of a 420 m wide map
    figures.plt.close(fig)
