import { type ValueTransformer } from 'typeorm';

/** `bigint` columns hold counts far below 2^53; read them as numbers, not strings. */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};
