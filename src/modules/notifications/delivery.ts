import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

/**
 * Delivering reminders by SMS or WeChat. A real gateway (an SMS provider's API, a WeChat
 * official-account template message) implements `NotificationDelivery`; the default writes what
 * would be sent to the `notification` table and the server log and sends nothing outside the machine.
 */
export interface OutgoingMessage {
  userId: string;
  /** The recipient's region (their scope), kept with the row for prefix scoping. */
  regionCode: string;
  /** 'digest' or a reminder kind. */
  kind: string;
  /** The China date the message is for. */
  forDay: string;
  subject: string;
  body: string;
}

export interface NotificationDelivery {
  /** The name recorded as `delivered_by`. */
  readonly name: string;
  readonly channel: 'sms' | 'wechat' | 'log';
  /** Hand the message over; throw when the gateway refuses (the row is then not written). */
  send(message: OutgoingMessage): Promise<void>;
}

/** The default: nothing leaves the machine; the message is logged and kept in the table. */
export function loggingDelivery(log: { info(msg: string): void }): NotificationDelivery {
  return {
    name: 'log',
    channel: 'log',
    send: async (m) => log.info(`notification (not sent, logged only) to user ${m.userId}: ${m.subject}`),
  };
}

/**
 * Deliver a message and record it. A digest is recorded once per user and day (the unique index of
 * migration 036): a second call on the same day writes and sends nothing and answers false.
 */
export async function deliver(
  db: Kysely<DB>,
  delivery: NotificationDelivery,
  m: OutgoingMessage,
): Promise<boolean> {
  if (m.kind === 'digest') {
    const had = await db
      .selectFrom('notification')
      .select('id')
      .where('user_id', '=', m.userId)
      .where('for_day', '=', m.forDay)
      .where('kind', '=', 'digest')
      .executeTakeFirst();
    if (had) return false;
  }
  await delivery.send(m);
  const r = await db
    .insertInto('notification')
    .values({
      user_id: m.userId,
      region_code: m.regionCode,
      channel: delivery.channel,
      kind: m.kind,
      for_day: m.forDay,
      subject: m.subject,
      body: m.body,
      delivered_by: delivery.name,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}
