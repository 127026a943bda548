import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isIntrospectionType,
} from 'graphql';
import { createSchema } from '../../../src/graphql/schema';

/** Issue #2 §4: a description on every type, field and argument (analysts read them in the sandbox). */
describe('schema descriptions', () => {
  it('describes every type, field, input field and argument', async () => {
    const schema = await createSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (isIntrospectionType(type) || (isScalarType(type) && isSpecifiedScalarType(type))) continue;
      if (['Query', 'Mutation', 'Subscription'].includes(type.name)) {
        // Root types are containers; their fields are checked below.
      } else if (!type.description?.trim()) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type) && type.getValues().length === 0) missing.push(`${type.name} (no values)`);
    }
    expect(missing).toEqual([]);
  });
});
