/** A snapshot of any cluster API in one shape, with the contract's label values. */
export interface Snapshot {
  id: string | undefined;
  status: string;
  snapshotType: string;
  frequency: string;
  /** snapshot time (Unix seconds), see the contract's "snapshot time" */
  time: number | undefined;
  expiresAt: number | undefined;
  storageBytes: number | undefined;
  mongodbVersion: string | undefined;
  /** dedicated replica-set lists only: how many regions Atlas copies it to (`copyRegions`) */
  copyRegions?: number;
}
