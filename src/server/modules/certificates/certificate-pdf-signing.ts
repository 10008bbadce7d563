/**
 * The e-certificate's PDF digital signature by its agency (the electronic seal PDF readers show;
 * any change to the file breaks it). The QR payload is also written into the PDF's metadata
 * (Subject) so that `npm run certificate:verify -- FILE.pdf` can check both without reading the image.
 */
import { PDFDocument } from 'pdf-lib';
import type { AppContext } from '../../context.js';
import { signPdf } from '../../documents/pdf-signature.js';

export async function signCertificatePdf(
  ctx: AppContext,
  agencyCode: string,
  agencyName: string,
  pdf: Uint8Array,
  qrPayload: string,
): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  doc.setSubject(qrPayload);
  const withPayload = await doc.save({ useObjectStreams: false });
  const identity = await ctx.pdfIdentities.identity(agencyCode, agencyName);
  return signPdf(withPayload, identity, {
    name: agencyName,
    reason: '专业技术资格电子证书',
    location: agencyName,
    signingTime: ctx.clock.now(),
  });
}
