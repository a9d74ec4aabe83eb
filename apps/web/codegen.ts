import { join } from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';

/** Types for every GraphQL document in the web app, from the committed schema.graphql. */
const config: CodegenConfig = {
  schema: join(__dirname, '../../schema.graphql'),
  documents: [join(__dirname, 'src/**/*.tsx'), join(__dirname, 'src/**/*.ts'), `!${join(__dirname, 'src/gql/**/*')}`],
  ignoreNoDocuments: true,
  generates: {
    [join(__dirname, 'src/gql/')]: {
      preset: 'client',
      config: { documentMode: 'string', enumsAsTypes: true, useTypeImports: true, scalars: { DateTime: 'string', JSON: 'unknown' } },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
