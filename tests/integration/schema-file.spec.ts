import { readFileSync } from 'node:fs';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { SCHEMA_FILE, buildSchemaText, printSchemaFile } from '@pbw/platform';
import { startTestStack, type TestStack } from '@pbw/testing';

describe('committed schema.graphql', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.close());

  it('is exactly what the running api serves (run `npm run schema` after changing a resolver)', () => {
    const served = printSchemaFile(stack.api.get(GraphQLSchemaHost).schema);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(served);
  });

  it('is exactly what the generator writes', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await buildSchemaText());
  });
});
