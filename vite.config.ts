import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** Identifies one build: RELAIS_BUILD_ID when set (CI, e2e), else the git commit, else "local". */
function buildId(): string {
  if (process.env.RELAIS_BUILD_ID) return process.env.RELAIS_BUILD_ID;
  try {
    return execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return 'local';
  }
}

export default defineConfig({
  define: {
    __APP_VERSION__: JSON.stringify(pkg.version),
    __BUILD_ID__: JSON.stringify(buildId()),
  },
  plugins: [
    preact(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'Relais : accompagnement budgétaire',
        short_name: 'Relais',
        description:
          'Relais aide les bénévoles et conseillers à accompagner les ménages surendettés, même sans connexion.',
        lang: 'fr',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        id: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#0b5560',
        background_color: '#f7f5f0',
        categories: ['finance', 'productivity'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        // The whole shell, so any route loads offline. The manifest is added by the plugin itself.
        globPatterns: ['**/*.{js,css,html,svg,png,ttf,woff2}'],
      },
      devOptions: { enabled: false },
    }),
  ],
  // The manifest lets the shell benchmark follow the static imports of each chunk.
  build: { target: 'es2022', sourcemap: false, manifest: true },
  worker: { format: 'es' },
  // Two of pdf-lib's dependencies that the PDF renderer never calls, left out of the browser's
  // chunk (about 100 kB gzip): see src/documents/pdf/pdf-lib-stubs.ts and ADR 0026.
  resolve: {
    alias: [
      {
        find: /^@pdf-lib\/standard-fonts$/,
        replacement: fileURLToPath(new URL('./src/documents/pdf/pdf-lib-stubs.ts', import.meta.url)),
      },
      {
        find: /^@pdf-lib\/upng$/,
        replacement: fileURLToPath(new URL('./src/documents/pdf/upng-stub.ts', import.meta.url)),
      },
    ],
  },
  optimizeDeps: { include: ['zod', 'comlink'] },
});
