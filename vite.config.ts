import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * web/dist/build.json: how the bundle was built. `scripts/ensure-web.mjs` rebuilds a bundle that is
 * not a production one (a build that inherited NODE_ENV=test bundles React's development build).
 */
const buildInfo = (): Plugin => ({
  name: 'jingzhun-build-info',
  apply: 'build',
  generateBundle() {
    const nodeEnv = process.env.NODE_ENV ?? 'production';
    this.emitFile({ type: 'asset', fileName: 'build.json', source: JSON.stringify({ nodeEnv }) });
  },
});

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Precompressed siblings (x.js.br, x.js.gz) of every text file of the build above 1 KiB, made once
 * here at the highest levels so that the server (src/server/static-assets.ts, @fastify/static
 * `preCompressed`) sends them without compressing per request.
 */
const precompress = (): Plugin => ({
  name: 'jingzhun-precompress',
  apply: 'build',
  async writeBundle(options, bundle) {
    const dir = options.dir ?? 'web/dist';
    const files = Object.keys(bundle).filter((f) => /\.(js|css|html|svg|json)$/.test(f));
    await Promise.all(
      files.map(async (f) => {
        const file = path.join(dir, f);
        const raw = await fs.readFile(file);
        if (raw.length < 1024) return;
        const br = await brotli(raw, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          },
        });
        await fs.writeFile(`${file}.br`, br);
        await fs.writeFile(`${file}.gz`, await gzip(raw, { level: 9 }));
      }),
    );
  },
});

/**
 * The web app (SPA) lives in web/; `vite build` writes web/dist, which the Fastify server serves
 * (falling back to index.html for client routes). In development `vite` proxies /api to the server.
 */
export default defineConfig({
  root: 'web',
  plugins: [react(), buildInfo(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // echarts (≈ 0.6 MB minified) is one chunk, loaded only by the chart pages.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // Vite 8 (Rolldown): groups with priorities, else react-dom lands in the antd chunk.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack|i18next|react-i18next)[\\/]/,
              priority: 30,
            },
            {
              name: 'echarts',
              test: /[\\/]node_modules[\\/](echarts|zrender|echarts-for-react|size-sensor|fast-deep-equal)[\\/]/,
              priority: 20,
            },
            // Ant Design is split by use (a page's components load with it) so that the portal and the
            // phone pages load little. JZ_WEB_SPLIT=before rebuilds the former single vendor chunk —
            // only for bench/first-load.ts's yardstick (docs/operations.md, "First load on a slow link").
            ...(process.env.JZ_WEB_SPLIT === 'before'
              ? [{ name: 'antd', test: /[\\/]node_modules[\\/]/, priority: 10 }]
              : []),
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
