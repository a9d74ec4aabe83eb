import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { join } from 'node:path';
import { RESOLVERS } from './resolvers';

export const SCHEMA_FILE = join(__dirname, '../../../schema.graphql');

const HEADER = '# Generated from the code-first resolvers by `npm run schema`. Do not edit by hand.\n\n';

export function printSchemaFile(schema: GraphQLSchema): string {
  return `${HEADER}${printSchema(lexicographicSortSchema(schema))}\n`;
}

/** Builds the schema from the resolver classes alone: no database, no Redis. */
export async function buildSchemaText(): Promise<string> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  await app.init();
  try {
    const schema = await app.get(GraphQLSchemaFactory).create(RESOLVERS);
    return printSchemaFile(schema);
  } finally {
    await app.close();
  }
}
