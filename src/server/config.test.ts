import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

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
    expect(message).toContain('PORT');
    expect(message).toContain('DATABASE_URL 必须以 postgres://');
    expect(message).toContain('ADMIN_PASSWORD 至少8位');
  });
  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000);
  });
});
