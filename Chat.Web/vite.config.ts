import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

// The agents' dashboard, served by Chat.Api under /app. Everything but index.html lands in /app/assets with a content
// hash in its name, which Chat.Api lets browsers keep for a year.
export default defineConfig({
  root: fileURLToPath(new URL('./src/dashboard', import.meta.url)),
  base: '/app/',
  plugins: [vue()],
  build: {
    outDir: fileURLToPath(new URL('../Chat.Api/wwwroot/app', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
    reportCompressedSize: false,
  },
  logLevel: 'warn',
});
