/** Samples of one subject: the values of the family's labels, and the sample's value. */
export type Samples = Iterable<readonly [labelValues: readonly string[], value: number]>;

/** A family of the backup data: one sample per subject (`value`) or several (`samples`). */
export type Family<S> = {
  readonly name: string;
  readonly help: string;
  /** labels after the subject's own (a cluster's group_id, cluster_name, cluster_kind) */
  readonly labels: readonly string[];
  /** written only while its collector's `--collector.<optIn>` is on (kube-state-metrics' OptIn) */
  readonly optIn?: string;
  /**
   * What the samples are made of besides the subject's labels: while it is the same (`===`), so
   * are the samples, and a page copies them from the last one. None: the subject itself.
   */
  readonly key?: (s: S) => unknown;
} & ({ readonly value: (s: S) => number | undefined } | { readonly samples: (s: S) => Samples });

/** The name of a backup family: `mongodbatlas_backup_<suffix>`. */
export const backupName = (suffix: string) => `mongodbatlas_backup_${suffix}`;
