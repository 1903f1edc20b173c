import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import { SetBody, SettingKeyParams, SettingsView, ViewQuery } from './schema.js';
import type { SettingsService } from './service.js';

const tags = ['settings'];

/** Regional settings: inspection limits, grievance deadlines, warning weights (docs/settings.md). */
export function settingsRoutes(app: ZodApp, settings: SettingsService) {
  app.get('/api/settings', {
    schema: {
      tags,
      summary:
        'Regional settings effective in a region (default: your scope’s county or above): national, inherited and local value of each, and who set it',
      querystring: ViewQuery,
      response: { 200: SettingsView, ...errorResponses },
    },
    handler: (req) => settings.view(currentUser(req), req.query.region),
  });

  app.put('/api/settings/:key', {
    schema: {
      tags,
      summary:
        'Set or remove (null) values of a setting for a region: national by a whole-country administrator, else within your scope (county officers and above); audited',
      params: SettingKeyParams,
      body: SetBody,
      response: { 200: SettingsView, ...errorResponses },
    },
    handler: (req) => settings.set(currentUser(req), req.params.key, req.body),
  });
}
