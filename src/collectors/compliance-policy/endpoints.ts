import { MEDIA_TYPES, segment, v2Endpoint } from '../../atlas/endpoints.js';

/** getGroupBackupCompliancePolicy at 2023-10-01 (its 2023-01-01 version is sunset 2027-07-01). */
export const compliancePolicyEndpoint = (groupId: string) =>
  v2Endpoint(
    'compliance_policy',
    MEDIA_TYPES.v20231001,
    `/groups/${segment(groupId)}/backupCompliancePolicy`,
  );
