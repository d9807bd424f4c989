"""Peer timings for bench/kernels.bench.ts: numpy / scipy on the matrices the TypeScript side wrote.

Usage: python3 bench/kernels_peer.py <case> <dir> [threads-label]
  wiod    <dir>: dir/n.json, dir/A.f64 (dense row-major A, n x n), dir/x.f64 (gross output)
                 -> L = inv(I - A) (pymrio's calc_all L step) and the extraction closed forms
  wiodcsv <dir>: dir/paths.json names WIOD's Z.csv.gz and Y.csv.gz; pymrio's calc_x, calc_A,
                 calc_L on them with numpy (the file read is not timed)
  gmres   <dir>: dir/csr.json, rowPtr.i32, colIdx.i32, values.f64, b.f64 -> scipy gmres on I - A
Prints one JSON line. Results are written beside the inputs for the TypeScript side to compare.
pymrio itself is not installed here: numpy does what its calc_all does for L (np.linalg.inv).
"""
import json
import os
import sys
import time


def median(xs):
    s = sorted(xs)
    m = len(s) // 2
    return s[m] if len(s) % 2 else (s[m - 1] + s[m]) / 2


def timed(f, runs):
    """Median wall and process-CPU seconds of `runs` calls after one warm-up call."""
    out = f()
    walls, cpus = [], []
    for _ in range(runs):
        c0, t0 = time.process_time(), time.perf_counter()
        out = f()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return out, median(walls), median(cpus), walls


def main():
    case, d = sys.argv[1], sys.argv[2]
    import numpy as np

    res = {"case": case, "numpy": np.__version__}
    if case == "wiod":
        n = json.load(open(os.path.join(d, "n.json")))["n"]
        runs = json.load(open(os.path.join(d, "n.json")))["runs"]
        A = np.fromfile(os.path.join(d, "A.f64"), dtype=np.float64).reshape(n, n)
        x = np.fromfile(os.path.join(d, "x.f64"), dtype=np.float64)
        eye = np.eye(n)

        def full_l():
            return np.linalg.inv(eye - A)

        L, w, c, walls = timed(full_l, runs)
        res.update(inverseS=w, inverseCpuS=c, inverseRunsS=walls)
        L.tofile(os.path.join(d, "L_numpy.f64"))

        def extractions():
            # the closed forms of hypotheticalExtraction (docs/supply.md), share 1, from L
            L = np.linalg.inv(eye - A)
            ljj = np.diag(L).copy()
            c = L.sum(axis=0)
            with np.errstate(divide="ignore", invalid="ignore"):
                ge = np.where(x > 0, (L @ x) / np.where(x > 0, x, 1), 1.0)
            complete = x * c / ljj
            backward = x * (c - 1) / ljj
            forward = x * (ge - 1) / ljj
            return complete, backward, forward

        (cm, bw, fw), w, c, walls = timed(extractions, runs)
        res.update(extractS=w, extractCpuS=c, extractRunsS=walls)
        np.stack([cm, bw, fw]).tofile(os.path.join(d, "extract_numpy.f64"))
    elif case == "wiodcsv":
        p = json.load(open(os.path.join(d, "paths.json")))
        Z = np.loadtxt(p["Z"], delimiter=",")
        Y = np.loadtxt(p["Y"], delimiter=",", skiprows=p.get("ySkip", 0))
        n = Z.shape[0]

        def calc_all_l():
            # pymrio.calc_x, calc_A, calc_L (pymrio/tools/iomath.py): x = Z e + Y e,
            # A = Z diag(1/x) with 1/0 -> 0, L = inv(I - A)
            x = Z.sum(axis=1) + Y.sum(axis=1)
            with np.errstate(divide="ignore"):
                recix = 1 / x
            recix[np.isinf(recix)] = 0
            A = Z * recix
            return np.linalg.inv(np.eye(n) - A)

        L, w, c, walls = timed(calc_all_l, p["runs"])
        res.update(n=n, calcAllS=w, calcAllCpuS=c, calcAllRunsS=walls)
    elif case == "gmres":
        import scipy
        import scipy.sparse as sp
        from scipy.sparse.linalg import LinearOperator, gmres

        meta = json.load(open(os.path.join(d, "csr.json")))
        n, tol, restart, runs = meta["n"], meta["tol"], meta["restart"], meta["runs"]
        rowPtr = np.fromfile(os.path.join(d, "rowPtr.i32"), dtype=np.int32)
        colIdx = np.fromfile(os.path.join(d, "colIdx.i32"), dtype=np.int32)
        values = np.fromfile(os.path.join(d, "values.f64"), dtype=np.float64)
        b = np.fromfile(os.path.join(d, "b.f64"), dtype=np.float64)
        A = sp.csr_matrix((values, colIdx, rowPtr), shape=(n, n))
        # the same matrix-free operator as the TypeScript side: y = x - A x
        op = LinearOperator((n, n), matvec=lambda v: v - A @ v, dtype=np.float64)
        iters = [0]

        def count(_):
            iters[0] += 1

        def solve():
            iters[0] = 0
            z, info = gmres(op, b, rtol=tol, atol=0.0, restart=restart, maxiter=50,
                            callback=count, callback_type="pr_norm")
            return z, info

        (z, info), w, c, walls = timed(solve, runs)
        r = b - op.matvec(z)
        res.update(scipy=scipy.__version__, gmresS=w, gmresCpuS=c, gmresRunsS=walls, info=int(info),
                   iterations=iters[0], relativeResidual=float(np.linalg.norm(r) / np.linalg.norm(b)))
        z.tofile(os.path.join(d, "z_scipy.f64"))
        v = np.ones(n)
        _, w, c, _ = timed(lambda: A @ v, 10)
        res.update(spmvS=w, spmvCpuS=c, nnz=int(values.size))
    else:
        raise SystemExit(f"unknown case {case}")
    res["threads"] = os.environ.get("OPENBLAS_NUM_THREADS", "default")
    print(json.dumps(res))


if __name__ == "__main__":
    main()
