// Vintage views by origin, loaded once each (loading is I/O: the caller supplies the loader).
import type { Scenario } from '../model/index.ts';
import type { ViewOn } from './forecast.ts';

/** A ViewOn that loads the scenario as known on each date once. */
export function cachedViews(load: (asKnownOn: string) => Scenario): ViewOn {
  const cache = new Map<string, Scenario>();
  return (d) => {
    let s = cache.get(d);
    if (!s) {
      s = load(d);
      cache.set(d, s);
    }
    return s;
  };
}
