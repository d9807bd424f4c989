// The bottleneck model's weekly losses by policy path, shared by the runs of one thread.
//
// A week's loss depends only on the model's state at the start of the week and the week's policy
// (flow share, binding, rule bits), and the state only on the policies of the weeks before
// (every run starts from the same history). So a prefix tree of policy paths, one edge per
// (node, policy) tried, holds every loss a run can ask for once some run has asked for it: on
// the built-in scenario a few dozen paths cover all runs, and the model is stepped only on the
// first visit. The answer is the same number the model computes (no approximation).
//
// Flat typed arrays (no objects per node), grown by doubling up to MAX_EDGES.

/** Edges (and nodes: at most one per edge plus the root) a tree may hold; about 45 bytes each. */
export const MAX_EDGES = 1 << 17;

export class PolicyPaths {
  /** `maxEdges`: the cap (tests use small ones to reach it). */
  constructor(readonly maxEdges = MAX_EDGES) {}
  /** Number of nodes; node 0 is the root (the start of the simulated weeks). */
  nodes = 1;
  edges = 0;
  /** Per node: first edge out (-1: none), the edge in (-1: root), depth in weeks. */
  nodeFirst = new Int32Array(1024).fill(-1);
  nodeIn = new Int32Array(1024).fill(-1);
  nodeDepth = new Int32Array(1024);
  /** Per edge: the policy, the week's loss, the node it leaves and the one it leads to (-1: not taken yet), next sibling. */
  edgeFlow = new Float64Array(1024);
  edgeBinding = new Uint8Array(1024);
  edgeRule = new Int32Array(1024);
  edgeLoss = new Float64Array(1024);
  edgeFrom = new Int32Array(1024);
  edgeTo = new Int32Array(1024);
  edgeNext = new Int32Array(1024);

  /** The edge of `node` for the policy (flow only matters when binding, compared bit for bit); -1 if none. */
  find(node: number, flow: number, binding: boolean, rule: number): number {
    const bit = binding ? 1 : 0;
    for (let e = this.nodeFirst[node]; e >= 0; e = this.edgeNext[e])
      if (
        this.edgeRule[e] === rule &&
        this.edgeBinding[e] === bit &&
        (!binding || Object.is(this.edgeFlow[e], flow))
      )
        return e;
    return -1;
  }

  /** A new edge out of `node` with its loss; -1 when the tree is full. */
  addEdge(node: number, flow: number, binding: boolean, rule: number, loss: number): number {
    if (this.edges >= this.maxEdges || (this.edges === this.edgeFlow.length && !this.growEdges())) return -1;
    const e = this.edges++;
    this.edgeFlow[e] = binding ? flow : 0;
    this.edgeBinding[e] = binding ? 1 : 0;
    this.edgeRule[e] = rule;
    this.edgeLoss[e] = loss;
    this.edgeFrom[e] = node;
    this.edgeTo[e] = -1;
    this.edgeNext[e] = this.nodeFirst[node];
    this.nodeFirst[node] = e;
    return e;
  }

  /** The node edge `e` leads to, made now; -1 when the tree is full. */
  addNode(e: number): number {
    if (this.nodes > this.maxEdges || (this.nodes === this.nodeFirst.length && !this.growNodes())) return -1;
    const n = this.nodes++;
    this.nodeFirst[n] = -1;
    this.nodeIn[n] = e;
    this.nodeDepth[n] = this.nodeDepth[this.edgeFrom[e]] + 1;
    this.edgeTo[e] = n;
    return n;
  }

  private growEdges(): boolean {
    const n = this.edgeFlow.length * 2;
    if (n > this.maxEdges) return false;
    this.edgeFlow = grow(this.edgeFlow, new Float64Array(n));
    this.edgeBinding = grow(this.edgeBinding, new Uint8Array(n));
    this.edgeRule = grow(this.edgeRule, new Int32Array(n));
    this.edgeLoss = grow(this.edgeLoss, new Float64Array(n));
    this.edgeFrom = grow(this.edgeFrom, new Int32Array(n));
    this.edgeTo = grow(this.edgeTo, new Int32Array(n));
    this.edgeNext = grow(this.edgeNext, new Int32Array(n));
    return true;
  }

  private growNodes(): boolean {
    const n = this.nodeFirst.length * 2;
    if (n > this.maxEdges + 1024) return false;
    this.nodeFirst = grow(this.nodeFirst, new Int32Array(n));
    this.nodeIn = grow(this.nodeIn, new Int32Array(n));
    this.nodeDepth = grow(this.nodeDepth, new Int32Array(n));
    return true;
  }
}

function grow<T extends Float64Array | Int32Array | Uint8Array>(old: T, into: T): T {
  into.set(old as never);
  return into;
}
