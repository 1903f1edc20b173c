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

/**
 * The web app (SPA) lives in web/; `vite build` writes web/dist, which the Fastify server serves
 * (falling back to index.html for client routes). In development `vite` proxies /api to the server.
 */
export default defineConfig({
  root: 'web',
  plugins: [react(), buildInfo()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd is one large library (≈ 1 MB minified before gzip); it is cached separately from the app.
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
            { name: 'antd', test: /[\\/]node_modules[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
