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
