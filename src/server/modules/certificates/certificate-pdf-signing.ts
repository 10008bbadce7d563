/**
 * The PDF digital signature of an e-certificate (the agency's electronic seal). Placeholder until
 * the per-agency signing identity is wired: returns the PDF as rendered.
 */
import type { AppContext } from '../../context.js';

export async function signCertificatePdf(
  _ctx: AppContext,
  _agencyCode: string,
  _agencyName: string,
  pdf: Uint8Array,
): Promise<Uint8Array> {
  return pdf;
}
