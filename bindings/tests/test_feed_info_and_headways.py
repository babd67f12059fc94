"""A planner's view of a feed and of a headway change: `arteria info FEED` lists routes by public
name with trips per direction and headways per period; `set_headway` on Cairns route 121 keeps
both directions and the run summary says what it did; `arteria info` of a transit-only run
prints transit KPIs, not road ones."""
from conftest import REPO

CAIRNS = REPO.parent / "shared" / "data" / "gtfs" / "cairns" / "cairns_gtfs.zip"
CAIRNS_SCENARIO = REPO / "scenarios" / "cairns" / "scenario.toml"


def test_info_of_a_feed_lists_routes_directions_and_headways(run_cli):
    result = run_cli("info", CAIRNS)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "22 routes, 416 stops" in lines[0]
    header = next(line for line in lines if line.startswith("route "))
    for period in ("early", "AM peak", "midday", "PM peak", "evening"):
        assert period in header
    at = next(i for i, line in enumerate(lines) if line.startswith("121-423"))
    first, second = lines[at].split(), lines[at + 1].split()
    assert first[:4] == ["121-423", "121", "0", "17"] and "City - Redlynch" in lines[at]
    assert second[:2] == ["1", "17"]
    assert first[6] == "1" and first[8] == "30"  # one early trip, then every 30 min at the peak


def write_variant(tmp_path, change):
    path = tmp_path / "variant.toml"
    path.write_text(f'[scenario]\nname = "121 every 10 min"\nbase = "{CAIRNS_SCENARIO}"\n'
                    f'[output]\nfile = "{tmp_path / "variant.h5"}"\n\n'
                    f'[[transit.changes]]\nkind = "set_headway"\n{change}headway_s = 600\n')
    return path


def test_set_headway_by_public_name_keeps_both_directions(run_cli, tmp_path):
    result = run_cli("run", write_variant(tmp_path, 'route = "121"\n'), "--no-progress")
    assert result.returncode == 0, result.stderr
    # Each direction from its own first trip to its own last one, every 10 minutes.
    assert "set_headway route 121 (121-423) direction 0: 17 -> 82 trips" in result.stdout
    assert "set_headway route 121 (121-423) direction 1: 17 -> 91 trips" in result.stdout
    assert "removes trips" not in result.stdout
    assert "changes remove" not in result.stdout

    result = run_cli("run", write_variant(tmp_path, 'route = "121"\ndirection = 1\nto = "12:00"\n'),
                     "--no-progress")
    assert result.returncode == 0, result.stderr
    assert "direction 0" not in result.stdout
    # The run summary of a transit-only run has no road means either (they were "0.0 s").
    assert "mean travel time" not in result.stdout
    assert "transit-only run" in result.stdout

    info = run_cli("info", tmp_path / "variant.h5")
    assert info.returncode == 0, info.stderr
    assert "mean travel time" not in info.stdout  # no road trips: no road KPIs
    assert "transit-only run" in info.stdout and "passengers 20000" in info.stdout


def test_a_headway_change_that_removes_trips_says_so(run_cli, tmp_path):
    # Every two hours from 06:46 to the last at 20:16: 7 trips, not 17.
    path = write_variant(tmp_path, 'route = "121-423"\ndirection = 0\n').read_text()
    (tmp_path / "fewer.toml").write_text(path.replace("headway_s = 600", "headway_s = 7200"))
    result = run_cli("run", tmp_path / "fewer.toml", "--no-progress")
    assert result.returncode == 0, result.stderr
    assert "direction 0: 17 -> 7 trips (removes trips)" in result.stdout
    assert "warning: the timetable changes remove 10 trips" in result.stdout


def test_route_names_ambiguous_or_misspelt_are_errors_that_help(run_cli, tmp_path):
    result = run_cli("run", write_variant(tmp_path, 'route = "12l"\n'), "--no-progress")
    assert result.returncode == 2
    assert "no route '12l' in the feed" in result.stderr and "did you mean" in result.stderr
