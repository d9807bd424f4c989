// Timings the browser tests read (and anyone can in the console): window.__leverage.
interface Timings {
  overviewDrawn?: number;
  editStart?: number;
  editDrawn?: number;
  editVersion: number;
  drawnVersion: number;
}
declare global {
  interface Window {
    __leverage: Timings;
  }
}
window.__leverage = window.__leverage ?? { editVersion: 0, drawnVersion: 0 };
export const timings = window.__leverage;

export function markOverviewDrawn() {
  if (timings.overviewDrawn === undefined) {
    timings.overviewDrawn = performance.now();
    performance.mark('leverage:overview-drawn');
  }
}

export function markEditStart(): number {
  timings.editStart = performance.now();
  timings.editVersion++;
  return timings.editVersion;
}

export function markEditDrawn(version: number) {
  if (version === timings.editVersion && timings.drawnVersion !== version) {
    timings.drawnVersion = version;
    timings.editDrawn = performance.now();
  }
}
