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
