"""Action and observation spaces with the gymnasium contract (gymnasium is not packaged for
Debian, so these small classes stand in): ``shape``, ``dtype``, ``sample(rng)``,
``contains(x)``; ``Discrete`` and ``MultiDiscrete`` also have ``n`` / ``nvec``."""
import numpy as np


def _rng(rng):
    return rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)


class Discrete:
    """Integers 0 .. n-1."""

    def __init__(self, n):
        if n < 1:
            raise ValueError("a Discrete space needs n >= 1")
        self.n = int(n)
        self.shape = ()
        self.dtype = np.dtype(np.int64)

    def sample(self, rng=None):
        return np.int64(_rng(rng).integers(self.n))

    def contains(self, x):
        value = np.asarray(x)
        return (value.shape == () and np.issubdtype(value.dtype, np.integer)
                and 0 <= int(value) < self.n)

    def __repr__(self):
        return f"Discrete({self.n})"


class MultiDiscrete:
    """One integer 0 .. nvec[i]-1 per element (one choice per signalised node)."""

    def __init__(self, nvec):
        self.nvec = np.asarray(nvec, dtype=np.int64)
        if self.nvec.ndim != 1 or (self.nvec < 1).any():
            raise ValueError("nvec is a 1-D list of counts >= 1")
        self.n = self.nvec  # gymnasium spells it nvec; n is kept for symmetry with Discrete
        self.shape = self.nvec.shape
        self.dtype = np.dtype(np.int64)

    def sample(self, rng=None):
        return (_rng(rng).random(self.shape) * self.nvec).astype(np.int64)

    def contains(self, x):
        value = np.asarray(x)
        return (value.shape == self.shape and np.issubdtype(value.dtype, np.integer)
                and bool(((value >= 0) & (value < self.nvec)).all()))

    def __repr__(self):
        return f"MultiDiscrete({self.nvec.tolist()})"


class Box:
    """Real vectors with elementwise bounds (inf allowed)."""

    def __init__(self, low, high, shape, dtype=np.float32):
        self.shape = tuple(shape)
        self.dtype = np.dtype(dtype)
        self.low = np.broadcast_to(np.asarray(low, self.dtype), self.shape)
        self.high = np.broadcast_to(np.asarray(high, self.dtype), self.shape)

    def sample(self, rng=None):
        # Like gymnasium: uniform where bounded, an exponential tail off a single bound,
        # normal where unbounded both ways.
        generator = _rng(rng)
        low_ok, high_ok = np.isfinite(self.low), np.isfinite(self.high)
        low = np.where(low_ok, self.low, 0.0)
        high = np.where(high_ok, self.high, 0.0)
        uniform = low + generator.random(self.shape) * (high - low)
        tail = generator.exponential(size=self.shape)
        value = np.where(low_ok & high_ok, uniform,
                         np.where(low_ok, low + tail,
                                  np.where(high_ok, high - tail,
                                           generator.normal(size=self.shape))))
        return value.astype(self.dtype)

    def contains(self, x):
        value = np.asarray(x)
        return (value.shape == self.shape and np.can_cast(value.dtype, self.dtype, "same_kind")
                and bool(((value >= self.low) & (value <= self.high)).all()))

    def __repr__(self):
        return f"Box(shape={self.shape}, dtype={self.dtype})"
