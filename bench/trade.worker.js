// Worker entry: registers the TypeScript loader in this thread, then runs the TS worker.
import { register } from 'tsx/esm/api';

register();
await import('./trade.worker.ts');
