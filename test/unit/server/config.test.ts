import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/server/config.js';

describe('configuration', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, DATA_DIR: './data', LOGIN_MAX_FAILURES: 5 });
    expect(c.DATABASE_URL).toBeUndefined();
  });
  it('refuses bad values with a message naming each variable', () => {
    expect(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    let message = '';
    try {
      loadConfig({ PORT: '70000', DATABASE_URL: 'mysql://x', ADMIN_PASSWORD: 'short' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('配置错误');
    expect(message).toContain('PORT 必须是 1-65535 的端口号');
    expect(message).toContain('DATABASE_URL 必须以 postgres://');
    expect(message).toContain('ADMIN_PASSWORD 至少8位');
  });
  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000);
  });
});

describe('configuration messages', () => {
  it('says in Chinese what a non-numeric value should be', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow('PORT 必须是 1-65535 的端口号');
    expect(() => loadConfig({ SESSION_TTL_HOURS: 'x' })).toThrow('SESSION_TTL_HOURS 必须是整数');
  });
});
