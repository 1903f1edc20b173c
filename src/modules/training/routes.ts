import { z } from 'zod';
import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import { Id } from '../../kernel/schema.js';
import { CreateTraining, SummaryQuery, Training, TrainingSummary } from './schema.js';
import type { TrainingService } from './service.js';

const tags = ['training'];

/** Cadres' training records (干部培训). */
export function trainingRoutes(app: ZodApp, training: TrainingService) {
  app.get('/api/cadres/:id/training', {
    schema: {
      tags,
      summary: 'A cadre’s training records, newest first',
      params: z.object({ id: Id }),
      response: { 200: z.array(Training), ...errorResponses },
    },
    handler: (req) => training.list(currentUser(req), req.params.id),
  });

  app.post('/api/cadres/:id/training', {
    schema: {
      tags,
      summary:
        'Record a training of a cadre: date, topic, hours, organiser (township officers and above; audited)',
      params: z.object({ id: Id }),
      body: CreateTraining,
      response: { 200: Training, ...errorResponses },
    },
    handler: (req) => training.record(currentUser(req), req.params.id, req.body),
  });

  app.get('/api/training/summary', {
    schema: {
      tags,
      summary: 'Training of cadres per township of a region in a year: records, cadres trained, hours',
      querystring: SummaryQuery,
      response: { 200: TrainingSummary, ...errorResponses },
    },
    handler: (req) => training.summary(currentUser(req), req.query),
  });
}
