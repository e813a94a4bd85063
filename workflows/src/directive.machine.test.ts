import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { accepts } from './accepts.ts';
import { DIRECTIVE_STATES, directiveMachine, type DirectiveEvent } from './directive.machine.ts';
import { rollupStage, type RollupStage } from './directive.rollup.ts';

describe('rollupStage', () => {
  it.each<[string[], RollupStage]>([
    [['issued', 'issued'], 'issued'],
    [['assigned', 'issued'], 'issued'],
    [['assigned', 'assigned'], 'assigned'],
    [['assigned', 'in_progress'], 'in_progress'],
    [['issued', 'reported'], 'in_progress'], // any started
    [['issued', 'returned'], 'in_progress'],
    [['reported', 'reported'], 'reported'],
    [['reported', 'reviewed'], 'reported'],
    [['reviewed', 'reviewed'], 'reviewed'],
    [['reviewed', 'cancelled'], 'reviewed'], // cancelled ones do not count
    [['cancelled'], 'issued'],
    [[], 'issued'],
  ])('%j → %s', (states, stage) => {
    expect(rollupStage(states as never)).toBe(stage);
  });
});

describe('directive machine', () => {
  const rollup = (stage: RollupStage): DirectiveEvent => ({ type: 'ROLLUP', stage });

  it('follows its assignments forwards and back', () => {
    let [snap] = initialTransition(directiveMachine);
    expect(snap.value).toBe('issued');
    for (const stage of ['assigned', 'in_progress', 'reported', 'in_progress', 'reported', 'reviewed'] as const) {
      [snap] = transition(directiveMachine, snap, rollup(stage));
      expect(snap.value).toBe(stage);
    }
  });

  it('closes only once reviewed', () => {
    const [issued] = initialTransition(directiveMachine);
    expect(accepts(issued, { type: 'CLOSE' })).toBe(false);
    const [reviewed] = transition(directiveMachine, issued, rollup('reviewed'));
    const [closed] = transition(directiveMachine, reviewed, { type: 'CLOSE' });
    expect(closed.value).toBe('closed');
    expect(closed.status).toBe('done');
  });

  it('names every state of the machine in DIRECTIVE_STATES', () => {
    expect([...DIRECTIVE_STATES].sort()).toEqual(Object.keys(directiveMachine.config.states ?? {}).sort());
  });

  it('withdraws from any open state, cancelling the assignments, and then refuses everything', () => {
    for (const stage of ['issued', 'assigned', 'in_progress', 'reported', 'reviewed'] as const) {
      const [start] = initialTransition(directiveMachine);
      const [at] = transition(directiveMachine, start, rollup(stage));
      const [gone, actions] = transition(directiveMachine, at, { type: 'WITHDRAW', reason: 'Ban hành nhầm' });
      expect(gone.value).toBe('withdrawn');
      expect(actions.map((a) => [a.type, a.params])).toEqual([
        ['cancelAssignments', undefined],
        ['notifyAssignees', { template: 'directive_withdrawn' }],
      ]);
      for (const e of [rollup('reviewed'), { type: 'CLOSE' } as const, { type: 'WITHDRAW', reason: 'x' } as const]) {
        expect(accepts(gone, e)).toBe(false);
        expect(transition(directiveMachine, gone, e)[0].value).toBe('withdrawn');
      }
    }
  });
});
