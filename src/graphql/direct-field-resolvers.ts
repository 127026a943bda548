import { type GraphQLField, type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { argumentNeedsValidation } from './validate-args';

type Method = (...params: unknown[]) => unknown;
type ParamOf = (root: unknown, args: Record<string, unknown>, ctx: Record<string, unknown>, info: unknown) => unknown;

/**
 * How a resolver method's parameter is filled, when type-graphql would pass the value through
 * unchanged (the root as given, the context or one of its properties, the info, an argument that
 * validation cannot refuse); undefined for any other parameter.
 */
function directParam(
  param: ReturnType<typeof getMetadataStorage>['params'][number],
  field: GraphQLField<unknown, unknown>,
): ParamOf | undefined {
  switch (param.kind) {
    case 'root': {
      // A declared class would be converted into an instance of it (convertToType); Object is not.
      const type = param.getType?.();
      if (param.propertyName !== undefined || (type !== undefined && type !== Object)) return undefined;
      return (root) => root;
    }
    case 'context': {
      const property = param.propertyName;
      return property === undefined ? (_root, _args, ctx) => ctx : (_root, _args, ctx) => ctx[property];
    }
    case 'info':
      return (_root, _args, _ctx, info) => info;
    case 'arg': {
      const arg = field.args.find((a) => a.name === param.name);
      if (arg === undefined || param.validateFn !== undefined || argumentNeedsValidation(arg.type)) return undefined;
      const name = param.name;
      return (_root, args) => args[name];
    }
    case 'args':
    case 'custom':
    case 'pubSub':
      return undefined;
  }
}

/**
 * Calls field resolver methods directly instead of through type-graphql's wrapper, where that
 * wrapper would only pass the parameters through. type-graphql validates the arguments of every
 * call asynchronously, even when validation has nothing to check, so a field resolver with an
 * argument always answered a promise, and with it every object and list above it: a team page's
 * 50 experiments cost thousands of promises although the look-ahead had read everything before
 * (src/graphql/experiment-relations.ts). A field qualifies when its resolver class declares no
 * middleware or authorization, and each parameter is the root (not converted to a declared
 * class), the context, the info, or an argument that `validateArgs` cannot refuse
 * (`argumentNeedsValidation`). The method is called on one instance of its resolver class, as
 * type-graphql's default container does, with the same parameters; its value, a promise or not, is
 * the field's value. A root that is not an `Object` (which type-graphql would copy) goes through
 * type-graphql's resolver. Root fields are left to type-graphql (root-field-guard.ts wraps them).
 */
export function resolveFieldsDirectly(schema: GraphQLSchema): GraphQLSchema {
  const storage = getMetadataStorage();
  const typeNames = new Map(storage.objectTypes.map((type) => [type.target, type.name]));
  const instances = new Map<object, Record<string, Method>>();
  for (const resolver of storage.fieldResolvers) {
    if (resolver.kind !== 'external') continue;
    const resolverClass = storage.resolverClasses.find((r) => r.target === resolver.target);
    const typeName = resolverClass && typeNames.get(resolverClass.getObjectType());
    const type = typeName === undefined ? undefined : schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[resolver.schemaName] : undefined;
    const guarded =
      storage.middlewares.some((m) => m.target === resolver.target) ||
      storage.resolverMiddlewares.some((m) => m.target === resolver.target) ||
      storage.authorizedFields.some((a) => a.target === resolver.target) ||
      storage.authorizedResolver.some((a) => a.target === resolver.target);
    if (field === undefined || field.resolve === undefined || guarded) continue;
    const params = storage.params
      .filter((p) => p.target === resolver.target && p.methodName === resolver.methodName)
      .sort((x, y) => x.index - y.index);
    const fill = params.map((param) => directParam(param, field));
    if (fill.some((f) => f === undefined) || params.some((p, i) => p.index !== i)) continue;
    const target = resolver.target as new () => Record<string, Method>;
    const instance = instances.get(target) ?? new target();
    instances.set(target, instance);
    const method = instance[resolver.methodName];
    if (typeof method !== 'function') continue;
    const fillers = fill as ParamOf[];
    const wrapped: GraphQLFieldResolver<unknown, unknown> = field.resolve;
    field.resolve = (root, args, ctx, info) => {
      if (typeof root === 'object' && root !== null && !(root instanceof Object)) return wrapped(root, args, ctx, info);
      const values = fillers.map((f) => f(root, args, ctx as Record<string, unknown>, info));
      return method.apply(instance, values);
    };
  }
  return schema;
}
