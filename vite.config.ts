import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

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
 * The installable app for work without a network (issue 19 item 2, docs/offline.md): a service worker
 * (Workbox through vite-plugin-pwa) that precaches the app shell and every hashed asset, answers client
 * routes with the cached index.html, and keeps the API answers the cadre needs offline network-first
 * (cache `jz-api`, emptied on sign-out by web/src/offline/store.ts). The worker and the manifest are
 * served `no-cache` (src/server/static-assets.ts: they are not under assets/).
 */
const pwa = () =>
  VitePWA({
    injectRegister: null, // web/src/offline/register.ts registers it
    registerType: 'autoUpdate',
    includeAssets: ['apple-touch-icon-180x180.png'],
    manifest: {
      name: '精准帮扶 · 村级工作',
      short_name: '精准帮扶',
      description: '帮扶户走访、户情况与照片，离线记录，联网后自动发送',
      lang: 'zh-CN',
      start_url: '/field',
      scope: '/',
      display: 'standalone',
      orientation: 'portrait',
      theme_color: '#c0292b',
      background_color: '#ffffff',
      icons: [
        { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png' },
        { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png' },
        { src: 'maskable-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'],
      maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
      navigateFallback: 'index.html',
      navigateFallbackDenylist: [/^\/api\//],
      cleanupOutdatedCaches: true,
      clientsClaim: true,
      skipWaiting: true,
      runtimeCaching: [
        {
          urlPattern: /\/api\/(auth\/me|code-lists|cadres\/me|households\/\d+)(\?.*)?$/,
          handler: 'NetworkFirst',
          method: 'GET',
          options: { cacheName: 'jz-api', cacheableResponse: { statuses: [200] } },
        },
      ],
    },
  });

/**
 * The web app (SPA) lives in web/; `vite build` writes web/dist, which the Fastify server serves
 * (falling back to index.html for client routes). In development `vite` proxies /api to the server.
 */
export default defineConfig({
  root: 'web',
  plugins: [react(), buildInfo(), precompress(), pwa()],
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
