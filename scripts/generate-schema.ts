import { readFileSync, writeFileSync } from 'node:fs';
import { SCHEMA_FILE, buildSchemaText } from '@pbw/platform';

/** `npm run schema` writes schema.graphql; `--check` exits 1 when the committed file is stale. */
async function main() {
  const text = await buildSchemaText();
  if (process.argv.includes('--check')) {
    const current = readFileSync(SCHEMA_FILE, 'utf8');
    if (current !== text) {
      process.stderr.write('schema.graphql is stale: run npm run schema and commit the result.\n');
      process.exit(1);
    }
    return;
  }
  writeFileSync(SCHEMA_FILE, text);
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${String((e as Error)?.stack ?? e)}\n`);
  process.exit(1);
});
