import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { allocateIncome } from '../../domain/participation/needs.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { scopeFor } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { organisationOf, paging, requireEditorOfTownship, requireOfficer, type Paging } from './access.js';
import { iso, num } from './mapper.js';
import { orderRepository as repo } from './order-repository.js';
import { productRepository } from './product-repository.js';

type OrderRow = Awaited<ReturnType<typeof repo.orders>>[0][number];
const orderView = (r: OrderRow) => ({
  id: r.id,
  productId: r.product_id,
  productName: r.product_name,
  unit: r.unit,
  township: { code: r.township_code, name: r.township_name },
  organisation: { id: r.organisation_id, name: r.organisation_name },
  kind: r.kind,
  quantity: num(r.quantity),
  unitPrice: num(r.unit_price),
  amount: num(r.amount),
  status: r.status,
  note: r.note,
  orderedAt: iso(r.ordered_at)!,
  fulfilledAt: iso(r.fulfilled_at),
});

const cents = (x: number) => Math.round(x * 100) / 100;

/** Consumption assistance: orders of products, their fulfilment, and the income reaching households. */
export function createOrderService(db: Kysely<DB>, clock: Clock) {
  return {
    async order(
      user: AuthUser,
      productId: string,
      o: { quantity: number; kind: 'order' | 'commitment'; note?: string | undefined },
    ) {
      const org = await organisationOf(db, user);
      return db.transaction().execute(async (trx) => {
        const p = await productRepository.productForUpdate(trx, productId);
        if (!p || !p.active) throw notFound('product', productId);
        const left = num(p.quantity_available);
        if (o.quantity > left)
          throw new AppError(
            'E_VALIDATION',
            `quantity ${o.quantity} exceeds the ${left} ${p.unit} available`,
            {
              field: 'quantity',
            },
          );
        const amount = cents(o.quantity * num(p.price));
        const row = await repo.insertOrder(trx, {
          product_id: productId,
          organisation_id: org.id,
          kind: o.kind,
          quantity: o.quantity,
          unit_price: p.price,
          amount,
          note: o.note ?? null,
        });
        await productRepository.setProductQuantity(trx, productId, String(cents(left - o.quantity)));
        await recordAudit(trx, actorOf(user), {
          action: 'product.order',
          entityType: 'product_order',
          entityId: row.id,
          regionCode: p.township_code,
          after: { productId, kind: o.kind, quantity: o.quantity, amount },
        });
        return { id: row.id, amount };
      });
    },

    /** An organisation's own orders, or (officers) those for products on the scope's line. */
    async orders(user: AuthUser, q: { status?: string | undefined } & Paging) {
      const officer = user.role !== 'organisation';
      const org = officer ? null : await organisationOf(db, user);
      const [rows, count] = await repo.orders(db, {
        organisationId: org?.id,
        scope: officer ? scopeFor(user) : undefined,
        status: q.status,
        ...paging(q),
      });
      return { total: Number(count.n), items: rows.map(orderView) };
    },

    /** An officer records an order as fulfilled (goods delivered, paid); its amount reaches the linked households. */
    async fulfil(user: AuthUser, orderId: string) {
      requireOfficer(user);
      return db.transaction().execute(async (trx) => {
        const o = await repo.orderForUpdate(trx, orderId);
        if (!o) throw notFound('order', orderId);
        requireEditorOfTownship(user, o.township_code);
        if (o.status !== 'ordered')
          throw new AppError('E_TRANSITION_NOT_ALLOWED', `order ${orderId} is ${o.status}`);
        const hs = await productRepository.productHouseholds(trx, o.product_id);
        const parts = allocateIncome(
          num(o.amount),
          hs.map((h) => num(h.share)),
        );
        await repo.fulfilOrder(trx, orderId, user.id, clock.now());
        await repo.insertIncome(
          trx,
          hs.map((h, i) => ({ order_id: orderId, household_id: h.household_id, amount: parts[i]! })),
        );
        await recordAudit(trx, actorOf(user), {
          action: 'product.fulfil',
          entityType: 'product_order',
          entityId: orderId,
          regionCode: o.township_code,
          before: { status: o.status },
          after: { status: 'fulfilled', amount: num(o.amount), households: hs.length },
        });
        return { status: 'fulfilled', households: hs.length };
      });
    },

    /** Income that reached households (officers: by township and household; internal). */
    async income(user: AuthUser, region: string | undefined) {
      requireOfficer(user);
      const scope = scopeFor(user, region);
      const r = await repo.income(db, scope, 50);
      return {
        region: scope,
        total: num(r.total.amount),
        households: num(r.total.households),
        orders: num(r.total.orders),
        byTownship: r.byTownship.map((t) => ({
          code: t.code,
          name: t.name,
          amount: num(t.amount),
          households: num(t.households),
        })),
        topHouseholds: r.households.map((h) => ({
          householdId: h.household_id,
          householdNo: h.household_no,
          village: h.village_name,
          amount: num(h.amount),
        })),
      };
    },
  };
}
export type OrderService = ReturnType<typeof createOrderService>;
