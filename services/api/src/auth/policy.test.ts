import { describe, expect, it } from 'vitest';
import { canCommand, canReadContent, canSeeAssignment, canSeeDirective, type Caller, type DirectiveFacts } from './policy.ts';

const POLICE = 'police';
const d = (classification: DirectiveFacts['classification'] = 'thuong'): DirectiveFacts => ({
  monitoringUnitId: POLICE,
  classification,
  assignedUnitIds: new Set(['so-a', POLICE]),
});
const who = (role: Caller['role'], unitId = 'office-unit'): Caller => ({ role, unitId });

describe('policy', () => {
  it('shows a directive to the units it names, the monitoring unit and the provincial roles only', () => {
    expect(canSeeDirective(who('unit_officer', 'so-a'), d())).toBe(true);
    expect(canSeeDirective(who('unit_officer', 'so-b'), d())).toBe(false);
    for (const role of ['chairman', 'office', 'monitor', 'admin'] as const) expect(canSeeDirective(who(role), d())).toBe(true);
  });

  it('shows a unit only its own assignments', () => {
    expect(canSeeAssignment(who('unit_head', 'so-a'), d(), 'so-a')).toBe(true);
    expect(canSeeAssignment(who('unit_head', 'so-a'), d(), POLICE)).toBe(false);
    expect(canSeeAssignment(who('unit_officer', POLICE), d(), 'so-a')).toBe(true); // the monitoring unit follows everyone
  });

  it('keeps classified content to the Office, the Chairman and heads of assigned units', () => {
    const secret = d('mat');
    expect(canReadContent(who('office'), secret)).toBe(true);
    expect(canReadContent(who('chairman'), secret)).toBe(true);
    expect(canReadContent(who('unit_head', 'so-a'), secret)).toBe(true);
    expect(canReadContent(who('unit_officer', 'so-a'), secret)).toBe(false);
    expect(canReadContent(who('monitor', POLICE), secret)).toBe(false);
    expect(canReadContent(who('admin'), secret)).toBe(false);
    expect(canReadContent(who('unit_officer', 'so-a'), d())).toBe(true);
  });

  it('lets units act on their own work, the monitoring unit or the Office review it, the Office cancel it', () => {
    expect(canCommand(who('unit_officer', 'so-a'), d(), 'so-a', 'SUBMIT_REPORT')).toBe(true);
    expect(canCommand(who('unit_officer', 'so-b'), d(), 'so-a', 'SUBMIT_REPORT')).toBe(false);
    expect(canCommand(who('office'), d(), 'so-a', 'SUBMIT_REPORT')).toBe(false);
    expect(canCommand(who('monitor', POLICE), d(), 'so-a', 'APPROVE')).toBe(true);
    expect(canCommand(who('unit_head', POLICE), d(), 'so-a', 'RETURN')).toBe(true);
    expect(canCommand(who('unit_officer', POLICE), d(), 'so-a', 'APPROVE')).toBe(false);
    expect(canCommand(who('monitor', 'other'), d(), 'so-a', 'APPROVE')).toBe(false);
    expect(canCommand(who('office'), d(), 'so-a', 'GRANT_EXTENSION')).toBe(true);
    expect(canCommand(who('chairman'), d(), 'so-a', 'APPROVE')).toBe(false);
    expect(canCommand(who('office'), d(), 'so-a', 'CANCEL')).toBe(true);
    expect(canCommand(who('monitor', POLICE), d(), 'so-a', 'CANCEL')).toBe(false);
  });
});
