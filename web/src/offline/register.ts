/// <reference types="vite-plugin-pwa/client" />
import { registerSW } from 'virtual:pwa-register';

/**
 * Install the service worker (vite-plugin-pwa, vite.config.ts): the app shell and its hashed assets
 * precached, the API answers the cadre needs cached network-first, so the app opens without a network.
 * A new version takes over at once (the worker skips waiting); nothing to do for the user.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  void registerSW({ immediate: true });
}
