import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { Root } from './app';
import './styles/global.css';

dayjs.locale('zh-cn');
// zod's Chinese messages are set up by ./zod-config, loaded with each page that may validate (router.tsx),
// so that the public home does not download zod.

const container = document.getElementById('root');
if (!container) throw new Error('页面缺少 #root 容器');
createRoot(container).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
