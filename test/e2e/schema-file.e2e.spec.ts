import { GraphQLSchemaHost } from '@nestjs/graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMA_FILE, printedSchema } from '../../src/shared/graphql/schema-file.js';
import { startTestApp } from '../support/test-app.js';

/** The first lines where two texts part, to say where the committed file is behind. */
function firstDifference(committed: string, current: string): string {
  const [a, b] = [committed.split('\n'), current.split('\n')];
  const line = a.findIndex((text, index) => text !== b[index]);
  const at = line === -1 ? a.length : line;
  return `line ${at + 1}: committed ${JSON.stringify(a[at] ?? '(end of file)')}, code ${JSON.stringify(b[at] ?? '(end of file)')}`;
}

describe(SCHEMA_FILE, () => {
  it('is the schema the code builds (regenerate with `npm run schema`)', async () => {
    const app = await startTestApp();
    try {
      const current = printedSchema(app.app.get(GraphQLSchemaHost).schema);
      const committed = readFileSync(join(process.cwd(), SCHEMA_FILE), 'utf8');
      if (committed !== current) {
        throw new Error(`${SCHEMA_FILE} is out of date with the code: run \`npm run schema\` and commit the file.\nFirst difference at ${firstDifference(committed, current)}`);
      }
    } finally {
      await app.close();
    }
  });
});
