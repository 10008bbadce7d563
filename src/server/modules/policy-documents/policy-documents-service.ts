/** 政策文件 (四、（六） policy publicity): public to read, edited by the title offices. */
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { notFound } from '../../errors.js';
import type { PolicyDocument, PolicyDocumentBody } from '../../../contract/policy-documents.js';
import { appendAudit } from '../audit/audit-repository.js';
import { type Actor, auditActorOf } from '../auth/actor.js';
import { requireRole } from '../access/data-scope.js';
import { TITLE_OFFICE_ROLES } from '../catalogue/catalogue-service.js';
import * as repo from './policy-documents-repository.js';

type Row = repo.PolicyDocumentRow;
const summary = (r: Row) => ({
  id: r.id,
  title: r.title,
  documentNumber: r.documentNumber,
  issuer: r.issuer,
  publishedOn: r.publishedOn,
  updatedAt: r.updatedAt.toISOString(),
});

export async function listDocuments(ctx: AppContext) {
  return (await repo.listDocuments(ctx.db)).map(summary);
}

async function find(ctx: AppContext, id: number) {
  const row = await repo.findDocument(ctx.db, id);
  if (!row) throw notFound('政策文件');
  return row;
}

export async function getDocument(ctx: AppContext, id: number): Promise<PolicyDocument> {
  const r = await find(ctx, id);
  return { ...summary(r), body: r.body };
}

export async function createDocument(
  ctx: AppContext,
  actor: Actor,
  body: z.infer<typeof PolicyDocumentBody>,
) {
  const role = requireRole(actor, TITLE_OFFICE_ROLES, '只有职称办可以发布政策文件');
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const row = await repo.insertDocument(tx, { ...body, updatedAt: now });
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      {
        action: 'policy_document.created',
        targetType: 'policy_document',
        targetId: row.id,
        after: { ...row, body: undefined },
      },
      now,
    );
    return row.id;
  });
  return getDocument(ctx, id);
}

export async function updateDocument(
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: z.infer<typeof PolicyDocumentBody>,
) {
  const role = requireRole(actor, TITLE_OFFICE_ROLES, '只有职称办可以修改政策文件');
  const before = await find(ctx, id);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await repo.updateDocument(tx, id, { ...body, updatedAt: now });
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      { action: 'policy_document.updated', targetType: 'policy_document', targetId: id, before, after: body },
      now,
    );
  });
  return getDocument(ctx, id);
}
