import { type ApolloServerPlugin } from '@apollo/server';
import {
  defaultFieldResolver,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLFormattedError,
  getNullableType,
  type GraphQLSchema,
  isCompositeType,
  isListType,
  isObjectType,
} from 'graphql';
import { type Context } from './context';
import { OperationLimitError } from './operation-limit-error';

interface AnswerNodeCounter {
  readonly max: number;
  count: number;
  refusal: OperationLimitError | undefined;
}

/** The counter of each query being executed, by its context (absent: not counted, e.g. mutations or limits off). */
const counters = new WeakMap<object, AnswerNodeCounter>();
const wrapped = new WeakSet<GraphQLField<unknown, unknown>>();

function refusal(counter: AnswerNodeCounter): OperationLimitError {
  return new OperationLimitError(
    'answerNodes',
    counter.max,
    counter.count,
    `The answer would hold more than ${counter.max} objects and list items (GRAPHQL_MAX_ANSWER_NODES); ask for smaller pages or fewer nested lists.`,
  );
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

function countValue(counter: AnswerNodeCounter, value: unknown): unknown {
  if (counter.refusal) throw counter.refusal;
  counter.count += Array.isArray(value) ? value.length : value === null || value === undefined ? 0 : 1;
  if (counter.count > counter.max) {
    counter.refusal = refusal(counter);
    throw counter.refusal;
  }
  return value;
}

/**
 * Wraps the resolver of every field whose value is an object or a list (once per schema) so that a
 * query's answer counts its objects and list items as they are resolved. Past the maximum the field
 * fails, and so does every later one before its resolver runs (no further SQL); the plugin then
 * answers the refusal alone. Scalar fields are not wrapped, so they cost nothing extra.
 */
export function capAnswerNodes(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
      const nullable = getNullableType(field.type);
      if (wrapped.has(field) || (!isListType(nullable) && !isCompositeType(nullable))) continue;
      wrapped.add(field);
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        const counter = counters.get(context as object);
        if (!counter) return resolve(source, args, context, info);
        if (counter.refusal) throw counter.refusal;
        const value: unknown = resolve(source, args, context, info);
        if (isPromiseLike(value)) return value.then((resolved: unknown) => countValue(counter, resolved));
        return countValue(counter, value);
      };
    }
  }
}

/**
 * Counts the answer of every query (not mutations: their write is done by the time the answer is
 * built) and, when the cap was hit, answers only the refusal (HTTP 400, no partial data).
 */
export function answerNodeCapPlugin(
  maxAnswerNodes: number,
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError = (formatted) => formatted,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async executionDidStart({ contextValue, operation }) {
          // Typed as present, but undefined when operationName names no operation (execution then reports that).
          const kind = (operation as typeof operation | undefined)?.operation;
          if (kind === 'query') counters.set(contextValue, { max: maxAnswerNodes, count: 0, refusal: undefined });
        },
        async willSendResponse({ contextValue, response }) {
          const counter = counters.get(contextValue);
          counters.delete(contextValue);
          const error = counter?.refusal;
          if (!error) return;
          response.http.status = 400;
          // Through the server's formatError, like every other error (request id, error codes of the access log).
          const formatted = formatError({ message: error.message, extensions: { ...error.limitExtensions } }, error);
          response.body = { kind: 'single', singleResult: { errors: [formatted] } };
        },
      };
    },
  };
}
