import { z } from 'zod';
import type { FieldLabels } from '../../validation';

export const loginRequestSchema = z.object({
  username: z.string({ error: '请填写用户名' }).trim().min(1, { error: '请填写用户名' }).max(64),
  password: z.string({ error: '请填写密码' }).min(1, { error: '请填写密码' }).max(128),
});

export const LOGIN_LABELS: FieldLabels = { username: '用户名', password: '密码' };
