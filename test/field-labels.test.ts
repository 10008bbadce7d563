/**
 * Issue 11 item 9: every field a client can send is named in Chinese in validation errors. This walks
 * the body, query and path schemas of every API route (Fastify's onRoute hook) and asks the label of
 * each field path: a new field without a Chinese name fails here, naming the field to add to
 * src/contract/field-labels.ts (or to give a `.meta({ title })` in its schema).
 */
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ZodType } from 'zod';
import { describe, expect, it } from 'vitest';
import { registerRoutes } from '../src/server/routes.js';
import { fieldLabel, schemaPaths } from '../src/contract/field-labels.js';

describe('Chinese field names', () => {
  it('every input field of every route has one', async () => {
    const bare = Fastify();
    bare.setValidatorCompiler(validatorCompiler);
    bare.setSerializerCompiler(serializerCompiler);
    bare.decorate('ctx', {} as never);
    const missing = new Set<string>();
    bare.addHook('onRoute', (r) => {
      const schema = (r.schema ?? {}) as Record<string, ZodType | undefined>;
      for (const part of ['body', 'querystring', 'params'] as const) {
        const s = schema[part];
        if (!s) continue;
        for (const path of schemaPaths(s)) {
          const label = fieldLabel(s, path);
          if (!label || !/^[^A-Za-z]*$/.test(label))
            missing.add(`${path.join('.')} (${r.method} ${r.url} ${part})`);
        }
      }
    });
    await bare.register(registerRoutes, { prefix: '/api/v1' });
    await bare.ready();
    await bare.close();
    expect([...missing]).toEqual([]);
  });

  it('composes nested paths: list items by position', async () => {
    const { z } = await import('zod');
    const s = z.object({ reasons: z.array(z.object({ message: z.string() })) });
    expect(fieldLabel(s, ['reasons', 0, 'message'])).toBe('原因第 1 项的说明');
    const titled = z.object({ foo: z.string().meta({ title: '自定义名称' }) });
    expect(fieldLabel(titled, ['foo'])).toBe('自定义名称');
  });
});
