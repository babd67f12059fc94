"""arteria.Study and `arteria study`: a base and variants that extend it run into one report
folder, a re-run reuses the results whose scenario did not change, and bad study files are
errors naming the file, line and key (exit code 2 on the command line)."""
import pathlib

import h5py
import pandas as pd
import pytest

import arteria
from helpers import BRIDGE, REPO

DEFAULT_CITY = REPO / "scenarios" / "default_city.toml"

# An 11 x 11 grid city extending the built-in default city, and three variants of it.
BASE = f"""[scenario]
name = "small city"
base = "{DEFAULT_CITY}"
[network.grid]
columns = 11
rows = 11
[demand]
trips = 3000
"""
CLOSURE = """[scenario]
name = "bridge closed"
base = "base.toml"
""" + "".join(f"""
[[events]]
time = "07:00"
action = "close_link"
link = "{link}"
""" for link in BRIDGE)
DEMAND = '[scenario]\nname = "demand +15 %"\nbase = "base.toml"\n[demand]\ntrips = 3450\n'
STUDY = '[study]\nname = "small city what-ifs"\nbase = "base.toml"\n' \
        'variants = ["closure.toml", "demand.toml"]\n'


def write_study(folder, study=STUDY):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (("base.toml", BASE), ("closure.toml", CLOSURE),
                       ("demand.toml", DEMAND), ("study.toml", study)):
        (folder / name).write_text(text)
    return folder / "study.toml"


def scenario_hash(path):
    with h5py.File(path, "r") as f:
        return f["meta"].attrs["scenario_sha256"]


def test_a_study_writes_one_report_and_reuses_unchanged_runs(tmp_path, run_cli):
    study_file = write_study(tmp_path / "in")
    out = tmp_path / "report"
    report = arteria.Study(study_file, threads=2).run(out, log=lambda line: None)
    assert report.reused == []
    assert list(report.results) == ["small city", "bridge closed", "demand +15 %"]
    kpis = pd.read_csv(out / "kpis.csv", index_col=0)
    assert list(kpis.columns) == ["small city", "bridge closed", "bridge closed change_pct",
                                  "demand +15 %", "demand +15 % change_pct"]
    assert kpis.loc["reroutes", "bridge closed"] > 0 == kpis.loc["reroutes", "small city"]
    assert kpis.loc["VHT (h)", "demand +15 % change_pct"] > 0
    markdown = (out / "kpis.md").read_text()
    assert markdown.startswith("| KPI | small city | bridge closed | demand +15 % |")
    assert "| trips completed | 3,000 |" in markdown
    assert (out / "overview.png").stat().st_size > 10_000
    # Each variant's folder holds what `arteria compare` writes.
    for folder in ("closure", "demand"):
        names = {p.name for p in (out / folder).iterdir()}
        assert {"kpis.csv", "link_changes.csv", "speed_change_map.png", "flow_change_map.png",
                "series.png"} <= names
    # The variant's table is the comparison's own.
    pd.testing.assert_series_equal(report.comparisons["bridge closed"].kpis["variant"],
                                   report.kpis["bridge closed"], check_names=False)

    # Nothing changed: every run is reused (the command line, as a user re-runs a study).
    mtimes = {p: p.stat().st_mtime_ns for p in (out / "runs").iterdir()}
    again = run_cli("study", study_file, "--out", out, "--threads", "2")
    assert again.returncode == 0, again.stderr
    for label in ("small city", "bridge closed", "demand +15 %"):
        assert f"reused {label}" in again.stdout
    assert {p: p.stat().st_mtime_ns for p in (out / "runs").iterdir()} == mtimes

    # One variant changes: only it runs again, and its fingerprint follows the file.
    before = scenario_hash(out / "runs" / "demand.h5")
    (tmp_path / "in" / "demand.toml").write_text(DEMAND.replace("3450", "3300"))
    third = arteria.Study(study_file, threads=2, schedule="one_by_one").run(
        out, log=lambda line: None)
    assert third.reused == ["small city", "bridge closed"]
    assert scenario_hash(out / "runs" / "demand.h5") != before
    assert third.kpis.loc["trips completed", "demand +15 %"] == 3300


def test_side_by_side_and_one_by_one_write_the_same_runs(tmp_path):
    study_file = write_study(tmp_path / "in")
    kpis = []
    for schedule in ("side_by_side", "one_by_one"):
        report = arteria.Study(study_file, threads=2, schedule=schedule).run(
            tmp_path / schedule, log=lambda line: None)
        kpis.append(report.kpis)
    pd.testing.assert_frame_equal(*kpis)


def test_variants_given_without_a_study_file(tmp_path, run_cli):
    folder = tmp_path / "in"
    write_study(folder)
    done = run_cli("study", "--base", folder / "base.toml", folder / "closure.toml",
                   "--out", tmp_path / "out", "--threads", "2")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "closure" / "speed_change_map.png").exists()
    assert "| reroutes |" in (tmp_path / "out" / "kpis.md").read_text()


@pytest.mark.parametrize("study, where, message", [
    ('[study]\nbase = "nowhere.toml"\nvariants = ["closure.toml"]\n',
     ":2: field 'study.base'", "does not exist"),
    ('[study]\nbase = "base.toml"\nvariants = ["closure.toml"]\nschedul = "auto"\n',
     ":4: field 'study.schedul'", "did you mean 'schedule'"),
    ('[study]\nbase = "base.toml"\nvariants = []\n', ":3: field 'study.variants'", "is required"),
    (BASE, "study.toml: field 'study'", "arteria study --base"),  # a scenario, not a study
])
def test_bad_study_files_name_file_line_and_key(tmp_path, run_cli, study, where, message):
    study_file = write_study(tmp_path, study)
    with pytest.raises(arteria.InputError) as error:
        arteria.Study(study_file)
    assert str(study_file) in str(error.value) and message in str(error.value)
    done = run_cli("study", study_file, "--out", tmp_path / "out")
    assert done.returncode == 2
    assert where in done.stderr and message in done.stderr


@pytest.mark.parametrize("variant, where, message", [
    ('[scenario]\nbase = "missing.toml"\n', "closure.toml:2", "does not exist"),
    # The file whose base closes the cycle is named.
    ('[scenario]\nbase = "loop.toml"\n', "loop.toml:2", "cycle"),
])
def test_a_variant_with_a_bad_base_stops_the_study_before_any_run(tmp_path, run_cli, variant,
                                                                   where, message):
    write_study(tmp_path)
    (tmp_path / "closure.toml").write_text(variant)
    (tmp_path / "loop.toml").write_text('[scenario]\nbase = "closure.toml"\n')
    done = run_cli("study", tmp_path / "study.toml", "--out", tmp_path / "out")
    assert done.returncode == 2
    assert where + ": field 'scenario.base'" in done.stderr and message in done.stderr
    assert not (tmp_path / "out" / "runs" / "base.h5").exists()


def test_the_shipped_study_and_its_variants_load():
    study = arteria.Study(REPO / "scenarios" / "default_city_study" / "study.toml")
    assert pathlib.Path(study.base) == DEFAULT_CITY
    names = [arteria.Scenario.load(v).name for v in study.variants]
    assert names == ["bridge closed for road works", "demand +15 %", "new bus line"]
    base = arteria.Scenario.load(study.base)
    bus = arteria.Scenario.load(study.variants[2])
    # The feed's stops lie on the grid's streets: the buses need no guideway links.
    assert bus.network.link_count == base.network.link_count
    assert bus.trip_count > base.trip_count  # the buses


def test_a_grid_placed_on_earth_needs_both_corner_coordinates():
    with pytest.raises(arteria.InputError, match="corner_lon_deg.*is required"):
        arteria.Scenario.load(str(DEFAULT_CITY), ["network.grid.corner_lat_deg=45"])


def test_a_study_with_dynamic_assignment_starts_every_scenario_from_the_base_equilibrium(tmp_path):
    folder = tmp_path / "in"
    study_file = write_study(folder)
    (folder / "base.toml").write_text(BASE + "[assignment]\nkind = \"dynamic\"\n"
                                             "max_iterations = 4\n")
    lines = []
    report = arteria.Study(study_file, threads=2).run(tmp_path / "report", log=lines.append)
    equilibrium = tmp_path / "report" / "runs" / "base-equilibrium.h5"
    assert equilibrium.is_file()
    assert any(line.startswith("equilibrating small city") for line in lines)
    for label in ("small city", "bridge closed", "demand +15 %"):
        assert report.results[label].meta["routes"] == "dynamic"
    # Started from the base's routes, a variant that narrows the bridge begins far closer to its
    # own equilibrium than from free-flow paths: a smaller first gap.
    narrowed = folder / "narrowed.toml"
    narrowed.write_text('[scenario]\nbase = "base.toml"\n' + "".join(
        f'[[events]]\ntime = "07:00"\naction = "set_link_capacity"\nlink = "{link}"\n'
        'value = 1200\n' for link in BRIDGE))
    warm = arteria.assign_dynamic(arteria.Scenario.load(
        str(narrowed), [f"assignment.start_routes={equilibrium}"]), max_iterations=1, threads=2)
    cold = arteria.assign_dynamic(str(narrowed), max_iterations=1, threads=2)
    assert warm.relative_gap < 0.5 * cold.relative_gap
    # The demand variant's extra trips are not in the base: they start on free-flow paths.
    with h5py.File(equilibrium, "r") as f:
        assert f["assignment"].attrs["warm_start"] in ("shortest_path", b"shortest_path")
        assert len(f["assignment/trips/id"]) == 3000
    # A re-run reuses the equilibrium and every run.
    lines.clear()
    again = arteria.Study(study_file, threads=2).run(tmp_path / "report", log=lines.append)
    assert any(line.startswith("reused the equilibrium of small city") for line in lines)
    assert sorted(again.reused) == sorted(report.results)


def test_start_routes_from_a_file_that_is_not_a_dynamic_assignment_is_refused(tmp_path):
    base = tmp_path / "base.toml"
    base.write_text(BASE + "[assignment]\nkind = \"dynamic\"\n")
    run_file = tmp_path / "run.h5"
    arteria.run(arteria.Scenario.load(str(base), ["assignment.kind=static"]), run_file)
    with pytest.raises(arteria.InputError, match="not a dynamic assignment file"):
        arteria.Scenario.load(str(base), [f"assignment.start_routes={run_file}"])
