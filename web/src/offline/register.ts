/// <reference types="vite-plugin-pwa/client" />
import { registerSW } from 'virtual:pwa-register';

let registered = false;

/**
 * Install the service worker (vite-plugin-pwa, vite.config.ts): the app shell and its hashed assets
 * precached, the API answers the cadre needs cached network-first, so the app opens without a network.
 * Only where it is wanted (docs/offline.md): when a field user (a village cadre) is signed in, or the
 * field page is opened — not for every visitor (the precache is about 2.7 MiB). A new version takes
 * over at once (the worker skips waiting); nothing to do for the user. Once per page load.
 */
export function registerServiceWorker(): void {
  if (registered || !('serviceWorker' in navigator)) return;
  registered = true;
  void registerSW({ immediate: true });
}

/** The roles that work in villages and get the installable offline app. */
export const isFieldRole = (role: string): boolean => role === 'village_cadre';
