import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  getOperationAST,
  getVariableValues,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { type ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/** A connection's cost grows with the page asked for: `first: 100` of something costs 100 of it. */
const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) =>
  typeof args.first === 'number' ? 1 + args.first * Math.max(1, childComplexity) : undefined;

function depthOf(set: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): number {
  if (!set) return 0;
  let max = 0;
  for (const s of set.selections) {
    let d = 0;
    if (s.kind === Kind.FIELD) {
      d = s.name.value.startsWith('__') ? 0 : s.selectionSet ? 1 + depthOf(s.selectionSet, fragments, seen) : 1;
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      d = depthOf(s.selectionSet, fragments, seen);
    } else if (s.kind === Kind.FRAGMENT_SPREAD && !seen.has(s.name.value)) {
      const f = fragments.get(s.name.value);
      d = f ? depthOf(f.selectionSet, fragments, new Set([...seen, s.name.value])) : 0;
    }
    max = Math.max(max, d);
  }
  return max;
}

export function queryDepth(doc: DocumentNode, operationName?: string | null): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  let max = 0;
  for (const d of doc.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    if (operationName && d.name?.value !== operationName) continue;
    max = Math.max(max, depthOf(d.selectionSet, fragments, new Set()));
  }
  return max;
}

/** Refuses queries that nest too deeply or would cost too much, before anything runs. */
export function limitsPlugin(maxDepth: number, maxComplexity: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const depth = queryDepth(document, request.operationName);
          if (depth > maxDepth) {
            throw new GraphQLError(`This query is nested ${depth} levels deep; the limit is ${maxDepth}. Ask for less in one query.`, {
              extensions: { code: 'QUERY_TOO_DEEP', depth, maxDepth },
            });
          }
          // Variables that do not fit the operation make getComplexity throw a bare error (masked
          // as INTERNAL_SERVER_ERROR). Execution refuses them as BAD_USER_INPUT before any
          // resolver runs, so there is nothing to cost.
          const operation = getOperationAST(document, request.operationName ?? undefined);
          if (operation && getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}).errors) return;
          const complexity = getComplexity({
            schema,
            query: document,
            operationName: request.operationName ?? undefined,
            variables: request.variables ?? {},
            estimators: [pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
          });
          if (complexity > maxComplexity) {
            throw new GraphQLError(
              `This query would cost ${complexity} points; the limit is ${maxComplexity}. Ask for smaller pages or fewer fields.`,
              { extensions: { code: 'QUERY_TOO_COMPLEX', complexity, maxComplexity } },
            );
          }
        },
      };
    },
  };
}
