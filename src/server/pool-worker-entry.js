// Worker-thread entry from source: worker threads do not inherit tsx's loader, so register it,
// then load the TypeScript worker (the compiled build loads pool-worker.js directly).
import { register } from 'tsx/esm/api';
register();
await import('./pool-worker.ts');
