/**
 * Before a material is sent: phone photos (often 3–8 MB, 4000 px wide) are downscaled and
 * recompressed in the browser with browser-image-compression, then the size is checked against the
 * server's limit, so nothing too large is uploaded only to be refused.
 */
import imageCompression from 'browser-image-compression';
import { api } from '../api/client';
import { queryClient } from '../api/query-client';
import { materialTypeOf, uploadProblem } from './upload-size';

/** Long side in pixels after downscaling: an A4 page at about 200 dpi, every word of a certificate legible. */
const MAX_SIDE = 2400;
/** Images up to this size are sent as they are (a scan already small enough, a screenshot). */
const LEAVE_BELOW = 1024 * 1024;

export class UploadRefused extends Error {}

function uploadLimit(): Promise<number> {
  return queryClient
    .fetchQuery({
      queryKey: ['upload-limits'],
      queryFn: ({ signal }) => api.get<{ maxBytes: number }>('/uploads/limits', undefined, signal),
      staleTime: Infinity,
    })
    .then((l) => l.maxBytes);
}

/** The file to send (compressed when it is a large photo), or throws UploadRefused with the reason. */
export async function prepareUpload(file: File): Promise<File> {
  const maxBytes = await uploadLimit();
  const type = materialTypeOf(file);
  const early = uploadProblem(file, Number.MAX_SAFE_INTEGER);
  if (early) throw new UploadRefused(early);
  if (type === 'application/pdf' || file.size <= LEAVE_BELOW) {
    const problem = uploadProblem(file, maxBytes);
    if (problem) throw new UploadRefused(problem);
    return file;
  }
  let sent: File = file;
  try {
    const blob = await imageCompression(file, {
      maxSizeMB: Math.min(maxBytes * 0.9, 1.5 * 1024 * 1024) / 1024 / 1024,
      maxWidthOrHeight: MAX_SIDE,
      initialQuality: 0.85,
      // The worker would load the library from a CDN; the main thread needs nothing from outside.
      useWebWorker: false,
      fileType: type!,
    });
    if (blob.size < file.size)
      sent = new File([blob], file.name, { type: type!, lastModified: file.lastModified });
  } catch {
    // An image the browser cannot decode goes as it is; the size check and the server decide.
  }
  const problem = uploadProblem(sent, maxBytes, sent !== file);
  if (problem) throw new UploadRefused(problem);
  return sent;
}
