"""Running a scenario to a result file from Python, exactly as ``arteria run`` does."""
from ._arteria import run_to_file


def run(scenario, out=None, threads=0, progress=False):
    """Runs `scenario` from start to end on `threads` threads (0: every core), writes the
    HDF5 result to `out` (default: the scenario's output.file) and returns its
    :class:`Results`. The GIL is released for the whole run."""
    written = run_to_file(scenario, "" if out is None else str(out), threads, progress)
    from .results import Results  # pandas and h5py: imported only when a result is read
    return Results(written["output_path"])
