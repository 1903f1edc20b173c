import { z } from 'zod';
import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import { RegionCode } from '../../kernel/schema.js';
import type { OrderService } from './order-service.js';
import type { ProductService } from './product-service.js';
import {
  IdParams,
  Income,
  NewProductBody,
  Order,
  OrderBody,
  pageOf,
  paging,
  Product,
  Township,
} from './schema.js';

const tags = ['participation'];

/** Consumption assistance (/api/products): products, orders, fulfilment and income. */
export function productRoutes(app: ZodApp, svc: { products: ProductService; orders: OrderService }) {
  app.get('/api/products', {
    schema: {
      tags,
      summary: 'Products of poor households and cooperatives (no producer persons)',
      querystring: z.object({ township: Township.optional(), ...paging }),
      response: { 200: pageOf(Product), ...errorResponses },
    },
    handler: (req) => svc.products.products(currentUser(req), req.query),
  });

  app.post('/api/products', {
    schema: {
      tags,
      summary: 'List a product, linked (internally) to the households whose income it carries',
      body: NewProductBody,
      response: { 200: z.object({ id: z.string() }), ...errorResponses },
    },
    handler: (req) => svc.products.createProduct(currentUser(req), req.body),
  });

  app.post('/api/products/:id/orders', {
    schema: {
      tags,
      summary: 'An organisation orders a product or commits to buy it',
      params: IdParams,
      body: OrderBody,
      response: { 200: z.object({ id: z.string(), amount: z.number() }), ...errorResponses },
    },
    handler: (req) => svc.orders.order(currentUser(req), req.params.id, req.body),
  });

  app.get('/api/products/orders', {
    schema: {
      tags,
      summary: "Orders: an organisation's own, or those for products in an officer's scope",
      querystring: z.object({ status: z.enum(['ordered', 'fulfilled', 'cancelled']).optional(), ...paging }),
      response: { 200: pageOf(Order), ...errorResponses },
    },
    handler: (req) => svc.orders.orders(currentUser(req), req.query),
  });

  app.post('/api/products/orders/:id/fulfil', {
    schema: {
      tags,
      summary: "Record an order fulfilled; its amount is allocated to the product's households",
      params: IdParams,
      body: z.object({}).optional(),
      response: { 200: z.object({ status: z.string(), households: z.number() }), ...errorResponses },
    },
    handler: (req) => svc.orders.fulfil(currentUser(req), req.params.id),
  });

  app.get('/api/products/income', {
    schema: {
      tags,
      summary: 'Officers: income that reached households from fulfilled orders (internal figure)',
      querystring: z.object({ region: RegionCode.optional() }),
      response: { 200: Income, ...errorResponses },
    },
    handler: (req) => svc.orders.income(currentUser(req), req.query.region),
  });
}
