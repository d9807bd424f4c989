// A flow diagram: nodes in stages, links as ribbons as wide as their value.
import { chartText, ChartFrame, type ChartText } from './frame.tsx';
import { CHART_WIDTH as W, colorOf, pct, toCsv } from './util.ts';

/** A flow diagram: nodes in stages (columns), links as SVG ribbons, widths proportional to value. */
export function Sankey(
  p: ChartText & {
    nodes: { id: string; label: string; stage: number }[];
    links: { source: string; target: string; value: number }[];
    stageTitles: string[];
  },
) {
  const H = 420;
  const m = { l: 10, r: 10, t: 34, b: 10 };
  const stages = Math.max(...p.nodes.map((n) => n.stage)) + 1;
  const colW = 14;
  const gap = 8;
  const sx = (s: number) => 200 + (s * (W - 200 - 120 - colW)) / Math.max(stages - 1, 1);
  const maxLabel = (s: number) => (s === 0 ? 30 : s === stages - 1 ? 18 : 22);
  const inV = new Map<string, number>();
  const outV = new Map<string, number>();
  for (const l of p.links) {
    outV.set(l.source, (outV.get(l.source) ?? 0) + l.value);
    inV.set(l.target, (inV.get(l.target) ?? 0) + l.value);
  }
  const val = (id: string) => Math.max(inV.get(id) ?? 0, outV.get(id) ?? 0);
  const pos = new Map<string, { x: number; y: number; h: number; inY: number; outY: number }>();
  let scale = Infinity;
  for (let s = 0; s < stages; s++) {
    const ns = p.nodes.filter((n) => n.stage === s);
    const tot = ns.reduce((a, n) => a + val(n.id), 0);
    if (tot > 0) scale = Math.min(scale, (H - m.t - m.b - gap * (ns.length - 1)) / tot);
  }
  if (!Number.isFinite(scale)) scale = 1;
  for (let s = 0; s < stages; s++) {
    let y = m.t;
    for (const n of p.nodes.filter((nn) => nn.stage === s)) {
      const h = Math.max(1, val(n.id) * scale);
      pos.set(n.id, { x: sx(s), y, h, inY: y, outY: y });
      y += h + gap;
    }
  }
  const csv = () =>
    toCsv(
      ['source', 'target', 'value'],
      p.links.map((l) => [l.source, l.target, l.value]),
    );
  const total0 = p.nodes.filter((n) => n.stage === 0).reduce((a, n) => a + val(n.id), 0);
  return (
    <ChartFrame
      {...chartText(p)}
      width={W}
      height={H}
      csv={csv}
      data={{ nodes: p.nodes.length, links: p.links.length }}
    >
      {p.stageTitles.map((t, s) => (
        <text key={t} x={sx(s) + colW / 2} y={16} textAnchor="middle" className="title">
          {t}
        </text>
      ))}
      {p.links.map((l, i) => {
        const a = pos.get(l.source);
        const b = pos.get(l.target);
        if (!a || !b) return null;
        const h = Math.max(0.5, l.value * scale);
        const y0 = a.outY + h / 2;
        const y1 = b.inY + h / 2;
        a.outY += h;
        b.inY += h;
        const x0 = a.x + colW;
        const x1 = b.x;
        const c = (x0 + x1) / 2;
        const src = p.nodes.find((n) => n.id === l.source)!;
        return (
          <path
            key={i}
            className="link"
            data-source={l.source}
            data-target={l.target}
            data-value={l.value}
            d={`M${x0},${y0}C${c},${y0} ${c},${y1} ${x1},${y1}`}
            fill="none"
            stroke={colorOf(src.stage <= 1 ? src.label : l.source)}
            strokeOpacity={0.35}
            strokeWidth={h}
          >
            <title>{`${src.label} -> ${p.nodes.find((n) => n.id === l.target)?.label}: ${total0 > 0 ? pct((100 * l.value) / total0) : ''} of the flow`}</title>
          </path>
        );
      })}
      {p.nodes.map((n) => {
        const q = pos.get(n.id)!;
        return (
          <g key={n.id} className="node" data-node={n.id} data-value={val(n.id)}>
            <rect x={q.x} y={q.y} width={colW} height={q.h} fill="#2d3748" />
            <text
              x={n.stage === 0 ? q.x - 5 : q.x + colW + 4}
              y={q.y + Math.min(q.h / 2, 40) + 3}
              textAnchor={n.stage === 0 ? 'end' : 'start'}
              className="label"
              stroke="#fff"
              strokeWidth={3}
              paintOrder="stroke"
              strokeLinejoin="round"
            >
              {n.label.length > maxLabel(n.stage) ? n.label.slice(0, maxLabel(n.stage) - 1) + '…' : n.label}
              <title>{n.label}</title>
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
}
