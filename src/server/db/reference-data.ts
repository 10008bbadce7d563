/**
 * Loads the notice's reference data from ./reference (data, not code): regions, the annex's agencies
 * with their scopes and batches, the series catalogue and the published policy documents.
 * Idempotent: each file is loaded once per content hash, and rows are only inserted when missing,
 * so a title office's later edits (a changed phone, a corrected batch) are never overwritten.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from './client.js';
import {
  agencies,
  agencyScopeRules,
  batches,
  calendarDays,
  organisations,
  policyDocuments,
  policyVersions,
  referenceDataLoads,
  regions,
  schedules,
  series,
  specialties,
} from './schema.js';
import { referenceDir } from '../paths.js';
import { appendAudit } from '../modules/audit/audit-repository.js';
import { SYSTEM_ACTOR } from '../modules/auth/actor.js';
import { EducationLevel, LevelCode } from '../../contract/common.js';
import { defaultPolicyParameters, withParameterDefaults } from '../../domain/eligibility/default-policy.js';

const RegionsFile = z.object({
  regions: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      level: z.enum(['province', 'city', 'county']),
      parent: z.string().nullable(),
    }),
  ),
});
const BatchDef = z.object({
  number: z.number().int(),
  name: z.string(),
  opensOn: z.string(),
  closesOn: z.string(),
  cutoffDate: z.string(),
});
const AgenciesFile = z.object({
  province: z.object({ key: z.string(), name: z.string(), regionCode: z.string() }),
  agencies: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      phone: z.string(),
      scopeDescription: z.string(),
      regionCode: z.string(),
      parent: z.string(),
      scope: z.array(z.object({ regionCode: z.string(), levels: z.array(LevelCode) })),
    }),
  ),
  /** MM-DD: 四、（七） the year's recognition is finished and reported by this day. */
  yearEndDeadline: z.string().regex(/^\d{2}-\d{2}$/),
  /** Each year of the annex is a schedule published by the notice itself. */
  batches: z.record(z.string(), z.array(BatchDef)),
});
const SeriesFile = z.array(
  z.object({
    code: z.string(),
    name: z.string(),
    minEducation: EducationLevel,
    examBased: z.boolean(),
    practiceLicence: z.string().nullable(),
    levels: z.object({
      junior: z.string().nullable(),
      assistant: z.string().nullable(),
      intermediate: z.string().nullable(),
    }),
    specialties: z.array(z.object({ code: z.string(), name: z.string() })),
    note: z.string().nullable().optional(),
  }),
);
const PolicyDocumentsFile = z.object({
  documents: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      documentNumber: z.string().nullable(),
      issuer: z.string().nullable(),
      publishedOn: z.string(),
      bodyFile: z.string(),
    }),
  ),
});

function readReference(name: string): { text: string; sha256: string } {
  const text = readFileSync(join(referenceDir, name), 'utf8');
  return { text, sha256: createHash('sha256').update(text).digest('hex') };
}

async function regionIdsByCode(tx: Tx): Promise<Map<string, number>> {
  const rows = await tx.select({ id: regions.id, code: regions.code }).from(regions);
  return new Map(rows.map((r) => [r.code, r.id]));
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`参考数据不一致：找不到 ${what}`);
  return value;
}

async function loadRegions(tx: Tx, text: string) {
  const file = RegionsFile.parse(JSON.parse(text));
  for (const [i, r] of file.regions.entries()) {
    const ids = await regionIdsByCode(tx);
    await tx
      .insert(regions)
      .values({
        code: r.code,
        name: r.name,
        level: r.level,
        parentId: r.parent ? need(ids.get(r.parent), `地区 ${r.parent}`) : null,
        sortOrder: i,
      })
      .onConflictDoNothing({ target: regions.code });
  }
  return file.regions.length;
}

/** Inserts an HR-body organisation under `parent` unless one with this reference key exists. */
async function ensureOrganisation(
  tx: Tx,
  key: string,
  name: string,
  regionId: number,
  parent: { id: number; path: string } | null,
) {
  const [existing] = await tx.select().from(organisations).where(eq(organisations.referenceKey, key));
  if (existing) return existing;
  const [created] = await tx
    .insert(organisations)
    .values({
      kind: 'hr_bureau',
      name,
      regionId,
      parentId: parent?.id ?? null,
      path: 'pending',
      referenceKey: key,
    })
    .returning();
  const path = `${parent?.path ?? '/'}${created!.id}/`;
  await tx.update(organisations).set({ path }).where(eq(organisations.id, created!.id));
  return { ...created!, path };
}

async function loadAgencies(tx: Tx, text: string) {
  const file = AgenciesFile.parse(JSON.parse(text));
  const ids = await regionIdsByCode(tx);
  const province = await ensureOrganisation(
    tx,
    file.province.key,
    file.province.name,
    need(ids.get(file.province.regionCode), `地区 ${file.province.regionCode}`),
    null,
  );
  const orgByKey = new Map<string, { id: number; path: string }>([['province', province]]);
  for (const [i, a] of file.agencies.entries()) {
    const parent = need(orgByKey.get(a.parent), `上级机构 ${a.parent}`);
    const org = await ensureOrganisation(
      tx,
      `agency:${a.code}`,
      a.name,
      need(ids.get(a.regionCode), `地区 ${a.regionCode}`),
      parent,
    );
    orgByKey.set(a.code, org);
    await tx
      .insert(agencies)
      .values({
        code: a.code,
        organisationId: org.id,
        phone: a.phone,
        scopeDescription: a.scopeDescription,
        sortOrder: i,
        yearEndDeadline: file.yearEndDeadline,
      })
      .onConflictDoNothing({ target: agencies.code });
    const [agency] = await tx.select().from(agencies).where(eq(agencies.code, a.code));
    for (const rule of a.scope) {
      await tx
        .insert(agencyScopeRules)
        .values({
          agencyId: agency!.id,
          regionId: need(ids.get(rule.regionCode), `地区 ${rule.regionCode}`),
          levels: rule.levels,
        })
        .onConflictDoNothing();
    }
    for (const [year, defs] of Object.entries(file.batches)) {
      for (const b of defs) {
        await tx
          .insert(batches)
          .values({ agencyId: agency!.id, year: Number(year), ...b, state: 'published' })
          .onConflictDoNothing();
      }
    }
  }
  for (const year of Object.keys(file.batches)) {
    await tx
      .insert(schedules)
      .values({ year: Number(year), status: 'published', publishedAt: new Date() })
      .onConflictDoNothing();
  }
  return file.agencies.length;
}

async function loadSeries(tx: Tx, text: string) {
  const file = SeriesFile.parse(JSON.parse(text));
  for (const [i, s] of file.entries()) {
    await tx
      .insert(series)
      .values({
        code: s.code,
        name: s.name,
        minEducation: s.minEducation,
        examBased: s.examBased,
        practiceLicence: s.practiceLicence,
        levelNames: s.levels,
        note: s.note ?? null,
        sortOrder: i,
      })
      .onConflictDoNothing({ target: series.code });
    const [row] = await tx.select({ id: series.id }).from(series).where(eq(series.code, s.code));
    for (const [j, sp] of s.specialties.entries()) {
      await tx
        .insert(specialties)
        .values({ seriesId: row!.id, code: sp.code, name: sp.name, sortOrder: j })
        .onConflictDoNothing();
    }
  }
  return file.length;
}

const PolicyDefaultFile = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  publishedAt: z.iso.datetime({ offset: true }),
  basisDocumentNumber: z.string().min(1).nullable(),
  /** The 全日制 switch and the document requiring it (off unless a source is named). */
  fullTimeRequired: z.boolean().default(false),
  fullTimeSource: z.string().min(1).nullable().default(null),
  note: z.string().nullable(),
});

/**
 * The default policy version (三、（八）: later versions prevail), described by policy-default.json and
 * built from the series catalogue as series.json ships it (loaded just before). Inserted only when no
 * version has its code, so a database seeded before this file existed keeps its row — which only gains
 * the basis 文号 it lacked, the one field whose absence would change what it shows.
 */
async function loadDefaultPolicy(tx: Tx, text: string) {
  const file = PolicyDefaultFile.parse(JSON.parse(text));
  const catalogue = SeriesFile.parse(JSON.parse(readReference('series.json').text));
  const [existing] = await tx.select().from(policyVersions).where(eq(policyVersions.code, file.code));
  if (!existing) {
    await tx.insert(policyVersions).values({
      code: file.code,
      name: file.name,
      status: 'published',
      effectiveFrom: file.effectiveFrom,
      parameters: defaultPolicyParameters(catalogue, file.basisDocumentNumber, {
        required: file.fullTimeRequired && file.fullTimeSource !== null,
        source: file.fullTimeSource,
      }),
      isDefault: true,
      note: file.note,
      publishedAt: new Date(file.publishedAt),
    });
  } else if (existing.isDefault && !Object.hasOwn(existing.parameters as object, 'basisDocumentNumber')) {
    // The other added fields read as their defaults (withParameterDefaults), which is what applied.
    await tx
      .update(policyVersions)
      .set({
        parameters: {
          ...withParameterDefaults(existing.parameters),
          basisDocumentNumber: file.basisDocumentNumber,
        },
      })
      .where(eq(policyVersions.id, existing.id));
  }
  return 1;
}

async function loadPolicyDocuments(tx: Tx, text: string) {
  const file = PolicyDocumentsFile.parse(JSON.parse(text));
  for (const d of file.documents) {
    const body = readFileSync(join(referenceDir, d.bodyFile), 'utf8');
    await tx
      .insert(policyDocuments)
      .values({
        title: d.title,
        documentNumber: d.documentNumber,
        issuer: d.issuer,
        publishedOn: d.publishedOn,
        body,
        referenceKey: d.key,
      })
      .onConflictDoNothing({ target: policyDocuments.referenceKey });
  }
  return file.documents.length;
}

const CalendarFile = z.object({
  days: z.array(
    z.object({
      day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      kind: z.enum(['holiday', 'workday']),
      name: z.string(),
    }),
  ),
});

/** The holiday calendar for publicity periods (公示): a published schedule, so rows are upserted. */
async function loadCalendar(tx: Tx, text: string) {
  const file = CalendarFile.parse(JSON.parse(text));
  for (const d of file.days) {
    await tx
      .insert(calendarDays)
      .values(d)
      .onConflictDoUpdate({ target: calendarDays.day, set: { kind: d.kind, name: d.name } });
  }
  return file.days.length;
}

const LOADERS: [string, (tx: Tx, text: string) => Promise<number>][] = [
  ['regions.json', loadRegions],
  ['agencies.json', loadAgencies],
  ['series.json', loadSeries],
  ['policy-default.json', loadDefaultPolicy],
  ['policy-documents.json', loadPolicyDocuments],
  ['calendar.json', loadCalendar],
];

/** Returns the names of the files loaded now (empty when everything was already loaded). */
export async function loadReferenceData(db: Db, now: Date): Promise<string[]> {
  const loaded: string[] = [];
  for (const [name, load] of LOADERS) {
    const { text, sha256 } = readReference(name);
    await db.transaction(async (tx) => {
      const [prior] = await tx.select().from(referenceDataLoads).where(eq(referenceDataLoads.name, name));
      if (prior?.sha256 === sha256) return;
      const count = await load(tx, text);
      await tx
        .insert(referenceDataLoads)
        .values({ name, sha256, loadedAt: now })
        .onConflictDoUpdate({ target: referenceDataLoads.name, set: { sha256, loadedAt: now } });
      await appendAudit(
        tx,
        SYSTEM_ACTOR,
        { action: 'reference.loaded', targetType: 'reference', targetId: name, after: { sha256, count } },
        now,
      );
      loaded.push(name);
    });
  }
  return loaded;
}
