/** Root Mutation resolvers (write side). Order does not matter. */
export const mutationResolvers = [] as const;
