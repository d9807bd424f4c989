// The one place the O(n^3) work of the dense kernels happens: C -= A B on row-major windows of
// Float64Arrays, Goto-style (packed panels, 4 x 4 tiles of sums kept in registers). Runs in the
// WebAssembly SIMD kernel of wasm-gemm.ts where available and in scalar JavaScript otherwise;
// both give bit-identical results.
import { simdGemm } from './wasm-gemm.ts';

/** Depth of one packed panel pair in the update. */
const KC = 128;
/** Rows of A packed at a time: MC x KC doubles (128 KiB) stay in L2 while B strips stream. */
const MC = 128;

export type GemmKernel = 'wasm-simd' | 'scalar';

/** Which kernel gemmSub uses by default on this runtime. */
export function gemmKernel(): GemmKernel {
  return simdGemm() ? 'wasm-simd' : 'scalar';
}

/** Packed panels for the scalar path (grown on demand, reused across calls). */
let scratch = new Float64Array(0);

/**
 * C -= A B for an m x k block A, k x n block B and m x n block C, each a row-major window
 * (offset, leading dimension) of a Float64Array; A or B may share an array with C if the
 * windows do not overlap. Goto-style: B packed into 4-column strips (KC deep), A into 4-row
 * strips (MC x KC), then every 4 x 4 tile of the product accumulated over KC in registers.
 * Both kernels sum over k in the same order and then subtract, so they agree bit for bit.
 */
export function gemmSub(
  m: number,
  n: number,
  k: number,
  A: Float64Array,
  aOff: number,
  lda: number,
  B: Float64Array,
  bOff: number,
  ldb: number,
  C: Float64Array,
  cOff: number,
  ldc: number,
  kernel: GemmKernel = gemmKernel(),
): void {
  if (m <= 0 || n <= 0 || k <= 0) return;
  const strips = Math.ceil(n / 4);
  const ldp = strips * 4;
  const bBase = MC * KC;
  const pBase = bBase + ldp * KC;
  const simd = kernel === 'wasm-simd' ? simdGemm() : null;
  let F: Float64Array;
  if (simd) {
    // layout in the module's memory: packed A | packed B | product P (MC x ldp)
    const bytes = (pBase + MC * ldp) * 8;
    const mem = simd.memory;
    if (mem.buffer.byteLength < bytes) mem.grow(Math.ceil((bytes - mem.buffer.byteLength) / 65536));
    F = new Float64Array(mem.buffer);
  } else {
    if (scratch.length < pBase) scratch = new Float64Array(pBase);
    F = scratch;
  }
  for (let pc = 0; pc < k; pc += KC) {
    const kc = Math.min(KC, k - pc);
    // B[pc:pc+kc, 0:n] into 4-column strips: F[bBase + (s * kc + p) * 4 + c], zero-padded
    for (let s = 0; s < strips; s++) {
      const j0 = 4 * s;
      const w = Math.min(4, n - j0);
      let q = bBase + s * kc * 4;
      let src = bOff + pc * ldb + j0;
      if (w === 4) {
        for (let p = 0; p < kc; p++, q += 4, src += ldb) {
          F[q] = B[src];
          F[q + 1] = B[src + 1];
          F[q + 2] = B[src + 2];
          F[q + 3] = B[src + 3];
        }
      } else {
        for (let p = 0; p < kc; p++, q += 4, src += ldb)
          for (let c = 0; c < 4; c++) F[q + c] = c < w ? B[src + c] : 0;
      }
    }
    for (let ic = 0; ic < m; ic += MC) {
      const mc = Math.min(MC, m - ic);
      const rstrips = Math.ceil(mc / 4);
      // A[ic:ic+mc, pc:pc+kc] into 4-row strips: F[(s * kc + p) * 4 + r], zero-padded
      for (let s = 0; s < rstrips; s++) {
        const i0 = 4 * s;
        const h = Math.min(4, mc - i0);
        const base = s * kc * 4;
        for (let r = 0; r < 4; r++) {
          let q = base + r;
          if (r < h) {
            let src = aOff + (ic + i0 + r) * lda + pc;
            for (let p = 0; p < kc; p++, q += 4) F[q] = A[src++];
          } else {
            for (let p = 0; p < kc; p++, q += 4) F[q] = 0;
          }
        }
      }
      if (simd) {
        simd.kern(0, bBase * 8, pBase * 8, ldp, rstrips, strips, kc);
        for (let r = 0; r < mc; r++) {
          const c = cOff + (ic + r) * ldc;
          const p = pBase + r * ldp;
          for (let j = 0; j < n; j++) C[c + j] -= F[p + j];
        }
      } else {
        scalarTiles(F, bBase, kc, mc, n, C, cOff + ic * ldc, ldc);
      }
    }
  }
}

/** C[0:mc, 0:n] -= (packed A) (packed B), one 4 x 4 tile of sums in registers at a time. */
function scalarTiles(
  F: Float64Array,
  bBase: number,
  kc: number,
  mc: number,
  n: number,
  C: Float64Array,
  cOff: number,
  ldc: number,
): void {
  const strips = Math.ceil(n / 4);
  const rstrips = Math.ceil(mc / 4);
  for (let t = 0; t < strips; t++) {
    const j0 = 4 * t;
    const w = Math.min(4, n - j0);
    const pb0 = bBase + t * kc * 4;
    for (let s = 0; s < rstrips; s++) {
      const i0 = 4 * s;
      const h = Math.min(4, mc - i0);
      let x00 = 0, x01 = 0, x02 = 0, x03 = 0; // prettier-ignore
      let x10 = 0, x11 = 0, x12 = 0, x13 = 0; // prettier-ignore
      let x20 = 0, x21 = 0, x22 = 0, x23 = 0; // prettier-ignore
      let x30 = 0, x31 = 0, x32 = 0, x33 = 0; // prettier-ignore
      let pa = s * kc * 4;
      let pb = pb0;
      for (let p = 0; p < kc; p++, pa += 4, pb += 4) {
        const b0 = F[pb];
        const b1 = F[pb + 1];
        const b2 = F[pb + 2];
        const b3 = F[pb + 3];
        let a = F[pa];
        x00 += a * b0;
        x01 += a * b1;
        x02 += a * b2;
        x03 += a * b3;
        a = F[pa + 1];
        x10 += a * b0;
        x11 += a * b1;
        x12 += a * b2;
        x13 += a * b3;
        a = F[pa + 2];
        x20 += a * b0;
        x21 += a * b1;
        x22 += a * b2;
        x23 += a * b3;
        a = F[pa + 3];
        x30 += a * b0;
        x31 += a * b1;
        x32 += a * b2;
        x33 += a * b3;
      }
      const c0 = cOff + i0 * ldc + j0;
      if (h === 4 && w === 4) {
        const c1 = c0 + ldc;
        const c2 = c1 + ldc;
        const c3 = c2 + ldc;
        C[c0] -= x00;
        C[c0 + 1] -= x01;
        C[c0 + 2] -= x02;
        C[c0 + 3] -= x03;
        C[c1] -= x10;
        C[c1 + 1] -= x11;
        C[c1 + 2] -= x12;
        C[c1 + 3] -= x13;
        C[c2] -= x20;
        C[c2 + 1] -= x21;
        C[c2 + 2] -= x22;
        C[c2 + 3] -= x23;
        C[c3] -= x30;
        C[c3 + 1] -= x31;
        C[c3 + 2] -= x32;
        C[c3 + 3] -= x33;
      } else {
        // edge tile: write only the h x w entries inside C
        const tile = [x00, x01, x02, x03, x10, x11, x12, x13, x20, x21, x22, x23, x30, x31, x32, x33];
        for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) C[c0 + r * ldc + c] -= tile[r * 4 + c];
      }
    }
  }
}
