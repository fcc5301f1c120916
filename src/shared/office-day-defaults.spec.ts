import { readFileSync } from 'node:fs';
import { buildSchema, getNamedType, isInputObjectType } from 'graphql';
import { commandContext, type Actor } from './command-context.js';
import { sameRequest } from '../event-store/event-store.port.js';
import { requestOf } from '../event-sourcing/execute-command.js';
import { OFFICE_DAY_DEFAULTS } from './office-day-defaults.js';
import { requestDigest } from './ids.js';

/*
 * Issue 9 (second breaker, 5): `registeredOn` = today sent explicitly was a CONFLICT with the same
 * request that left it out. A field that defaults to the office day digests, when it holds that
 * day, as left out — on the day of the request and for its retry on any later day.
 */
const actor: Actor = { id: 'admin-1', role: 'ADMIN', unitId: null };
/** 08:00 China time on an office day. */
const at = (day: string) => new Date(`${day}T00:00:00Z`);
const request = (commandType: string, day: string, fields: Record<string, unknown>) =>
  requestOf(commandContext({ actor, commandType, idempotencyKey: 'K', now: at(day), request: { idempotencyKey: 'K', ...fields } }));
const unit = { code: 'CZJ', name: '青川市财政局', kind: 'DEPARTMENT' };

describe('a field that defaults to the office day, in a request key’s digest', () => {
  it('is the same request sent with today’s day or without it, either way round', () => {
    const left = request('RegisterUnit', '2026-11-30', unit);
    const spelled = request('RegisterUnit', '2026-11-30', { ...unit, registeredOn: '2026-11-30' });
    expect(sameRequest(left, spelled)).toBe(true);
    expect(sameRequest(spelled, left)).toBe(true);
    expect(sameRequest(left, request('RegisterUnit', '2026-11-30', { ...unit, registeredOn: '2026-11-29' }))).toBe(false);
  });

  it('recognises the retry on a later day, in the words of the first request or the other', () => {
    const left = request('RegisterUnit', '2026-11-30', unit);
    const spelled = request('RegisterUnit', '2026-11-30', { ...unit, registeredOn: '2026-11-30' });
    for (const recorded of [left, spelled]) {
      expect(sameRequest(recorded, request('RegisterUnit', '2026-12-01', unit))).toBe(true);
      expect(sameRequest(recorded, request('RegisterUnit', '2026-12-01', { ...unit, registeredOn: '2026-11-30' }))).toBe(true);
      // Tomorrow's day spelled out asks for another day than the first request took.
      expect(sameRequest(recorded, request('RegisterUnit', '2026-12-01', { ...unit, registeredOn: '2026-12-01' }))).toBe(false);
    }
    // A past day given explicitly stays that day whenever the retry comes.
    const past = request('RegisterUnit', '2026-11-30', { ...unit, registeredOn: '2026-03-01' });
    expect(sameRequest(past, request('RegisterUnit', '2026-12-05', { ...unit, registeredOn: '2026-03-01' }))).toBe(true);
    expect(sameRequest(past, request('RegisterUnit', '2026-12-05', unit))).toBe(false);
  });

  it('follows a default taken from another field: an import approved on its assignment day, else today', () => {
    const plan = { fileName: 'plan.xlsx', sha256: 'ab12' };
    const day = '2026-11-30';
    const bare = request('ImportWorkPlan', day, plan);
    expect(sameRequest(bare, request('ImportWorkPlan', day, { ...plan, approvedOn: day }))).toBe(true);
    expect(sameRequest(bare, request('ImportWorkPlan', day, { ...plan, approvedOn: day, assignedOn: day }))).toBe(true);
    const assigned = request('ImportWorkPlan', day, { ...plan, assignedOn: '2026-03-02' });
    expect(sameRequest(assigned, request('ImportWorkPlan', '2026-12-01', { ...plan, approvedOn: '2026-03-02', assignedOn: '2026-03-02' }))).toBe(true);
    // Approved today and assigned in March is not what "assigned in March" alone asks (approved in March).
    expect(sameRequest(assigned, request('ImportWorkPlan', day, { ...plan, approvedOn: day, assignedOn: '2026-03-02' }))).toBe(false);
  });

  it('still answers a request recorded before days were told apart (its digest as sent)', () => {
    const legacy = { key: request('RegisterUnit', '2026-11-30', unit).key, commandId: request('RegisterUnit', '2026-11-30', unit).commandId, digest: requestDigest(unit) };
    expect(sameRequest(legacy, request('RegisterUnit', '2026-12-01', unit))).toBe(true);
    expect(sameRequest(legacy, request('RegisterUnit', '2026-12-01', { ...unit, registeredOn: '2026-12-01' }))).toBe(false);
  });

  it('leaves commands without such a field as they were: one digest, no day in it', () => {
    const evaluation = request('RegisterEvaluation', '2026-11-30', { title: '评估', receivedOn: '2026-11-30' });
    expect(evaluation.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(sameRequest(evaluation, request('RegisterEvaluation', '2026-11-30', { title: '评估' }))).toBe(false);
  });
});

describe('the office-day defaults declared', () => {
  const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
  /** Each mutation's input fields whose description says they default to today (directly or through another field). */
  const described = Object.values(schema.getMutationType()!.getFields()).flatMap((mutation) => {
    const input = mutation.args.find((arg) => arg.name === 'input');
    const type = input && getNamedType(input.type);
    if (!type || !isInputObjectType(type)) return [];
    const commandType = mutation.name[0]!.toUpperCase() + mutation.name.slice(1);
    return Object.values(type.getFields())
      .filter((field) => /omitted: [^.;]*today|else today/i.test(field.description ?? ''))
      .map((field) => `${commandType}.${field.name}`);
  });

  it('cover every mutation field the schema says defaults to today, and nothing else', () => {
    const declared = Object.entries(OFFICE_DAY_DEFAULTS).flatMap(([commandType, fields]) => Object.keys(fields).map((field) => `${commandType}.${field}`));
    expect(described.length).toBeGreaterThan(20);
    expect(declared.sort()).toEqual([...described].sort());
  });
});
