// Worker-thread entry: worker threads do not inherit tsx's loader, so register it, then load the TS worker.
import { register } from 'tsx/esm/api';
register();
await import('./worker.ts');
