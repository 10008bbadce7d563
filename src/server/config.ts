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
  /**
   * Failed logins from one network address within LOGIN_ADDRESS_WINDOW_MINUTES before that address is
   * refused (issue 13 item 4). Only failures count: a school whose staff share one NAT address and sign
   * in at once is not stopped, a guesser trying many accounts from one address is.
   */
  LOGIN_ADDRESS_MAX_FAILURES: z.coerce
    .number({ error: 'LOGIN_ADDRESS_MAX_FAILURES 必须是整数' })
    .int()
    .min(1)
    .max(10_000)
    .default(50),
  LOGIN_ADDRESS_WINDOW_MINUTES: z.coerce
    .number({ error: 'LOGIN_ADDRESS_WINDOW_MINUTES 必须是整数' })
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
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
  /** Where uploaded files are kept: `local` (FILES_DIR) or `s3` (an S3-compatible object store). */
  STORAGE_DRIVER: z.enum(['local', 's3'], { error: 'STORAGE_DRIVER 只能是 local 或 s3' }).default('local'),
  /** Where uploaded files are kept with the local driver; default <DATA_DIR>/files. */
  FILES_DIR: z.string().min(1).optional(),
  /** The object store's address when it is not AWS (MinIO, Ceph, a domestic cloud's S3 interface). */
  S3_ENDPOINT: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, 'S3_ENDPOINT 应为 http(s):// 开头的对象存储地址')
    .optional(),
  S3_REGION: z.string().min(1).optional(),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'S3_BUCKET 应为 3-63 位小写字母、数字、点或连字符')
    .optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Bucket in the path instead of the host name (MinIO and most self-hosted stores want true). */
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'], { error: 'S3_FORCE_PATH_STYLE 只能是 true 或 false' })
    .default('false')
    .transform((v) => v === 'true'),
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
  /** The hash of the audit chain's new links (earlier links keep the one they were sealed with). */
  AUDIT_HASH: z.enum(['sm3', 'sha256'], { error: 'AUDIT_HASH 只能是 sm3 或 sha256' }).default('sm3'),
  /**
   * Keys for ID and mobile numbers at rest (SM4 + HMAC-SM3): "<id>:<64 hex>[,…]", the first current.
   * Without it, a key is created at first start in <SIGNING_KEYS_DIR>/personal-data/keys.json.
   */
  PERSONAL_DATA_KEYS: z.string().min(1).optional(),
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

/** The S3 settings are needed only with STORAGE_DRIVER=s3; a missing one is named at start. */
const CheckedConfigSchema = ConfigSchema.superRefine((c, ctx) => {
  for (const issue of missingS3Settings(c))
    ctx.addIssue({ code: 'custom', path: [issue.key], message: issue.message });
});

/** What STORAGE_DRIVER=s3 needs and is not set (empty for the local driver). */
export function missingS3Settings(c: {
  STORAGE_DRIVER?: string;
  S3_BUCKET?: string;
  S3_REGION?: string;
  S3_ACCESS_KEY_ID?: string;
  S3_SECRET_ACCESS_KEY?: string;
}): { key: string; message: string }[] {
  if (c.STORAGE_DRIVER !== 's3') return [];
  const needed: [keyof typeof c, string][] = [
    ['S3_BUCKET', 'STORAGE_DRIVER=s3 时须设置 S3_BUCKET（存放上传文件的存储桶名称）'],
    ['S3_REGION', 'STORAGE_DRIVER=s3 时须设置 S3_REGION（存储桶所在区域；MinIO 等自建存储可填 us-east-1）'],
    ['S3_ACCESS_KEY_ID', 'STORAGE_DRIVER=s3 时须设置 S3_ACCESS_KEY_ID（访问密钥 ID）'],
    ['S3_SECRET_ACCESS_KEY', 'STORAGE_DRIVER=s3 时须设置 S3_SECRET_ACCESS_KEY（访问密钥）'],
  ];
  return needed.filter(([k]) => !c[k]).map(([key, message]) => ({ key, message }));
}

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const picked = Object.fromEntries(
    Object.keys(ConfigSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = CheckedConfigSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置错误，系统未启动：\n${lines.join('\n')}`);
  }
  return parsed.data;
}
