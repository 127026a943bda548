import { type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type OperationDefinitionNode, type ValueNode, visit } from 'graphql';
import { DomainError } from '../domain/errors';
import { assertInputListSizes } from '../domain/rules/input-lists';
import { type Context } from './context';

/**
 * Variable usages per operation node: Apollo hands the same parsed document to every request with
 * the same query text (its document cache), so an operation's usages are collected once.
 */
const usagesOf = new WeakMap<OperationDefinitionNode, ReadonlyMap<string, readonly string[]>>();

/** Where each variable is used: the input path of the argument or input field it fills, e.g. `filter.tagsAny`. */
function variableUsages(operation: OperationDefinitionNode): ReadonlyMap<string, readonly string[]> {
  const known = usagesOf.get(operation);
  if (known !== undefined) return known;
  const usages = new Map<string, string[]>();
  const walk = (value: ValueNode, path: string): void => {
    if (value.kind === Kind.VARIABLE) usages.set(value.name.value, [...(usages.get(value.name.value) ?? []), path]);
    else if (value.kind === Kind.OBJECT)
      for (const field of value.fields) walk(field.value, `${path}.${field.name.value}`);
    else if (value.kind === Kind.LIST) value.values.forEach((item, i) => walk(item, `${path}[${i}]`));
  };
  visit(operation, { Argument: (argument) => walk(argument.value, argument.name.value) });
  usagesOf.set(operation, usages);
  return usages;
}

/**
 * Checks the lists in an operation's variables against their maximums (domain/rules/input-lists.ts)
 * at the input path where each variable is used (an unused one under its own name), before graphql-js
 * coerces them: a variable of 100,000 items is refused at once instead of being coerced (twice, with
 * the cost estimate) only for the resolver to refuse it.
 * @throws DomainError BAD_USER_INPUT (TOO_MANY_ITEMS) naming the field, the size and the maximum.
 */
export function assertVariableListSizes(
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): void {
  if (!variables) return;
  const usages = variableUsages(operation);
  for (const [name, value] of Object.entries(variables)) {
    if (value === null || typeof value !== 'object') continue;
    for (const path of usages.get(name) ?? [`$${name}`]) assertInputListSizes(value, path);
  }
}

/** A refusal of the request as a whole (no execution): HTTP 400; formatError answers the domain error it carries. */
export function requestInputError(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { code: error.code, http: { status: 400 } },
  });
}

/** Refuses, before execution, variables that hold a list over its maximum. */
export function inputListLimitPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (!operation) return;
          try {
            assertVariableListSizes(operation, request.variables);
          } catch (error) {
            throw error instanceof DomainError ? requestInputError(error) : error;
          }
        },
      };
    },
  };
}
