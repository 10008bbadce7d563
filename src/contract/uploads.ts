import { z } from 'zod';

export const allowedUploadTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const Upload = z.object({
  id: z.number(),
  sha256: z.string(),
  size: z.number(),
  mimeType: z.enum(allowedUploadTypes),
  fileName: z.string(),
  createdAt: z.string(),
});
export type Upload = z.infer<typeof Upload>;
