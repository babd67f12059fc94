"""`arteria accessibility`: a table with one row per stop and a map, and bad input that names
the file, line and field."""
import csv
import io
import zipfile

from conftest import REPO

CAIRNS = REPO.parent / "shared" / "data" / "gtfs" / "cairns" / "cairns_gtfs.zip"


def cairns_stop_ids():
    with zipfile.ZipFile(CAIRNS) as archive:
        text = archive.read("stops.txt").decode("utf-8-sig")
    return [row["stop_id"] for row in csv.DictReader(io.StringIO(text))]


def test_cairns_morning_table_and_map(run_cli, tmp_path):
    out = tmp_path / "access"
    result = run_cli("accessibility", CAIRNS, "--from", "07:00", "--to", "09:00", "--minutes", "30",
                     "--out", out)
    assert result.returncode == 0, result.stderr
    with open(out / "accessibility.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["stop_id"] for row in rows] == cairns_stop_ids()
    assert set(rows[0]) == {"stop_id", "stop_name", "lat", "lon", "reachable_median",
                            "reachable_mean"}
    medians = [float(row["reachable_median"]) for row in rows]
    assert min(medians) >= 1  # every stop reaches itself
    assert max(medians) > 10  # and the busy ones much more
    png = out / "accessibility.png"
    assert png.exists() and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_per_stop_map_is_in_metres_with_a_scale_bar(tmp_path, monkeypatch):
    # It drew raw longitude and latitude; a report map needs distances a reader can measure.
    import matplotlib.figure
    from arteria.accessibility import draw_accessibility
    table = tmp_path / "accessibility.csv"
    table.write_text("stop_id,stop_name,lat,lon,reachable_median,reachable_mean\n"
                     "a,A,-16.92,145.77,3,3\nb,B,-16.93,145.78,10,10\nc,C,-16.90,145.76,1,1\n")
    saved = []
    real_savefig = matplotlib.figure.Figure.savefig
    monkeypatch.setattr(matplotlib.figure.Figure, "savefig",
                        lambda fig, *a, **k: (saved.append(fig), real_savefig(fig, *a, **k)))
    draw_accessibility(table)
    ax = saved[0].axes[0]
    assert "longitude" not in ax.get_xlabel() and "latitude" not in ax.get_ylabel()
    # About 2.2 km by 3.3 km across: the axes span metres, not a few hundredths of a degree.
    assert ax.get_xlim()[1] - ax.get_xlim()[0] > 1000
    texts = [t.get_text() for t in ax.texts]
    assert "N" in texts and any(t.endswith("km") or t.endswith(" m") for t in texts)


def test_opportunities_column(run_cli, tmp_path):
    ids = cairns_stop_ids()
    weights = tmp_path / "jobs.csv"
    weights.write_text("stop_id,weight\n" + "".join(f"{i},2\n" for i in ids))
    out = tmp_path / "access"
    result = run_cli("accessibility", CAIRNS, "--from", "07:00", "--to", "07:10", "--minutes", "20",
                     "--opportunities", weights, "--out", out, "--no-plot")
    assert result.returncode == 0, result.stderr
    with open(out / "accessibility.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            # Every stop weighs 2, so the weighted median is twice the count's.
            assert float(row["opportunities_median"]) == 2 * float(row["reachable_median"])
    assert not (out / "accessibility.png").exists()


def test_unknown_feed_is_an_input_error(run_cli, tmp_path):
    missing = tmp_path / "nowhere.zip"
    result = run_cli("accessibility", missing, "--from", "07:00", "--to", "09:00", "--minutes",
                     "30", "--out", tmp_path / "out")
    assert result.returncode == 2
    assert str(missing) in result.stderr and "no such GTFS feed" in result.stderr


def test_bad_time_is_an_input_error(run_cli, tmp_path):
    result = run_cli("accessibility", CAIRNS, "--from", "7h", "--to", "09:00", "--minutes", "30",
                     "--out", tmp_path / "out")
    assert result.returncode == 2
    assert "--from" in result.stderr and "'7h'" in result.stderr


def test_bad_opportunities_row_names_file_line_and_field(run_cli, tmp_path):
    first = cairns_stop_ids()[0]
    weights = tmp_path / "jobs.csv"
    weights.write_text(f"stop_id,weight\n{first},3\nno-such-stop,1\n")
    result = run_cli("accessibility", CAIRNS, "--from", "07:00", "--to", "07:10", "--minutes",
                     "20", "--opportunities", weights, "--out", tmp_path / "out")
    assert result.returncode == 2
    assert f"{weights}:3" in result.stderr and "stop_id" in result.stderr
    weights.write_text(f"stop_id,weight\n{first},lots\n")
    result = run_cli("accessibility", CAIRNS, "--from", "07:00", "--to", "07:10", "--minutes",
                     "20", "--opportunities", weights, "--out", tmp_path / "out")
    assert result.returncode == 2
    assert f"{weights}:2" in result.stderr and "weight" in result.stderr


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_from_the_cairns_interchange_every_bay_counts(run_cli, tmp_path):
    """The five bays of The Pier Cairns reach at most 66 stops each within 30 min (median over
    07:00-09:00); from the place, walking to whichever bay suits, more than any one of them."""
    per_stop = tmp_path / "per_stop"
    assert run_cli("accessibility", CAIRNS, "--from", "07:00", "--to", "09:00", "--minutes", "30",
                   "--out", per_stop, "--no-plot").returncode == 0
    bays = [row for row in read_rows(per_stop / "accessibility.csv")
            if row["stop_name"].startswith("The Pier Cairns - Terminus")]
    assert len(bays) == 5
    best_bay = max(float(row["reachable_median"]) for row in bays)

    out = tmp_path / "place"
    result = run_cli("accessibility", CAIRNS, "--at", "The Pier Cairns", "--from", "07:00",
                     "--to", "09:00", "--minutes", "30", "--out", out)
    assert result.returncode == 0, result.stderr
    assert "from The Pier Cairns (5 stops)" in result.stdout
    rows = read_rows(out / "place_accessibility.csv")
    assert len(rows) == len(cairns_stop_ids())
    reached = [row for row in rows if row["travel_time_min"]]
    assert len(reached) > best_bay
    assert all(float(row["travel_time_min"]) <= 30 for row in reached)
    # Every bay is a first stop, its walk in the table; arrivals are times of day.
    for row in rows:
        if row["stop_name"].startswith("The Pier Cairns - Terminus"):
            assert row["walk_min"] and float(row["walk_min"]) < 2
    assert reached[0]["first_arrival"].startswith("07:0")
    png = out / "place_accessibility.png"
    assert png.exists() and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_from_a_point_and_the_python_api(tmp_path, monkeypatch, arteria_cli):
    import arteria.accessibility as access
    monkeypatch.setenv("ARTERIA_CLI", str(arteria_cli))
    rows = access.from_place(CAIRNS, (-16.9207, 145.7789), tmp_path / "point", walk_m=300,
                             minutes=45, plot=False)
    assert sum(1 for row in rows if row["travel_time_min"]) > 100
    assert float(rows[0]["travel_time_min"]) < 1  # a bay a few metres away


def test_a_place_without_stops_is_an_error(run_cli, tmp_path):
    result = run_cli("accessibility", CAIRNS, "--at", "Nowhere Street", "--from", "07:00",
                     "--to", "09:00", "--out", tmp_path / "x")
    assert result.returncode == 2
    assert "no stop name contains 'Nowhere Street'" in result.stderr
    result = run_cli("accessibility", CAIRNS, "--at", "-17.5,146.5", "--from", "07:00",
                     "--to", "09:00", "--out", tmp_path / "x")
    assert result.returncode == 2
    assert "no stop within 600 m" in result.stderr
