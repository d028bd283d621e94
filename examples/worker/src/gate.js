// The small Durable Objects beside the orders: one per checkout submit (its Idempotency-Key names
// the order it created), one per client (how many orders it created this minute), and one that
// keeps verified notifications for orders the Worker does not know, for reconciliation.
import { DurableObject } from "cloudflare:workers";
import { randomToken, hex } from "./http.js";

/**
 * One checkout submit: the same key and body name the same order; another body is refused. The
 * order's secret is kept only while a resend of the submit (its answer lost) may come: then it is
 * forgotten, and only the order's digest of it is left.
 */
export class Submission extends DurableObject {
  /** Resolves to { orderId, secret, fresh }, { reused: true }, or { expired: true }. */
  async claim(bodyHash, keepSecretMs) {
    // The input gate holds other events while storage is read and written: two claims of one
    // key cannot both find it unclaimed.
    const claimed = await this.ctx.storage.get("claim");
    if (claimed) {
      if (claimed.bodyHash !== bodyHash) return { reused: true };
      if (claimed.secret === undefined) return { expired: true };
      return { orderId: claimed.orderId, secret: claimed.secret, fresh: false };
    }
    const orderId = hex(crypto.getRandomValues(new Uint8Array(16)));
    const secret = randomToken(32);
    await this.ctx.storage.put("claim", { bodyHash, orderId, secret, at: Date.now() });
    await this.ctx.storage.setAlarm(Date.now() + keepSecretMs);
    return { orderId, secret, fresh: true };
  }

  /** The resend window is over: the secret is forgotten. */
  async alarm() {
    const claimed = await this.ctx.storage.get("claim");
    if (claimed?.secret === undefined) return;
    delete claimed.secret;
    await this.ctx.storage.put("claim", claimed);
  }
}

/** One client's order creations in the current minute. */
export class RateLimit extends DurableObject {
  /** Counts one creation; resolves to 0 when allowed, or the seconds until the next minute. */
  async hit(limit) {
    const minute = Math.floor(Date.now() / 60_000);
    const w = (await this.ctx.storage.get("window")) ?? { minute, count: 0 };
    if (w.minute !== minute) Object.assign(w, { minute, count: 0 });
    if (w.count >= limit) return 60 - Math.floor((Date.now() / 1000) % 60);
    w.count += 1;
    await this.ctx.storage.put("window", w);
    return 0;
  }
}

/** Verified notifications no order of this Worker claims: kept, never dropped. */
export class Unmatched extends DurableObject {
  async record(notification) {
    const list = (await this.ctx.storage.get("notifications")) ?? [];
    list.push(notification);
    await this.ctx.storage.put("notifications", list);
  }
  async list() {
    return (await this.ctx.storage.get("notifications")) ?? [];
  }
}
