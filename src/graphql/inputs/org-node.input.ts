import { IsUUID } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { describeTextLength, MAX_KEY_LENGTH, TEXT_LIMITS } from '../../domain/rules/field-limits';
import { TextLength } from '../text-length';

// Text lengths come from domain/rules/field-limits.ts (@TextLength); class-validator checks top-level
// ids; the rules in src/domain/rules check invariants with full field paths.

@InputType({ description: 'A new organisation node. Give parentId or parentKey for a child; neither for a root.' })
export class CreateOrgNodeInput {
  @Field({
    description: `Unique, stable key (letters, digits, . _ : / -; at most ${MAX_KEY_LENGTH} characters), e.g. \`acme/search\`.`,
  })
  key: string;

  @Field({ description: `Display name (${describeTextLength(TEXT_LIMITS.orgNode.name)}, trimmed).` })
  @TextLength(TEXT_LIMITS.orgNode.name)
  name: string;
  @Field({
    description: `Free label such as company, department or team (${describeTextLength(TEXT_LIMITS.orgNode.kind)}).`,
  })
  @TextLength(TEXT_LIMITS.orgNode.kind)
  kind: string;
  @Field(() => ID, { nullable: true, description: 'Id of the parent node.' }) parentId?: string | null;
  @Field(() => String, { nullable: true, description: 'Key of the parent node (instead of parentId).' }) parentKey?:
    string | null;
}

@InputType({ description: 'Changes to an organisation node; omitted fields stay as they are. The key never changes.' })
export class UpdateOrgNodeInput {
  @Field(() => Int, {
    nullable: true,
    description:
      'Optimistic concurrency: the version you read; a stale one is refused with CONFLICT VERSION_MISMATCH (extensions.currentVersion). Omit to overwrite unconditionally.',
  })
  expectedVersion?: number | null;

  @Field(() => ID, { description: 'The node to change.' }) @IsUUID() id: string;
  @Field(() => String, { nullable: true, description: 'New display name.' })
  @TextLength(TEXT_LIMITS.orgNode.name)
  name?: string | null;
  @Field(() => String, { nullable: true, description: 'New kind label.' })
  @TextLength(TEXT_LIMITS.orgNode.kind)
  kind?: string | null;
}

@InputType({ description: 'Moves a node, with its whole subtree, under a new parent.' })
export class MoveOrgNodeInput {
  @Field(() => Int, {
    nullable: true,
    description:
      'Optimistic concurrency: the version you read; a stale one is refused with CONFLICT VERSION_MISMATCH (extensions.currentVersion). Omit to overwrite unconditionally.',
  })
  expectedVersion?: number | null;

  @Field(() => ID, { description: 'The node to move.' }) @IsUUID() id: string;
  @Field(() => ID, {
    nullable: true,
    description: 'The new parent; null makes the node a root. It may not be the node itself or one of its descendants.',
  })
  newParentId?: string | null;
}
