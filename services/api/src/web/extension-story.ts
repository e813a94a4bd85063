import { getUserRecord, history, type DbOrTx } from '@dondoc/db';

/** One assignment's latest extension request as the pages tell it: who asked for which day and why, and how it was decided. */
export interface ExtensionStory {
  asked: { dueAt: string; reason: string; by: string; at: Date };
  decision: { granted: true; comment: string | null } | { granted: false; reason: string } | null;
}

/** From the assignment's trail: its last REQUEST_EXTENSION and the decision that followed it, if any. */
export async function extensionStory(db: DbOrTx, assignmentId: string): Promise<ExtensionStory | null> {
  const events = await history(db, { type: 'assignment', id: assignmentId });
  const i = events.findLastIndex((e) => e.type === 'REQUEST_EXTENSION');
  if (i < 0) return null;
  const request = events[i]!;
  const payload = request.payload as { dueAt: string; reason: string };
  // A person by name; otherwise the trail's label of who acted (the system, the CLI).
  const by = request.actor_user_id ? (await getUserRecord(db, request.actor_user_id).catch(() => null))?.name : request.actor;
  const decided = events.slice(i + 1).find((e) => e.type === 'GRANT_EXTENSION' || e.type === 'DENY_EXTENSION');
  const p = (decided?.payload ?? {}) as { reason?: string; comment?: string };
  const decision = !decided
    ? null
    : decided.type === 'GRANT_EXTENSION'
      ? ({ granted: true, comment: p.comment ?? null } as const)
      : ({ granted: false, reason: p.reason ?? '' } as const);
  return { asked: { dueAt: payload.dueAt, reason: payload.reason, by: by ?? '—', at: request.created_at }, decision };
}
