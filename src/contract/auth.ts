import { z } from 'zod';
import { OrgKind, Password, RoleCode } from './common.js';

export const LoginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名或身份证号'),
  password: z.string().min(1, '请输入密码'),
});
export const RoleAssignment = z.object({
  id: z.number(),
  role: RoleCode,
  organisation: z.object({ id: z.number(), name: z.string(), kind: OrgKind }).nullable(),
});
export type RoleAssignment = z.infer<typeof RoleAssignment>;
export const Me = z.object({
  accountId: z.number(),
  username: z.string(),
  mustChangePassword: z.boolean(),
  person: z.object({
    id: z.number(),
    name: z.string(),
    idNumberMasked: z.string(),
    mobile: z.string().nullable(),
  }),
  roles: z.array(RoleAssignment),
  csrfToken: z.string().meta({ description: 'send as X-CSRF-Token on every cookie-authenticated write' }),
});
export type Me = z.infer<typeof Me>;
export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1, '请输入当前密码'),
  newPassword: Password,
});
