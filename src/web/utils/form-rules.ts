/** antd Form rules built from the shared zod schemas, so the browser says what the server would. */
import type { FormInstance, FormRule as Rule } from 'antd';
import type { z } from 'zod';
import { validateIdNumber } from '../../domain/id-number';
import { ApiError } from '../api/client';
import type { PersonInput } from '../api/types';

export function required(label: string, verb: '请输入' | '请选择' | '请填写' = '请输入'): Rule {
  return { required: true, message: `${verb}${label}` };
}

/** Validate a non-empty value against a zod schema; the first issue's message is shown. */
export function zodRule(schema: z.ZodType, fallback = '格式不正确'): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      const result = schema.safeParse(value);
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? fallback);
    },
  };
}

/** 居民身份证号码 (GB 11643 checksum); a trailing lower-case x is accepted (stored as X). */
export const idNumberRule: Rule = {
  validator: async (_rule, value: unknown) => {
    if (typeof value !== 'string' || value.trim() === '') return;
    const result = validateIdNumber(value);
    if (!result.ok) throw new Error(result.reason);
  },
};

/** Upper-case the trailing x of an ID number as the user types (notice 四、（三）). */
export function normaliseIdInput(e: { target: { value: string } }): string {
  return e.target.value.replace(/\s/g, '').replace(/x$/, 'X');
}

interface FieldIssue {
  path: (string | number)[];
  message: string;
}

/** Pulls field-level issues out of a 400/422 error body, whatever shape `details` has. */
export function fieldIssues(error: unknown): FieldIssue[] {
  if (!(error instanceof ApiError)) return [];
  const d = error.details as unknown;
  const list: unknown[] = Array.isArray(d)
    ? d
    : d && typeof d === 'object'
      ? ((d as { issues?: unknown[]; fields?: unknown[]; errors?: unknown[] }).issues ??
        (d as { fields?: unknown[] }).fields ??
        (d as { errors?: unknown[] }).errors ??
        [])
      : [];
  const out: FieldIssue[] = [];
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const rec = item as { path?: unknown; field?: unknown; message?: unknown; instancePath?: unknown };
    if (typeof rec.message !== 'string') continue;
    let path: (string | number)[] | null = null;
    if (Array.isArray(rec.path))
      path = rec.path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number');
    else if (typeof rec.path === 'string') path = rec.path.split('.').filter(Boolean);
    else if (typeof rec.field === 'string') path = rec.field.split('.').filter(Boolean);
    else if (typeof rec.instancePath === 'string') path = rec.instancePath.split('/').filter(Boolean);
    if (path && path.length > 0) out.push({ path, message: rec.message });
  }
  return out;
}

/**
 * Shows a server validation error next to the fields it names. Returns true when at least one
 * field of the form was marked (the caller may then skip a general message).
 */
export function applyServerErrors(
  form: FormInstance,
  error: unknown,
  fieldPrefix: (string | number)[] = [],
): boolean {
  const issues = fieldIssues(error);
  if (issues.length === 0) return false;
  const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const fields = issues
    .map((i) => {
      const name = [...fieldPrefix, ...i.path];
      return { name, errors: [i.message] };
    })
    .filter((f) => registered.has(JSON.stringify(f.name)));
  if (fields.length === 0) return false;
  form.setFields(fields);
  return true;
}

/** A person's fields as sent to the server: trimmed, the trailing x of the ID number upper-cased. */
export function trimPerson(p: PersonInput): PersonInput {
  return {
    name: p.name.trim(),
    idNumber: p.idNumber.trim().replace(/x$/, 'X'),
    mobile: p.mobile.trim(),
  };
}
