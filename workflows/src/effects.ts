import type { AnyStateMachine, ExecutableActionsFrom, ParameterizedObject, StateMachine } from 'xstate';

// biome-ignore lint/suspicious/noExplicitAny: the positions that do not matter here.
type ActionOf<M> = M extends StateMachine<any, any, any, any, infer A, any, any, any, any, any, any, any, any, any, any> ? A : never;

/**
 * A machine's named actions as a discriminated union, each with its own params,
 * taken from its `setup()`: what the engine carries out. (xstate's own
 * `ExecutableActionsFrom` merges the params of all actions into one.)
 */
export type EffectOf<M extends AnyStateMachine> =
  ActionOf<M> extends infer A ? (A extends ParameterizedObject ? { type: A['type']; params: A['params'] } : never) : never;

/** The actions a pure transition returned, as effects the engine switches on. */
export function effectsOf<M extends AnyStateMachine>(actions: readonly ExecutableActionsFrom<M>[]): EffectOf<M>[] {
  return actions.map((a) => ({ type: a.type, params: a.params }) as EffectOf<M>);
}
