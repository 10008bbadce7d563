import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const webRoot = fileURLToPath(new URL('./src/web', import.meta.url));
/**
 * Where `vite` (dev) and `vite preview` forward the API; override with API_PROXY_TARGET.
 * Only /api/v1 is proxied: the web app's own modules live in src/web/api/ and are served by
 * the dev server as /api/*.ts.
 */
const apiTarget = process.env.API_PROXY_TARGET ?? 'http://localhost:3000';

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    port: 5173,
    proxy: {
      '/api/v1': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api/v1': { target: apiTarget, changeOrigin: false },
    },
  },
});
