import { EventSchemaRegistry } from '../../shared/event-schemas.js';
import { assignmentEventSchemas } from './assignment.events.js';

const schemas = new EventSchemaRegistry().register(assignmentEventSchemas);
const evidence = [{ title: '整改后的公开目录', link: 'https://www.example.gov.cn/xxgk', documentRef: null }];

describe('RectificationReported written before it carried its day (v1)', () => {
  it('reads with the office day on which it was recorded: late evening UTC is the next day in China', () => {
    const upcast = schemas.upcast({
      type: 'RectificationReported',
      schemaVersion: 1,
      data: { unitId: 'unit-fgw', summary: '已更新目录', evidence },
      metadata: { recordedAt: '2026-05-10T17:30:00.000Z' },
    });
    expect(upcast).toEqual({
      type: 'RectificationReported',
      data: { unitId: 'unit-fgw', summary: '已更新目录', evidence, reportedOn: '2026-05-11' },
    });
  });

  it('is written today at version 2, with its day', () => {
    expect(schemas.currentVersion('RectificationReported')).toBe(2);
  });
});

describe('lifecycle events written before they carried their office day (v1)', () => {
  const recordedAt = '2026-05-10T17:30:00.000Z';
  it.each([
    ['UnitAssigned', { unitId: 'u', role: 'LEAD', dueDate: '2026-06-30' }, 'assignedOn'],
    ['ExtensionRequested', { unitId: 'u', requestId: 'r', requestedDueDate: '2026-07-31', reason: '迁移' }, 'requestedOn'],
    ['ExtensionGranted', { unitId: 'u', requestId: 'r', previousDueDate: '2026-06-30', newDueDate: '2026-07-31' }, 'decidedOn'],
    ['ExtensionRefused', { unitId: 'u', requestId: 'r', reason: '不行' }, 'decidedOn'],
    ['UnitUrged', { unitId: 'u', message: '请尽快' }, 'urgedOn'],
    ['ReportSentBack', { unitId: 'u', reason: '无证据' }, 'sentBackOn'],
    ['PartsReopened', { reason: '页面被删除' }, 'reopenedOn'],
  ])('%s reads with the office day it was recorded on as its day', (type, data, field) => {
    expect(schemas.upcast({ type, schemaVersion: 1, data, metadata: { recordedAt } })).toEqual({ type, data: { ...data, [field]: '2026-05-11' } });
    // PartsReopened is at v3 since h55a (`foundClosed`): a v1 one is brought through v2 unchanged besides its day.
    expect(schemas.currentVersion(type)).toBe(type === 'PartsReopened' ? 3 : 2);
    expect(schemas.occurredOn(type, { ...data, [field]: '2016-05-20' }, recordedAt)).toBe('2016-05-20');
  });

  it('an inspection has always carried its day', () => {
    expect(schemas.occurredOn('InspectionLogged', { inspectedOn: '2016-06-06' }, recordedAt)).toBe('2016-06-06');
  });
});
