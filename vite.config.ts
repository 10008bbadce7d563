import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';

const webRoot = fileURLToPath(new URL('./src/web', import.meta.url));
/**
 * Where `vite` (dev) and `vite preview` forward the API; override with API_PROXY_TARGET.
 * Only /api/v1 is proxied: the web app's own modules live in src/web/api/ and are served by
 * the dev server as /api/*.ts.
 */
const apiTarget = process.env.API_PROXY_TARGET ?? 'http://localhost:3000';

/**
 * Writes a .br (Brotli, quality 11) and a .gz (gzip -9) beside every text file of the build of at least 1 KB,
 * once at build time: the server sends them as they are (@fastify/static `preCompressed`) instead of
 * compressing the same files on every request, and smaller than a per-request compression level could.
 */
function precompress(): Plugin {
  const brotli = promisify(brotliCompress);
  const gz = promisify(gzip);
  return {
    name: 'zc-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const outDir = options.dir;
      if (!outDir) throw new Error('zc-precompress: the build has no output directory');
      const files = [...Object.keys(bundle), 'index.html'].filter((f) => /\.(js|css|html|svg|json)$/.test(f));
      await Promise.all(
        [...new Set(files)].map(async (file) => {
          const path = join(outDir, file);
          const body = await readFile(path).catch(() => null);
          if (!body || body.length < 1024) return;
          const [br, gzipped] = await Promise.all([
            brotli(body, {
              params: {
                [zlibConstants.BROTLI_PARAM_QUALITY]: 11,
                [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length,
              },
            }),
            gz(body, { level: 9 }),
          ]);
          await Promise.all([writeFile(path + '.br', br), writeFile(path + '.gz', gzipped)]);
        }),
      );
    },
  };
}

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // The libraries the app's entry needs before any page (React, the router, antd's core, the
            // layout's components) in one file instead of a dozen: fewer requests on a phone's first load.
            { name: 'framework', tags: ['$initial'], test: /[\\/]node_modules[\\/]/, priority: 2 },
          ],
        },
      },
    },
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
