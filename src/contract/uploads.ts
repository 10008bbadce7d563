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

/** What the browser checks before sending a material (the server enforces the same). */
export const UploadLimits = z.object({
  maxBytes: z.number().int().positive(),
  types: z.array(z.enum(allowedUploadTypes)),
});
export type UploadLimits = z.infer<typeof UploadLimits>;
