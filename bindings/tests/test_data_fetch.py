"""`arteria data fetch`: the manifest agrees with the published files in ../shared/data, and a
fetch from a local mirror (no network) places byte-identical, hash-checked files, while a
corrupted or missing file fails with exit code 2 and leaves nothing under its final name."""
import hashlib
import os
import re
import shutil
import subprocess
import tomllib

import pytest

from conftest import REPO

DATA = REPO.parent / "shared" / "data"
MANIFEST = tomllib.loads((REPO / "scenarios" / "datasets.toml").read_text())["datasets"]
RAW = "https://raw.githubusercontent.com/"


def source_note(folder):
    """(repo, commit, {local file: repo path}) from a data folder's SOURCE.txt."""
    text = (folder / "SOURCE.txt").read_text()
    repo = re.search(r"^repo: (\S+)", text, re.M).group(1)
    commit = re.search(r"^commit: ([0-9a-f]{40})", text, re.M).group(1)
    files = {m.group(2): m.group(1)
             for m in re.finditer(r"^  (\S+) -> (\S+) \(\d+ bytes\)", text, re.M)}
    return repo, commit, files


def test_manifest_lists_every_shared_data_set():
    listed = {f"{d['kind']}/{d['name']}" for d in MANIFEST}
    shared = {f"{p.parent.name}/{p.name}" for p in DATA.glob("*/*") if (p / "SOURCE.txt").exists()}
    assert listed == shared


@pytest.mark.parametrize("dataset", MANIFEST, ids=lambda d: d["name"])
def test_manifest_matches_the_published_files(dataset):
    folder = DATA / dataset["kind"] / dataset["name"]
    repo, commit, repo_paths = source_note(folder)
    assert dataset["repo"] == "https://" + repo and dataset["commit"] == commit
    assert [f["file"] for f in dataset["files"]] == list(repo_paths)
    for entry in dataset["files"]:
        data = (folder / entry["file"]).read_bytes()
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["url"] == f"{RAW}{repo.removeprefix('github.com/')}/{commit}/" \
                               f"{repo_paths[entry['file']]}"


def build_mirror(root, *names):
    """A local copy laid out as the raw URLs' paths, filled from ../shared/data."""
    for dataset in (d for d in MANIFEST if d["name"] in names):
        for entry in dataset["files"]:
            target = root / entry["url"].removeprefix(RAW)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(DATA / dataset["kind"] / dataset["name"] / entry["file"], target)
    return root


def mirrored(root, name, file):
    dataset = next(d for d in MANIFEST if d["name"] == name)
    entry = next(f for f in dataset["files"] if f["file"] == file)
    return root / entry["url"].removeprefix(RAW)


@pytest.fixture
def fetch(arteria_cli, tmp_path):
    """Runs `arteria data fetch ARGS` with ARTERIA_DATA set to a fresh folder."""
    dest = tmp_path / "data"
    env = dict(os.environ, ARTERIA_DATA=str(dest))

    def run(*args):
        return subprocess.run([str(arteria_cli), "data", "fetch", *map(str, args)], env=env,
                              capture_output=True, text=True, timeout=60)
    run.dest = dest
    return run


def test_fetch_from_a_mirror_places_identical_files(fetch, tmp_path):
    mirror = build_mirror(tmp_path / "mirror", "SiouxFalls", "Braess")
    result = fetch("SiouxFalls", "tntp/Braess", "--mirror", mirror)
    assert result.returncode == 0, result.stderr
    for name in ["SiouxFalls", "Braess"]:
        dataset = next(d for d in MANIFEST if d["name"] == name)
        placed = fetch.dest / "tntp" / name
        for entry in dataset["files"]:
            assert (placed / entry["file"]).read_bytes() == \
                (DATA / "tntp" / name / entry["file"]).read_bytes()
        assert dataset["commit"] in (placed / "SOURCE.txt").read_text()
        assert not list(placed.glob("*.part"))
    # A second fetch finds every file in place and downloads nothing, even with no mirror left.
    shutil.rmtree(mirror)
    again = fetch("SiouxFalls", "--mirror", mirror)
    assert again.returncode == 0, again.stderr
    assert "0 downloaded, 5 already present" in again.stdout


def test_a_corrupted_file_fails_on_its_hash_and_leaves_no_file(fetch, tmp_path):
    mirror = build_mirror(tmp_path / "mirror", "SiouxFalls")
    bad = mirrored(mirror, "SiouxFalls", "SiouxFalls_trips.tntp")
    data = bytearray(bad.read_bytes())
    data[100] ^= 1  # same size, one bit off
    bad.write_bytes(bytes(data))
    result = fetch("SiouxFalls", "--mirror", mirror)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "SHA-256 mismatch" in lines[0], result.stderr
    assert "SiouxFalls_trips.tntp" in lines[0]
    folder = fetch.dest / "tntp" / "SiouxFalls"
    assert not (folder / "SiouxFalls_trips.tntp").exists()
    assert not list(folder.glob("*.part"))


def test_a_longer_file_is_cut_off_and_a_wrong_local_copy_replaced(fetch, tmp_path):
    mirror = build_mirror(tmp_path / "mirror", "Braess")
    folder = fetch.dest / "tntp" / "Braess"
    folder.mkdir(parents=True)
    (folder / "Braess_net.tntp").write_text("edited by hand\n")
    grown = mirrored(mirror, "Braess", "Braess_trips.tntp")
    grown.write_bytes(grown.read_bytes() + b"\n")
    result = fetch("Braess", "--mirror", mirror)
    assert result.returncode == 2
    assert "more than the expected 108 bytes" in result.stderr
    assert "replaced" in result.stdout  # Braess_net.tntp, before the failing file
    assert (folder / "Braess_net.tntp").read_bytes() == (DATA / "tntp/Braess/Braess_net.tntp").read_bytes()
    assert not (folder / "Braess_trips.tntp").exists() and not list(folder.glob("*.part"))


def test_a_missing_file_and_an_unknown_name_are_clear_errors(fetch, tmp_path):
    mirror = build_mirror(tmp_path / "mirror", "Braess")
    mirrored(mirror, "Braess", "README.md").unlink()
    missing = fetch("Braess", "--mirror", mirror)
    assert missing.returncode == 2
    assert "download failed" in missing.stderr and "README.md" in missing.stderr
    assert not (fetch.dest / "tntp" / "Braess" / "README.md").exists()

    unknown = fetch("SiouxFall", "--mirror", mirror)
    assert unknown.returncode == 2
    assert "unknown data set 'SiouxFall'; did you mean 'SiouxFalls'?" in unknown.stderr


def test_list_names_every_data_set(run_cli):
    result = run_cli("data", "list")
    assert result.returncode == 0, result.stderr
    for dataset in MANIFEST:
        assert f"{dataset['kind']}/{dataset['name']}" in result.stdout
