import { z } from 'zod';
import { DateString } from './common.js';

export const PolicyDocumentSummary = z.object({
  id: z.number(),
  title: z.string(),
  documentNumber: z.string().nullable(),
  issuer: z.string().nullable(),
  publishedOn: DateString,
  updatedAt: z.string(),
});
export const PolicyDocument = PolicyDocumentSummary.extend({
  body: z.string().meta({ description: 'plain text; paragraphs separated by blank lines' }),
});
export type PolicyDocument = z.infer<typeof PolicyDocument>;
export const PolicyDocumentBody = z.object({
  title: z.string().trim().min(2, '标题至少2个字').max(200),
  documentNumber: z.string().trim().max(100).nullable(),
  issuer: z.string().trim().max(100).nullable(),
  publishedOn: DateString,
  body: z.string().min(1, '正文不能为空').max(200_000),
});
