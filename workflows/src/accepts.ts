import type { AnyMachineSnapshot, EventObject } from 'xstate';

/**
 * Whether a machine in this snapshot takes the event. `snapshot.can` alone also
 * answers true for root-level transitions of a machine that has already reached
 * a final state, where xstate then ignores the event.
 */
export function accepts(snapshot: AnyMachineSnapshot, event: EventObject & Record<string, unknown>): boolean {
  return snapshot.status === 'active' && snapshot.can(event);
}
