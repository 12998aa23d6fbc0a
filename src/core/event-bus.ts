import type { EventName, EventPayload } from '../shared/contract/index.js';

type AnyListener = (name: EventName, payload: unknown) => void;

/** Typed push events from core to whichever transports are listening. */
export class EventBus {
  private readonly listeners = new Map<EventName, Set<(p: unknown) => void>>();
  private readonly any = new Set<AnyListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const l of this.listeners.get(name) ?? []) l(payload);
    for (const l of this.any) l(name, payload);
  }

  on<E extends EventName>(name: E, cb: (p: EventPayload<E>) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    const l = cb as (p: unknown) => void;
    set.add(l);
    return () => set.delete(l);
  }

  onAny(cb: AnyListener): () => void {
    this.any.add(cb);
    return () => this.any.delete(cb);
  }
}
