import { GraphQLError } from 'graphql';
import { SlowConsumerError } from '../app/events/feed-subscriber';
import { MAX_SUBSCRIPTIONS_PER_CONNECTION } from '../domain/event-feed';

/**
 * Error codes of the live subscriptions (docs/events.md "Live subscriptions"), besides those every
 * operation can get: a subscriber too slow for the feed, one subscription too many on a connection,
 * a query or mutation sent over the WebSocket (they belong on HTTP).
 */
export const SUBSCRIPTION_ERROR_CODES = [
  'SLOW_CONSUMER',
  'TOO_MANY_SUBSCRIPTIONS',
  'OPERATION_NOT_SUBSCRIPTION',
] as const;

/** SLOW_CONSUMER: the subscriber fell `limit` events behind and its subscription ended. */
export function slowConsumerError(error: SlowConsumerError): GraphQLError {
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { code: 'SLOW_CONSUMER', max: error.limit },
  });
}

/** TOO_MANY_SUBSCRIPTIONS: the connection already holds MAX_SUBSCRIPTIONS_PER_CONNECTION. */
export function tooManySubscriptionsError(max = MAX_SUBSCRIPTIONS_PER_CONNECTION): GraphQLError {
  return new GraphQLError(
    `This connection already holds ${max} subscriptions, the most one connection may hold; complete one first or open another connection`,
    { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', max } },
  );
}

/** OPERATION_NOT_SUBSCRIPTION: the WebSocket serves subscriptions only. */
export function notSubscriptionError(operation: string): GraphQLError {
  return new GraphQLError(
    `The WebSocket at /graphql serves subscriptions only; send this ${operation} as an HTTP POST to /graphql`,
    { extensions: { code: 'OPERATION_NOT_SUBSCRIPTION' } },
  );
}

/**
 * The events of a feed subscription as graphql-js reads them, with the end of a slow consumer as
 * its coded error. A plain iterator, not an async generator: a generator waiting for the next event
 * could not be returned (unsubscribed) until one came.
 */
export function withSubscriptionErrors<T>(source: AsyncIterableIterator<T>): AsyncIterableIterator<T> {
  const mapError = (error: unknown): never => {
    throw error instanceof SlowConsumerError ? slowConsumerError(error) : error;
  };
  const iterator: AsyncIterableIterator<T> = {
    next: () => source.next().catch(mapError),
    return: () => source.return?.() ?? Promise.resolve({ value: undefined, done: true }),
    throw: (error?: unknown) => source.throw?.(error) ?? Promise.reject(error),
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
