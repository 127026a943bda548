import 'reflect-metadata';
import { IsInt, Min } from 'class-validator';
import { ArgumentValidationError, type ResolverData } from 'type-graphql';
import { validateArgs } from '../../../src/graphql/validate-args';

class WithRules {
  @IsInt() @Min(0) n = 0;
}
class Derived extends WithRules {
  label = '';
}
class WithoutRules {
  n = -1;
}

const of = <T extends object>(Type: new () => T, values: Partial<T>): T => Object.assign(new Type(), values);
const validate = async (value: unknown): Promise<void> => validateArgs(value, Object, {} as ResolverData);

describe('validateArgs', () => {
  it('passes valid instances, primitives and null', async () => {
    await expect(validate(of(WithRules, { n: 3 }))).resolves.toBeUndefined();
    await expect(validate(5)).resolves.toBeUndefined();
    await expect(validate(null)).resolves.toBeUndefined();
  });

  it("refuses an invalid instance with type-graphql's ArgumentValidationError naming the property and rule", async () => {
    const error: unknown = await validate(of(WithRules, { n: -2 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArgumentValidationError);
    const [first] = (error as ArgumentValidationError).extensions.validationErrors;
    expect(first?.property).toBe('n');
    expect(Object.keys(first?.constraints ?? {})).toEqual(['min']);
  });

  it('applies inherited rules', async () => {
    await expect(validate(of(Derived, { n: 1.5 }))).rejects.toBeInstanceOf(ArgumentValidationError);
  });

  it('validates every item of a list', async () => {
    await expect(validate([of(WithRules, { n: 1 }), of(WithRules, { n: -1 })])).rejects.toBeInstanceOf(
      ArgumentValidationError,
    );
  });

  it('skips classes that declare no rule (validating them could only pass)', async () => {
    await expect(validate(of(WithoutRules, { n: -1 }))).resolves.toBeUndefined();
  });
});
