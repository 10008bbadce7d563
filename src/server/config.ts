/** Environment configuration, validated once at start. A bad value stops the start with a clear message. */
import { z } from 'zod';

const ConfigSchema = z.object({
  PORT: z.coerce
    .number({ error: 'PORT 必须是 1-65535 的端口号' })
    .int()
    .min(1, 'PORT 必须是 1-65535 的端口号')
    .max(65535, 'PORT 必须是 1-65535 的端口号')
    .default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1, 'DATA_DIR 不能为空').default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL 必须以 postgres:// 或 postgresql:// 开头')
    .optional(),
  ADMIN_PASSWORD: z.string().min(8, 'ADMIN_PASSWORD 至少8位').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce
    .number({ error: 'SESSION_TTL_HOURS 必须是整数' })
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  LOGIN_MAX_FAILURES: z.coerce
    .number({ error: 'LOGIN_MAX_FAILURES 必须是整数' })
    .int()
    .min(1)
    .max(100)
    .default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number({ error: 'LOGIN_LOCK_MINUTES 必须是整数' })
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  UPLOAD_MAX_BYTES: z.coerce
    .number({ error: 'UPLOAD_MAX_BYTES 必须是整数' })
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  /** Each uploaded material (scan or photo) at most this size (issue: 2 MB by default). */
  MATERIAL_MAX_BYTES: z.coerce
    .number({ error: 'MATERIAL_MAX_BYTES 必须是整数' })
    .int()
    .min(1024)
    .default(2 * 1024 * 1024),
  /** Where uploaded files are kept; default <DATA_DIR>/files. */
  FILES_DIR: z.string().min(1).optional(),
  /** Each agency's SM2 certificate-signing key: one file per agency here; default <DATA_DIR>/keys. */
  SIGNING_KEYS_DIR: z.string().min(1).optional(),
  /**
   * The audit log's SM2 key (64 hex): MACs every row and signs the chain's checkpoints. Without it, a
   * key is created at first use in <SIGNING_KEYS_DIR>/audit/ and must be backed up like the others.
   */
  AUDIT_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'AUDIT_KEY 应为 64 位十六进制 SM2 私钥')
    .optional(),
  /** How often each instance tries to seal pending audit rows into the chain (0 = never, for tools). */
  AUDIT_SEAL_INTERVAL_MS: z.coerce.number().int().min(0).default(200),
  /** A signed checkpoint of the chain at most this often while rows are being sealed. */
  AUDIT_CHECKPOINT_SECONDS: z.coerce.number().int().min(1).default(600),
  /** Instead of the directory: a JSON object agencyCode → SM2 private key (hex); nothing is written. */
  SIGNING_KEYS_JSON: z.string().min(2).optional(),
  /** The public address people reach the system at (QR codes on certificates link to <it>/verify). */
  PUBLIC_BASE_URL: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, 'PUBLIC_BASE_URL 应为 http(s):// 开头的网址')
    .optional(),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  COOKIE_SECURE: z.enum(['true', 'false', 'auto']).default('auto'),
  TZ_NAME: z.literal('Asia/Shanghai').default('Asia/Shanghai'),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const picked = Object.fromEntries(
    Object.keys(ConfigSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = ConfigSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置错误，系统未启动：\n${lines.join('\n')}`);
  }
  return parsed.data;
}
