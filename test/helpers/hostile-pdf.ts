/** PDFs that do more than show pages, for the hostile-file tests (issue 13 item 3). */
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';

/** PDFs that do more than show pages, built with pdf-lib (objects packed in compressed streams). */
export async function hostilePdf(kind: 'openAction' | 'pageAA' | 'embedded' | 'nameTreeJs'): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([200, 200]);
  const js = () => doc.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert(1)') });
  if (kind === 'openAction') doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(js()));
  if (kind === 'pageAA') page.node.set(PDFName.of('AA'), doc.context.obj({ O: js() }));
  if (kind === 'embedded')
    await doc.attach(Buffer.from('MZ not really'), 'setup.exe', { mimeType: 'application/x-msdownload' });
  if (kind === 'nameTreeJs')
    doc.catalog.set(
      PDFName.of('Names'),
      doc.context.obj({
        JavaScript: doc.context.obj({ Names: [PDFString.of('x'), doc.context.register(js())] }),
      }),
    );
  return Buffer.from(await doc.save({ useObjectStreams: true }));
}
