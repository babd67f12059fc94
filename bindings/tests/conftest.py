"""Shared fixtures: where the built CLI is, and a scratch folder per test."""
import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def arteria_cli():
    path = pathlib.Path(os.environ.get("ARTERIA_CLI", REPO / "build" / "bin" / "arteria")).resolve()
    if not path.exists():
        pytest.fail(f"the arteria CLI is not built at {path}: run `make build` first")
    return path


@pytest.fixture
def run_cli(arteria_cli, tmp_path):
    def run(*args, cwd=None):
        return subprocess.run([str(arteria_cli), *map(str, args)], cwd=cwd or tmp_path,
                              capture_output=True, text=True, timeout=600)
    return run
