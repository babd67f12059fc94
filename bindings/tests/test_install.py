"""An install under a prefix stands on its own: the command and the Python package find the
built-in scenarios and the data folder from where they are installed, not from the checkout."""
import os
import pathlib
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parents[2]


def install(arteria_cli, prefix):
    build = pathlib.Path(arteria_cli).resolve().parents[1]
    subprocess.run(["cmake", "--install", str(build), "--prefix", str(prefix)], check=True,
                   capture_output=True, text=True)
    packages = next((prefix / "lib").glob("python3.*/dist-packages"))
    return prefix / "bin" / "arteria", packages


def clean_env(**extra):
    """The environment of a user who has only the install: no build or checkout paths."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "ARTERIA_DATA", "ARTERIA_CLI")}
    env.update(extra)
    return env


def test_installed_files_never_name_the_checkout(arteria_cli, tmp_path):
    binary, packages = install(arteria_cli, tmp_path / "prefix")
    checkout = str(REPO).encode()
    for path in [binary, *packages.glob("arteria/_arteria*.so")]:
        assert checkout not in path.read_bytes(), f"{path} refers to the checkout {REPO}"


def test_installed_command_runs_the_default_city_from_anywhere(arteria_cli, tmp_path):
    binary, _ = install(arteria_cli, tmp_path / "prefix")
    done = subprocess.run([str(binary), "run", "--out", "city.h5", "--no-progress",
                           "--set", "demand.trips=2000"],
                          cwd=tmp_path, env=clean_env(), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "city.h5").exists()


def test_installed_package_loads_the_default_city(arteria_cli, tmp_path):
    _, packages = install(arteria_cli, tmp_path / "prefix")
    code = ("import arteria; s = arteria.Scenario.default(); "
            "print(arteria.__file__); print(s)")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path,
                          env=clean_env(PYTHONPATH=str(packages)), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(str(packages)), done.stdout
    assert "default city" in done.stdout


def test_a_data_scenario_without_a_data_folder_says_to_set_arteria_data(arteria_cli, tmp_path):
    binary, _ = install(arteria_cli, tmp_path / "prefix")
    (tmp_path / "prefix" / "share" / "arteria" / "data").unlink(missing_ok=True)
    scenario = tmp_path / "prefix" / "share" / "arteria" / "scenarios" / "cairns"
    done = subprocess.run([str(binary), "run", str(scenario), "--out", "c.h5"], cwd=tmp_path,
                          env=clean_env(), capture_output=True, text=True)
    assert done.returncode == 2
    assert "set ARTERIA_DATA" in done.stderr
    assert not (tmp_path / "c.h5").exists()


def test_installed_package_has_the_web_view_page_files(arteria_cli, tmp_path):
    _, packages = install(arteria_cli, tmp_path / "prefix")
    code = "from arteria import web_view; print(web_view.WEB_FOLDER)"
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path,
                          env=clean_env(PYTHONPATH=str(packages)), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    folder = pathlib.Path(done.stdout.strip())
    assert folder == packages / "arteria" / "web"
    assert {p.name for p in folder.iterdir()} == {"template.html", "view.css", "view.js",
                                                  "map.js", "panels.js"}
