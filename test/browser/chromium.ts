// Debian's chromium as the browser tests and the web benchmark launch it (no browser download).
// Without the background-networking flags chromium keeps trying hosts this machine cannot reach.
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
