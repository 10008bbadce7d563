/**
 * Messages of contract schemas that carry none of their own are shown in Chinese too. Loaded before every
 * page that may validate with the contract's schemas (router.tsx), not in main.tsx: the public home
 * validates nothing and so does not download zod.
 */
import { z } from 'zod';
import { zhCN as zodZhCN } from 'zod/locales';

z.config(zodZhCN());
