/** The families an exporter reports about itself: they differ between shards by design. */
const OWN = /^(mongodbatlas_exporter_|process_|nodejs_)/;

/** The sample lines (name, labels and value) of a /metrics body, without comments and own families. */
export function backupSeries(body: string): string[] {
  return body.split('\n').filter((line) => line !== '' && !line.startsWith('#') && !OWN.test(line));
}

export interface SeriesComparison {
  wholeSeries: number;
  partSeries: number[];
  /** series found in more than one part */
  inTwoParts: number;
  /** in the whole, in no part */
  missing: number;
  /** in a part, not in the whole */
  extra: number;
  /** a few of the differences, for the JSON */
  firstDifferences: string[];
}

/** Whether the parts (the shards' series) are the whole (the unsharded exporter's), each series once. */
export function compareSeries(
  whole: readonly string[],
  parts: readonly (readonly string[])[],
): SeriesComparison {
  const wholeSet = new Set(whole);
  const union = new Set<string>();
  let inTwoParts = 0;
  const differences: string[] = [];
  for (const part of parts) {
    for (const line of part) {
      if (union.has(line)) {
        inTwoParts++;
        if (differences.length < 5) differences.push(`in two shards: ${line}`);
      }
      union.add(line);
    }
  }
  let extra = 0;
  for (const line of union) {
    if (wholeSet.has(line)) continue;
    extra++;
    if (differences.length < 10) differences.push(`only sharded: ${line}`);
  }
  let missing = 0;
  for (const line of wholeSet) {
    if (union.has(line)) continue;
    missing++;
    if (differences.length < 15) differences.push(`only unsharded: ${line}`);
  }
  return {
    wholeSeries: whole.length,
    partSeries: parts.map((p) => p.length),
    inTwoParts,
    missing,
    extra,
    firstDifferences: differences,
  };
}
