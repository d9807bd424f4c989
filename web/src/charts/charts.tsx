// The dashboard's charts, one file each, imported from here. Hand-written SVG: marks carry data
// attributes (data-date, data-total, ...) so tests and users' scripts can read what is drawn.
export { TimeStackedBars, type StackPoint } from './time-stacked-bars.tsx';
export { HStackRows, type StackRow } from './hstack-rows.tsx';
export { LineChart, type Series } from './line-chart.tsx';
export { Gantt, type GanttRow } from './gantt.tsx';
export { HBars } from './hbars.tsx';
export { Sankey } from './sankey.tsx';
export { Heatmap } from './heatmap.tsx';
