import { MEDIA_TYPES, segment, v2Endpoint } from '../../atlas/endpoints.js';

/** listOrgInvoicePending at 2023-01-01, its only version: the invoices accruing charges, line items embedded. */
export const pendingInvoicesEndpoint = (orgId: string) =>
  v2Endpoint('invoices', MEDIA_TYPES.v20230101, `/orgs/${segment(orgId)}/invoices/pending`);
