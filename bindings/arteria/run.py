"""Running a scenario to a result file from Python, exactly as ``arteria run`` does."""
from ._arteria import run_to_file


def run(scenario, out=None, threads=0, progress=False, checkpoint_every=None,
        checkpoint_dir=None, checkpoint_keep=0, resume=None, until_clear=False, clear_cap=None):
    """Runs `scenario` from start to end on `threads` threads (0: every core), writes the
    HDF5 result to `out` (default: the scenario's output.file) and returns its
    :class:`Results`. The GIL is released for the whole run.

    `checkpoint_every` (seconds, or ``"1h"``, ``"30m"``, ``"90s"``, ``"01:30"``) writes the
    whole simulation state at each multiple of that simulated time to
    ``checkpoint_dir/<scenario>-<HHMMSS>.ckpt.h5`` (default folder: the output's), keeping the
    newest `checkpoint_keep` (0: all); their paths are in ``results.checkpoints``.
    ``resume=path`` continues from such a checkpoint of the same scenario and seed: the file
    written is the one an uninterrupted run writes, at any thread count.

    ``until_clear=True`` keeps stepping past the scenario's end until every trip due before it
    has arrived or was removed as stuck, or until `clear_cap` (seconds, ``"HH:MM"``; default
    12 hours after the end; giving it implies `until_clear`), as ``arteria run --until-clear``.
    ``results.kpis["network_cleared"]`` and ``["stopped_at_s"]`` say which happened."""
    every = "" if checkpoint_every is None else str(checkpoint_every)
    written = run_to_file(scenario, "" if out is None else str(out), threads, progress, every,
                          "" if checkpoint_dir is None else str(checkpoint_dir),
                          checkpoint_keep, "" if resume is None else str(resume), until_clear,
                          "" if clear_cap is None else str(clear_cap))
    from .results import Results  # pandas and h5py: imported only when a result is read
    results = Results(written["output_path"])
    results.checkpoints = written["checkpoints"]
    return results
