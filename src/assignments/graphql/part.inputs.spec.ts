import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { EvidenceInput } from './part.inputs.js';

/** Evidence links as offices give them (breaker11b M1): an intranet host without a dot is a link; a script or a space is not. */
describe('an evidence link', () => {
  const problemsOf = (link: string) => validateSync(plainToInstance(EvidenceInput, { title: '公开目录', link })).map((error) => error.property);

  it.each(['http://oa/xxgk/123', 'http://10.1.2.3/gk', 'https://www.example.gov.cn/xxgk/ml', 'http://oa.qingchuan:8080/a?b=1'])('takes %s', (link) => {
    expect(problemsOf(link)).toEqual([]);
  });

  it.each(['javascript:alert(1)', 'http://oa/xx gk/123', 'oa/xxgk/123', 'ftp://oa/x', 'https://www.example.gov.cn/<x>', 'https://oa:0/x'])('refuses %s', (link) => {
    expect(problemsOf(link)).toEqual(['link']);
  });
});
