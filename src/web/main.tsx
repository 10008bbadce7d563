import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { z } from 'zod';
import { zhCN as zodZhCN } from 'zod/locales';
import { Root } from './app';
import './styles/global.css';

dayjs.locale('zh-cn');
// Messages of contract schemas that carry none of their own are shown in Chinese too.
z.config(zodZhCN());

const container = document.getElementById('root');
if (!container) throw new Error('页面缺少 #root 容器');
createRoot(container).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
