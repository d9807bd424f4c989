// WebAssembly SIMD (f64x2) kernel for the packed product P = A B inside gemmSub, assembled
// here from its instructions: no binary blob, no build tool. Measured on the WIOD-sized
// update it runs about 5x faster than the scalar 4 x 4 JavaScript tile (bench/RESULTS.md,
// kernels section), because V8 does not vectorise scalar code. Lane-wise mul then add (no
// fused multiply-add), accumulated over k in the same order as the scalar tile: both paths
// give bit-identical results, so output does not depend on whether SIMD is available.

const uleb = (v: number): number[] => {
  const out: number[] = [];
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
  return out;
};
const sleb = (v: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) return [...out, b];
    out.push(b | 0x80);
  }
};
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => [...uleb(s.length), ...[...s].map((c) => c.charCodeAt(0))];

// instructions used by the kernel
const get = (l: number) => [0x20, ...uleb(l)];
const set = (l: number) => [0x21, ...uleb(l)];
const i32 = (v: number) => [0x41, ...sleb(v)];
const [ADD, MUL, SHL, GE_U, EQZ, SUB] = [[0x6a], [0x6c], [0x74], [0x4f], [0x45], [0x6b]];
const BLOCK = [0x02, 0x40];
const LOOP = [0x03, 0x40];
const END = [0x0b];
const br = (d: number) => [0x0c, ...uleb(d)];
const brIf = (d: number) => [0x0d, ...uleb(d)];
// SIMD: memarg = alignment exponent (8-byte aligned data), offset
const v128Load = (off: number) => [0xfd, 0x00, 3, ...uleb(off)];
const load64Splat = (off: number) => [0xfd, 0x0a, 3, ...uleb(off)];
const v128Store = (off: number) => [0xfd, 0x0b, 3, ...uleb(off)];
const V128_ZERO = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
const F64X2_ADD = [0xfd, 0xf0, 0x01];
const F64X2_MUL = [0xfd, 0xf2, 0x01];

// params: ap, bp, pp (byte addresses), ldp (doubles per row of P), rs, cs (4-row and
// 4-column strips), kc (depth); locals after them
const [AP, BP, PP, LDP, RS, CS, KC] = [0, 1, 2, 3, 4, 5, 6];
const [T, S, P, PA, PB, CC, LD] = [7, 8, 9, 10, 11, 12, 13];
const X = [14, 15, 16, 17, 18, 19, 20, 21]; // accumulators: row r holds X[2r] (cols 0,1), X[2r+1] (cols 2,3)
const [B0, B1, AV] = [22, 23, 24];

const madd = (acc: number, b: number) => [
  ...get(acc),
  ...get(AV),
  ...get(b),
  ...F64X2_MUL,
  ...F64X2_ADD,
  ...set(acc),
];

/**
 * P[4s.., 4t..] = sum_p Ap[s][p][0..3] (x) Bp[t][p][0..3] for every strip pair: the packed
 * layouts of gemmSub (Ap: 4-row strips, kc x 4 each; Bp: 4-column strips, kc x 4 each).
 */
function kernelBody(): number[] {
  const row = (r: number) => [
    ...get(PA),
    ...load64Splat(8 * r),
    ...set(AV),
    ...madd(X[2 * r], B0),
    ...madd(X[2 * r + 1], B1),
  ];
  const storeRow = (r: number) => [
    ...(r > 0 ? [...get(CC), ...get(LD), ...ADD, ...set(CC)] : []),
    ...get(CC),
    ...get(X[2 * r]),
    ...v128Store(0),
    ...get(CC),
    ...get(X[2 * r + 1]),
    ...v128Store(16),
  ];
  const stripBase = (base: number, idx: number) => [
    ...get(base),
    ...get(idx),
    ...get(KC),
    ...i32(5),
    ...SHL,
    ...MUL,
    ...ADD,
  ];
  // prettier-ignore
  return [
    ...get(LDP), ...i32(3), ...SHL, ...set(LD),
    ...i32(0), ...set(T),
    ...BLOCK, ...LOOP,
    ...get(T), ...get(CS), ...GE_U, ...brIf(1),
    ...i32(0), ...set(S),
    ...BLOCK, ...LOOP,
    ...get(S), ...get(RS), ...GE_U, ...brIf(1),
    ...X.flatMap((x) => [...V128_ZERO, ...set(x)]),
    ...stripBase(AP, S), ...set(PA),
    ...stripBase(BP, T), ...set(PB),
    ...get(KC), ...set(P),
    ...BLOCK, ...LOOP,
    ...get(P), ...EQZ, ...brIf(1),
    ...get(PB), ...v128Load(0), ...set(B0),
    ...get(PB), ...v128Load(16), ...set(B1),
    ...row(0), ...row(1), ...row(2), ...row(3),
    ...get(PA), ...i32(32), ...ADD, ...set(PA),
    ...get(PB), ...i32(32), ...ADD, ...set(PB),
    ...get(P), ...i32(1), ...SUB, ...set(P),
    ...br(0), ...END, ...END,
    // cc = pp + ((4s * ldp + 4t) << 3)
    ...get(PP), ...get(S), ...i32(2), ...SHL, ...get(LDP), ...MUL, ...get(T), ...i32(2), ...SHL, ...ADD, ...i32(3), ...SHL, ...ADD, ...set(CC),
    ...storeRow(0), ...storeRow(1), ...storeRow(2), ...storeRow(3),
    ...get(S), ...i32(1), ...ADD, ...set(S),
    ...br(0), ...END, ...END,
    ...get(T), ...i32(1), ...ADD, ...set(T),
    ...br(0), ...END, ...END,
    ...END,
  ];
}

/** The module: one function `kern` and its exported memory `mem`. */
export function gemmModuleBytes(): Uint8Array {
  const I32 = 0x7f;
  const V128 = 0x7b;
  const type = vec([[0x60, ...vec(new Array<number[]>(7).fill([I32])), 0]]);
  const body = [...vec([[7, I32], [11, V128]]), ...kernelBody()]; // prettier-ignore
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, type),
    ...section(3, vec([[0]])),
    ...section(5, vec([[0x00, 1]])),
    ...section(7, vec([[...name('kern'), 0x00, 0], [...name('mem'), 0x02, 0]])), // prettier-ignore
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ]);
}

/** The parts of the WebAssembly API used here (the project's TypeScript lib has no DOM types). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

export interface SimdGemm {
  /** P = A B over packed strips; addresses are in bytes into `memory`. */
  kern: (ap: number, bp: number, pp: number, ldp: number, rs: number, cs: number, kc: number) => void;
  memory: WasmMemory;
}

let cached: SimdGemm | null | undefined;

/** The instantiated kernel, or null where WebAssembly SIMD is unavailable (scalar path then). */
export function simdGemm(): SimdGemm | null {
  if (cached !== undefined) return cached;
  cached = null;
  const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  try {
    const bytes = gemmModuleBytes();
    if (wasm && wasm.validate(bytes)) {
      const { exports } = new wasm.Instance(new wasm.Module(bytes), {});
      cached = { kern: exports.kern as SimdGemm['kern'], memory: exports.mem as WasmMemory };
    }
  } catch {
    cached = null; // no SIMD support: the scalar kernel serves
  }
  return cached;
}
