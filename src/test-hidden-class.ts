import { setFlagsFromString } from 'node:v8';

// V8's own check of whether two objects share a hidden class ("map"): a natives call, which only
// code compiled after the flag is set may make.
setFlagsFromString('--allow-natives-syntax');
const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

/**
 * How many hidden classes these objects have among them. Objects the engine keeps by the
 * thousand (one per cluster) should share one or a few: one each costs about 1 KB apiece.
 */
export function hiddenClasses(objects: readonly object[]): number {
  const classes: object[] = [];
  for (const o of objects) if (!classes.some((c) => sameMap(c, o))) classes.push(o);
  return classes.length;
}
