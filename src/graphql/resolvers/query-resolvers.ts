/** Root Query resolvers and field resolvers (read side). Order does not matter. */
export const queryResolvers = [] as const;
