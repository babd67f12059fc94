"""Dynamic assignment from Python and the CLI: arteria.assign_dynamic on a two-route toy with a
bottleneck, the file `arteria assign --dynamic` writes (the same at 1 and 2 threads), and what
`arteria info` and `arteria plot` make of it."""
import subprocess

import h5py
import numpy as np
import pytest

import arteria

TRIPS = 400


@pytest.fixture
def two_routes(tmp_path):
    """o > a > d (133 s, a > d passes 600 veh/h) or o > b > d (160 s); 400 trips at 1,200 veh/h."""
    (tmp_path / "nodes.csv").write_text("id,x_m,y_m\no,0,0\na,1000,0\nb,600,900\nd,2000,0\n")
    (tmp_path / "links.csv").write_text(
        "id,from,to,length_m,lanes,free_speed_mps,capacity_vph\n"
        "oa,o,a,1000,1,15,3600\nad,a,d,1000,1,15,600\nob,o,b,1200,1,15,3600\n"
        "bd,b,d,1200,1,15,3600\n")
    (tmp_path / "trips.csv").write_text("id,origin,destination,depart\n" + "".join(
        f"t{t},o,d,{25200 + 3 * t}\n" for t in range(TRIPS)))
    path = tmp_path / "scenario.toml"
    path.write_text(
        '[network]\nsource = "csv"\nnodes = "nodes.csv"\nlinks = "links.csv"\n\n'
        '[demand]\nsource = "trips"\nfile = "trips.csv"\n\n'
        '[simulation]\nstart = "07:00"\nend = "09:00"\n\n[output]\nbin_s = 60.0\n\n'
        '[assignment]\nkind = "dynamic"\nroute_bin_s = 60\n')
    return path


def test_assign_dynamic_spreads_the_trips_and_the_gap_falls(two_routes, tmp_path):
    result = arteria.assign_dynamic(str(two_routes), max_iterations=40, target_gap=0.02,
                                    threads=2)
    it = result.iterations
    assert list(it.columns) == ["iteration", "relative_gap", "mean_travel_time_s",
                                "switched_share", "unfinished_trips", "wall_s"]
    assert it["iteration"].iloc[0] == 1
    assert it["relative_gap"].iloc[0] > 0.5  # everyone starts on the bottleneck route
    assert result.converged and result.relative_gap <= 0.02
    assert it["mean_travel_time_s"].iloc[-1] < it["mean_travel_time_s"].iloc[0]
    assert result.switching == "msa"
    # About half the trips end on each route (by hand: ~205 via a, docs in the C++ test).
    via_a = result.routes[result.routes["links"].apply(lambda links: "ad" in links)]
    assert 185 <= via_a["trips"].sum() <= 225
    assert result.routes["trips"].sum() == TRIPS
    assert (result.trip_routes["route"] >= 0).all()
    assert result.trip_routes["trip"].iloc[0] == "t0"
    result.save(tmp_path / "py.h5")
    with h5py.File(tmp_path / "py.h5", "r") as f:
        assert f["assignment"].attrs["kind"] == "dynamic"
        np.testing.assert_array_equal(f["assignment/iterations/relative_gap"][:],
                                      it["relative_gap"].to_numpy())
    with pytest.raises(ValueError, match="switching"):
        arteria.assign_dynamic(str(two_routes), switching="logit")


def _contents(path):
    """Every dataset and attribute but the wall-clock ones (/assignment/perf)."""
    items = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            if "perf" in name.split("/"):
                return
            if isinstance(obj, h5py.Dataset):
                value = obj[()]
                items[name] = value.tolist() if value.dtype == object else value.tobytes()
            for key, attr in obj.attrs.items():
                items[f"{name}@{key}"] = np.asarray(attr).tolist()
        f.visititems(visit)
    return items


def test_the_file_is_the_same_at_1_and_2_threads_and_info_and_plot_read_it(
        two_routes, tmp_path, arteria_cli):
    files = []
    for threads in (1, 2):
        out = tmp_path / f"dta{threads}.h5"
        done = subprocess.run([str(arteria_cli), "assign", str(two_routes), "--dynamic",
                               "--max-iterations", "6", "--threads", str(threads), "--out",
                               str(out)], capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        assert done.stderr.count("relative gap") == 6  # a progress line per iteration
        files.append(out)
    assert _contents(files[0]) == _contents(files[1])

    info = subprocess.run([str(arteria_cli), "info", str(files[1])], capture_output=True,
                          text=True, timeout=60)
    assert info.returncode == 0, info.stderr
    assert "assignment dynamic (msa switching" in info.stdout
    with h5py.File(files[1], "r") as f:
        gaps = f["assignment/iterations/relative_gap"][:]
    lines = [line.split() for line in info.stdout.splitlines() if line.strip()[:1].isdigit()]
    assert [float(line[1]) for line in lines] == pytest.approx(list(gaps), abs=5e-5)

    plot = subprocess.run([str(arteria_cli), "plot", str(files[1]), "--out",
                           str(tmp_path / "fig")], capture_output=True, text=True, timeout=120)
    assert plot.returncode == 0, plot.stderr
    assert (tmp_path / "fig" / "dta2-gap.png").stat().st_size > 0
