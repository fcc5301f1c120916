import { EventSchemaRegistry } from '../../shared/event-schemas.js';
import { findingEventSchemas } from '../../rectification/domain/finding.events.js';
import { workPlanEventSchemas } from './work-plan.events.js';

/*
 * Events written before findings and items carried measures (整改措施), and before a plan revision
 * carried its reason, still load: upcast, never rewritten.
 */

const schemas = new EventSchemaRegistry().register(findingEventSchemas).register(workPlanEventSchemas);
const recordedAt = '2026-05-10T01:30:00.000Z';

describe('events written before measures and revision reasons', () => {
  it('a FindingRecorded of v1 or v2 reads with no measures and its office day', () => {
    const data = { findingId: 'f', evaluationId: 'e', title: '错链', description: '3处', category: '网站', severity: 'LOW', concernedUnitIds: [] };
    expect(schemas.upcast({ type: 'FindingRecorded', schemaVersion: 1, data, metadata: { recordedAt } }).data).toEqual({ ...data, identifiedOn: '2026-05-10', measures: '' });
    expect(schemas.upcast({ type: 'FindingRecorded', schemaVersion: 2, data: { ...data, identifiedOn: '2016-04-15' } }).data).toEqual({ ...data, identifiedOn: '2016-04-15', measures: '' });
    expect(schemas.currentVersion('FindingRecorded')).toBe(3);
  });

  it.each([
    ['WorkPlanItemDefined', { itemId: 'i', planId: 'p', categoryCode: '一', code: '1', title: 't', description: '', dueDate: '2026-06-30' }],
    ['WorkPlanItemAmended', { itemId: 'i', categoryCode: '一', title: 't', description: 'd', reason: 'r', amendedOn: '2026-05-10' }],
  ])('a %s of v1 reads with no measures', (type, data) => {
    expect(schemas.upcast({ type, schemaVersion: 1, data }).data).toEqual({ ...data, measures: '' });
    expect(schemas.currentVersion(type)).toBe(2);
  });

  it('a WorkPlanRevised of v1 reads as revised by its file', () => {
    const data = { planId: 'p', title: 't', year: 2026, categories: [], source: { fileName: 'plan-v2.xlsx', sha256: 'a'.repeat(64) }, revisedOn: '2026-05-10' };
    expect(schemas.upcast({ type: 'WorkPlanRevised', schemaVersion: 1, data }).data).toEqual({ ...data, reason: 'Revised by plan-v2.xlsx' });
  });
});
