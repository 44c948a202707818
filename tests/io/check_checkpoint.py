#!/usr/bin/python3
"""Checks a Boreas checkpoint with h5py, independently of the C++ reader.

usage: check_checkpoint.py FILE [--structure-only]

Checks the root attributes, parses the embedded deck, checks every /fields
dataset has the global mesh shape (nz, ny, nx) / (ny, nx) / (nx), recomputes
each dataset's checksum attribute, and (unless --structure-only) checks that
/fields/T equals the heat app's analytic initial condition to 1e-12, which
needs a step-0 checkpoint of the heat app.

Exit 0 and "check_checkpoint: ok ..." on success; 1 with a message on
failure; 77 (skip) only when h5py cannot be imported.
"""
import math
import sys

try:
    import h5py
    import numpy as np
except ImportError as e:  # Debian: apt-get install python3-h5py python3-numpy
    print(f"check_checkpoint: skip: h5py/numpy not importable ({e})")
    sys.exit(77)
import tomllib

TOLERANCE = 1e-12
GOLDEN = np.uint64(0x9E3779B97F4A7C15)


class CheckFailed(Exception):
    pass


def require(condition, message):
    if not condition:
        raise CheckFailed(message)


def text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def mix64(z):
    """splitmix64 finalizer on a uint64 array (wrapping arithmetic)."""
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def checksum(values):
    """Wrapping sum of mix(bits, global linear index), as io/output/checksum.hpp."""
    bits = np.ascontiguousarray(values, dtype="<f8").reshape(-1).view(np.uint64)
    index = np.arange(bits.size, dtype=np.uint64)
    with np.errstate(over="ignore"):
        return int(mix64(bits ^ mix64(index + GOLDEN)).sum(dtype=np.uint64))


def bits_hex(v):
    return "%016x" % int(np.array([v], dtype="<f8").view(np.uint64)[0])


def header_checksum(f):
    """bytes_checksum(header_text(...)) as io/output: every value a restart reads."""
    dim = len(f["mesh/cells"])
    t = f"time={bits_hex(float(f.attrs['time']))}\nstep={int(f.attrs['step'])}\n"
    t += f"app={text(f.attrs['app'])}\nboreas_version={text(f.attrs['boreas_version'])}\n"
    t += f"dim={dim}\n"
    for d in range(dim):
        t += (f"mesh={int(f['mesh/cells'][d])} {bits_hex(float(f['mesh/lower'][d]))} "
              f"{bits_hex(float(f['mesh/upper'][d]))}\n")
    scalars = f["scalars"] if "scalars" in f else {}
    for name in scalars:
        t += f"scalar {name}={bits_hex(float(scalars[name][()]))}\n"
    for name in f["fields"]:
        t += f"field {name}\n"
    deck = text(f.attrs["deck"]).encode()
    data = t.encode() + f"deck={len(deck)}\n".encode() + deck
    with np.errstate(over="ignore"):
        h = int(mix64(np.uint64(len(data))))
        padded = data + b"\0" * (-len(data) % 8)
        words = np.frombuffer(padded, dtype="<u8")
        for i, w in enumerate(words):
            h = int(mix64(np.uint64(h) ^ mix64(np.uint64(w) + np.uint64(i))))
    return h


def mesh_from_deck(deck):
    mesh = deck.get("mesh", {})
    cells = [int(c) for c in mesh.get("cells", [])]
    require(1 <= len(cells) <= 3, f"deck mesh.cells {cells} must have 1 to 3 entries")
    dim = len(cells)
    lower = [float(v) for v in mesh.get("lower", [0.0, 0.0, 0.0])][:dim]
    upper = [float(v) for v in mesh.get("upper", [1.0, 1.0, 1.0])][:dim]
    require(len(lower) == dim and len(upper) == dim,
            "deck mesh.lower/upper have fewer entries than mesh.cells")
    return cells, lower, upper


def centre_index(cells, d):
    """Global cell index along direction d, shaped to broadcast over (z, y, x)."""
    dim = len(cells)
    shape = [1] * dim
    shape[dim - 1 - d] = cells[d]
    return (np.arange(cells[d], dtype=np.float64) + 0.5).reshape(shape)


def heat_initial_condition(deck, cells, lower, upper):
    """Mirrors physics/heat/problems (same operation order)."""
    p = deck.get("problem", {})
    dim = len(cells)
    init = p.get("name", "gaussian")
    amplitude = float(p.get("amplitude", 1.0))
    background = float(p.get("background", 0.0))
    shape = tuple(reversed(cells))
    if init == "uniform":
        value = float(p.get("value", 0.0))
        return np.full(shape, value), 0.0, value
    dx = [(upper[d] - lower[d]) / cells[d] for d in range(dim)]
    if init == "sine":
        mode = [int(m) for m in p.get("mode", [1, 1, 1])]
        require(len(mode) >= dim, "problem.mode needs one entry per mesh dimension")
        prof = np.ones(shape)
        for d in range(dim):
            k = mode[d] * math.pi / (upper[d] - lower[d])
            prof = prof * np.sin(k * centre_index(cells, d) * dx[d])
        return background + amplitude * prof, amplitude, background
    require(init == "gaussian", f"unknown heat problem '{init}'")
    center = [float(c) for c in p.get("center", [0.5, 0.5, 0.5])]
    width = float(p.get("width", 0.1))
    require(len(center) >= dim, "problem.center needs one entry per mesh dimension")
    r2 = np.zeros(shape)
    for d in range(dim):
        x = lower[d] + centre_index(cells, d) * dx[d] - center[d]
        r2 = r2 + x * x
    inv2s2 = 1.0 / (2.0 * width * width)
    return background + amplitude * np.exp(-r2 * inv2s2), amplitude, background


def check(path, structure_only):
    notes = []
    with h5py.File(path, "r") as f:
        for name in ("time", "step", "deck", "boreas_version", "app"):
            require(name in f.attrs, f"missing root attribute '{name}'")
        step = int(f.attrs["step"])
        app = text(f.attrs["app"])
        require(isinstance(f.attrs["deck"], str), "root attribute 'deck' does not read as str")
        try:
            deck = tomllib.loads(text(f.attrs["deck"]))
        except tomllib.TOMLDecodeError as e:
            raise CheckFailed(f"embedded deck does not parse as TOML: {e}")
        cells, lower, upper = mesh_from_deck(deck)
        shape = tuple(reversed(cells))
        if "mesh" in f:
            require(list(f["mesh/cells"][()]) == cells,
                    f"/mesh/cells {list(f['mesh/cells'][()])} differs from the deck's {cells}")
        require("fields" in f and len(f["fields"]) > 0, "no datasets under /fields")
        require("header_checksum" in f.attrs, "missing root attribute 'header_checksum'")
        require(header_checksum(f) == int(f.attrs["header_checksum"]),
                "the header (time, step, app, mesh, scalars, field names, deck) does not match "
                "header_checksum")
        for name, dset in f["fields"].items():
            require(dset.shape == shape,
                    f"/fields/{name} has shape {dset.shape}, the deck's mesh needs {shape}")
            require(dset.dtype == np.dtype("<f8"), f"/fields/{name} is {dset.dtype}, not float64")
            if "checksum" in dset.attrs:
                require(checksum(dset[()]) == int(dset.attrs["checksum"]),
                        f"/fields/{name} does not match its checksum attribute")
            else:
                notes.append(f"/fields/{name} has no checksum")
        if structure_only:
            return f"{len(f['fields'])} fields of shape {shape}, values not checked", notes
        require(app == "heat" or deck.get("run", {}).get("app") == "heat",
                f"app is '{app}': the value check knows only the heat app (--structure-only)")
        require(step == 0, f"step is {step}: the analytic check needs a step-0 checkpoint"
                " (--structure-only skips it)")
        require("T" in f["fields"], "no /fields/T")
        want, amplitude, background = heat_initial_condition(deck, cells, lower, upper)
        got = f["fields/T"][()]
        error = np.abs(got - want)
        tolerance = TOLERANCE * max(1.0, abs(amplitude) + abs(background))
        worst = np.unravel_index(np.argmax(error), error.shape)
        require(float(error[worst]) <= tolerance,
                f"/fields/T differs from the {deck.get('problem', {}).get('name', 'gaussian')}"
                f" initial condition by {float(error[worst]):.3e} at (k, j, i) = {worst}"
                f" (file {got[worst]!r}, expected {want[worst]!r})")
        init = deck.get("problem", {}).get("name", "gaussian")
        return (f"{len(f['fields'])} fields of shape {shape}, T matches the {init} initial"
                f" condition (max error {float(error.max()):.1e})"), notes


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    flags = [a for a in argv[1:] if a.startswith("--")]
    if len(args) != 1 or any(a != "--structure-only" for a in flags):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    path = args[0]
    try:
        summary, notes = check(path, "--structure-only" in flags)
    except CheckFailed as e:
        print(f"check_checkpoint: FAIL: {path}: {e}")
        return 1
    except (OSError, KeyError, ValueError) as e:
        print(f"check_checkpoint: FAIL: {path}: {type(e).__name__}: {e}")
        return 1
    for note in notes:
        print(f"check_checkpoint: note: {note}")
    print(f"check_checkpoint: ok {path}: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
