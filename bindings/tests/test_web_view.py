"""`arteria view`: one self-contained web page of a run (or of a variant against its base),
checked on its data (speeds, flows, closures and KPIs as the run file and `arteria compare`
have them), on bad input (refused, nothing written), and in a real headless Chromium: the page
loads without a console error, moving the time slider changes the map, and a real click on a
link opens the panel with that link's id and its series drawn."""
import base64
import hashlib
import json
import re
import zlib

import numpy as np
import pytest

import arteria
import helpers
from arteria import comparison, figures, map_layers, web_view
from headless_chromium import Chromium
from helpers import BRIDGE

grid_runs = helpers.grid_runs  # a fixture: the small grid, and its middle bridge closed

CAIRNS = helpers.REPO / "scenarios" / "cairns" / "scenario.toml"
CAIRNS_MORNING = ["passengers.count=300", "passengers.start=06:00", "passengers.end=08:00",
                  "simulation.start=05:00", "simulation.end=09:00", "output.bin_s=900"]


@pytest.fixture(scope="module")
def pages(grid_runs, tmp_path_factory):
    base, variant = grid_runs
    folder = tmp_path_factory.mktemp("web_view")
    return {"run": arteria.view(base, folder / "run"),
            "compare": arteria.view(variant, folder / "compare", compare=base)}


@pytest.fixture(scope="module")
def transit_page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("web_view_transit")
    run = arteria.run(arteria.Scenario.load(str(CAIRNS), CAIRNS_MORNING), folder / "cairns.h5",
                      threads=2)
    return arteria.view(run, folder / "page")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with Chromium(str(tmp_path_factory.mktemp("chromium_profile"))) as chromium:
        yield chromium


def page_data(path):
    block = re.search(r'<script type="application/json" id="arteria-data">(.*?)</script>',
                      path.read_text(encoding="utf-8"), re.S)
    return json.loads(block.group(1))


def unpacked(packed, shape=None):
    raw = zlib.decompress(base64.b64decode(packed["data"]))
    array = np.frombuffer(raw, dtype=np.dtype(packed["dtype"]).newbyteorder("<"))
    assert array.size == packed["length"]
    return array if shape is None else array.reshape(shape)


def link_ids(data):
    text = zlib.decompress(base64.b64decode(data["network"]["ids"])).decode("utf-8")
    return text.split(web_view.ID_SEPARATOR)


# ---- the page's data ----

def test_the_page_needs_nothing_from_outside(pages):
    text = pages["compare"].read_text(encoding="utf-8")
    assert "://" not in text  # no script, style, font or image fetched from anywhere
    assert not re.search(r"""(src|href)\s*=\s*["'](?!data:)""", text)
    assert "/*ARTERIA_" not in text  # every part inlined


def test_series_are_the_runs_speeds_and_flows(grid_runs, pages):
    base, _ = grid_runs
    data = page_data(pages["run"])
    ids = link_ids(data)
    bins = len(data["bin_labels"])
    speed = unpacked(data["series"]["variant"]["speed"], (bins, len(ids)))
    flow = unpacked(data["series"]["variant"]["flow"], (bins, len(ids)))
    column = {link: i for i, link in enumerate(base.link_ids)}
    # The middle bridge northwards, at the peak bin the page opens at.
    page_link, run_link, b = ids.index(BRIDGE[0]), column[BRIDGE[0]], data["start_bin"]
    outflow = base.link_array("outflow")[b, run_link]
    mean_speed = base.link_array("mean_speed_mps")[b, run_link]
    free = base.links["free_speed_mps"].iloc[run_link]
    assert outflow > 0 and flow[b, page_link] == outflow
    assert speed[b, page_link] == round(mean_speed / free * web_view.SPEED_CODES_PER_FREE_SPEED)
    # Read back as the page does: within half a code (0.25 % of free speed) of the run's.
    assert abs(speed[b, page_link] / 200 * free - mean_speed) <= 0.5 / 200 * free
    # No vehicle left the link: no speed (255), no flow.
    empty = np.isnan(base.link_array("mean_speed_mps")[:, run_link])
    assert (speed[empty, page_link] == web_view.SPEED_NONE).all()
    assert data["bin_labels"] == [figures.clock(t) for t in base.time_s]


def test_links_and_bins_a_run_lacks_have_no_flow_rather_than_zero(grid_runs):
    base, _ = grid_runs
    free = np.array([10.0, 10.0])
    time_s = np.append(base.time_s, base.time_s[-1] + base.bin_s)  # one bin past its end
    speed, flow = web_view._series(base, np.array(["no such link", BRIDGE[0]]), free, time_s)
    assert (speed[:, 0] == web_view.SPEED_NONE).all() and (flow[:, 0] == web_view.FLOW_NONE).all()
    assert speed[-1, 1] == web_view.SPEED_NONE and flow[-1, 1] == web_view.FLOW_NONE
    column = list(base.link_ids).index(BRIDGE[0])
    np.testing.assert_array_equal(flow[:-1, 1], base.link_array("outflow")[:, column])


def test_only_road_links_are_drawn_and_two_way_streets_are_marked(grid_runs, pages):
    base, _ = grid_runs
    data = page_data(pages["run"])
    ids = link_ids(data)
    assert ids == list(base.link_ids[map_layers.road_links(base)])
    two_way = unpacked(data["network"]["two_way"])
    assert two_way[ids.index(BRIDGE[0])] == 1 and two_way[ids.index(BRIDGE[1])] == 1
    # Coordinates come as differences from the point before, modulo 2^16: summed back as
    # the page does, every point of the bridge is where the run has it, to a quantum.
    network = data["network"]
    points = np.column_stack([np.cumsum(unpacked(network[axis]), dtype=np.uint16)
                              for axis in ("x", "y")]) * network["step_m"] + network["origin_m"]
    offsets = unpacked(network["offsets"])
    bridge = ids.index(BRIDGE[0])
    polyline = base.network_geometry()[list(base.link_ids).index(BRIDGE[0])]
    drawn = points[offsets[bridge]:offsets[bridge + 1]]
    assert drawn.shape == polyline.shape
    assert np.abs(drawn - polyline).max() <= network["step_m"]


def test_comparison_puts_the_base_beside_the_variant(grid_runs, pages):
    base, variant = grid_runs
    data = page_data(pages["compare"])
    ids = link_ids(data)
    bins = len(data["bin_labels"])
    bridge = ids.index(BRIDGE[0])
    flows = {run: unpacked(data["series"][run]["flow"], (bins, len(ids)))[:, bridge]
             for run in ("base", "variant")}
    column = list(base.link_ids).index(BRIDGE[0])
    np.testing.assert_array_equal(flows["base"], base.link_array("outflow")[:, column])
    np.testing.assert_array_equal(flows["variant"], variant.link_array("outflow")[:, column])
    # Closed at 07:30: the page dashes it from the bin ending after 07:30 on, not before,
    # and no vehicle leaves it after the bin it closed in.
    closed_bins = [b for b, links in enumerate(data["closed"]) if bridge in links]
    first_closed = int(np.searchsorted(variant.time_s + variant.bin_s, 7.5 * 3600, side="right"))
    assert closed_bins == list(range(first_closed, bins))
    assert flows["variant"][first_closed + 1:].sum() == 0 < flows["base"][first_closed + 1:].sum()
    assert data["change_limits"]["speed_kmh"] > 0 and data["change_limits"]["flow_vph"] > 0


def test_kpi_tables_are_those_of_compare(grid_runs, pages):
    base, variant = grid_runs
    table = comparison.kpi_table(base, variant)
    kpis = page_data(pages["compare"])["kpis"]
    assert [row[0] for row in kpis["rows"]] == list(table.index)
    completed = kpis["rows"][0]
    assert completed[0] == "trips completed"
    assert completed[1:3] == [f"{int(table.loc['trips completed', c]):,}"
                              for c in ("base", "variant")]
    single = page_data(pages["run"])["kpis"]
    assert single["rows"][0] == ["trips completed", f"{base.kpis['vehicles_arrived']:,}"]
    assert single["rows"][1][0] == "trips not completed"
    assert single["warnings"] == base.warnings()


# ---- bad input ----

def test_a_file_that_is_no_run_is_refused_and_nothing_written(run_cli, tmp_path):
    (tmp_path / "notes.h5").write_text("not a run")
    done = run_cli("view", "notes.h5", "--out", "page")
    assert done.returncode == 2, done.stderr
    assert "notes.h5" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "page").exists() or not any((tmp_path / "page").iterdir())


def test_a_base_of_another_network_is_refused_and_nothing_written(grid_runs, run_cli, tmp_path):
    _, variant = grid_runs
    other = arteria.run(arteria.Scenario.default(["network.grid.columns=6", "network.grid.rows=6",
                                                  "demand.trips=200"]), tmp_path / "other.h5")
    done = run_cli("view", variant.path, "--compare", other.path, "--out", "page")
    assert done.returncode == 2, done.stderr
    assert "another network" in done.stderr
    assert not (tmp_path / "page").exists() or not any((tmp_path / "page").iterdir())


def test_a_base_with_other_bins_is_refused(grid_runs, tmp_path):
    base, _ = grid_runs
    other = arteria.run(helpers.small_grid(f"output.bin_s={2 * base.bin_s:g}"),
                        tmp_path / "bins.h5")
    with pytest.raises(arteria.InputError, match=f"bins of {2 * base.bin_s:g} s"):
        arteria.view(other, tmp_path / "page", compare=base)
    assert not (tmp_path / "page").exists()


def test_the_command_writes_the_page(grid_runs, run_cli, tmp_path):
    base, variant = grid_runs
    done = run_cli("view", variant.path, "--compare", base.path, "--out", "page")
    assert done.returncode == 0, done.stderr
    page = tmp_path / "page" / f"{variant.path.stem}-view.html"
    assert done.stdout.strip() == f"wrote {page.relative_to(tmp_path)}"
    assert [p.name for p in (tmp_path / "page").iterdir()] == [page.name]


# ---- in a browser ----

def canvas_hash(browser, element="map"):
    url = browser.evaluate(f"document.getElementById('{element}').toDataURL()")
    return hashlib.sha256(url.encode()).hexdigest()


def opened(browser, path):
    browser.events.clear()
    browser.open(path)
    browser.wait_for("window.arteriaView && (window.arteriaView.ready || window.arteriaView.error)")
    assert browser.evaluate("window.arteriaView.error") is None
    return page_data(path)


def test_slider_and_click_in_a_browser(browser, pages):
    data = opened(browser, pages["compare"])
    assert data["start_bin"] > 0  # the peak: Home moves the slider away from it
    before, draws = canvas_hash(browser), browser.evaluate("window.arteriaView.draws")
    browser.evaluate("document.getElementById('bin').focus()")
    browser.press_key("Home", "Home", 36)
    browser.wait_for("document.getElementById('bin').value === '0'", timeout_s=5)
    assert browser.evaluate("document.getElementById('bin-label').textContent").startswith(
        data["bin_labels"][0])
    browser.wait_for(f"window.arteriaView.draws > {draws}", timeout_s=5)
    assert canvas_hash(browser) != before

    # A real click in the middle of the busiest long link of the peak bin selects it.
    ids = link_ids(data)
    bins = len(data["bin_labels"])
    flow = unpacked(data["series"]["variant"]["flow"], (bins, len(ids)))[data["start_bin"]]
    length = unpacked(data["network"]["length_m"])
    link = ids[int(np.argmax(np.where(length >= np.median(length), flow, -1)))]
    assert browser.evaluate("document.getElementById('link-panel').hidden") is True
    point = browser.evaluate(f"window.arteriaView.linkScreenPoint({json.dumps(link)})")
    browser.click(point["x"], point["y"])
    browser.wait_for("window.arteriaView.selectedLinkId !== null", timeout_s=5)
    assert browser.evaluate("document.getElementById('link-panel').hidden") is False
    assert browser.evaluate("document.getElementById('link-id').textContent") == link
    # The series are drawn: the variant's line colour covers part of the small canvas.
    drawn = browser.evaluate("""(() => {
        const c = document.getElementById('link-series');
        const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let line = 0;
        for (let i = 0; i < pixels.length; i += 4)
          if (pixels[i] < 80 && pixels[i + 1] < 120 && pixels[i + 2] > 100) line++;
        return line; })()""")
    assert drawn > 100
    facts = browser.evaluate("document.getElementById('link-facts').textContent")
    assert "base" in facts and "variant" in facts
    assert browser.errors() == []


def test_single_run_and_transit_only_pages_load_cleanly(browser, pages, transit_page):
    opened(browser, pages["run"])
    assert browser.evaluate("document.getElementById('kpi-table').rows.length") > 10
    assert browser.evaluate("document.getElementById('notice').hidden") is True
    assert browser.errors() == []
    data = opened(browser, transit_page)
    assert not data["has_road"] and "series" not in data
    assert "no road traffic" in browser.evaluate("document.getElementById('notice').textContent")
    assert browser.evaluate("document.getElementById('bin').disabled") is True
    assert browser.errors() == []
