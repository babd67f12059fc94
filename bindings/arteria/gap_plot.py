"""The relative-gap curve of an assignment, drawn on given axes: shared by the static and the
dynamic assignment's ``plot_gap`` and by the saved gap figure. No backend is chosen here, so
notebooks keep theirs."""
import numpy as np


def draw_gap_curve(ax, iterations, title):
    """Relative gap per iteration on a log scale; iterations with a gap of 0 (none measured)
    are left out. `iterations` has ``iteration`` and ``relative_gap`` columns."""
    gap = iterations["relative_gap"].to_numpy(np.float64)
    ax.semilogy(iterations["iteration"], np.where(gap > 0, gap, np.nan), marker="o")
    ax.set_xlabel("iteration")
    ax.set_ylabel("relative gap")
    ax.set_title(title)
    ax.grid(True, which="both", alpha=0.3)
    return ax
