import type { OrgNode } from '../../domain/experiment';
import { COMPANY_NAMES, DEPARTMENTS, EXTRA_DEPARTMENT_NAMES, type ProductArea } from './areas';
import { type OrgNodeClosureRecord } from '../catalogue-tables';
import { type IdFactory } from './random';

/** A node that can own experiments, with the product area its experiments come from. */
export interface OwnerCandidate {
  readonly node: OrgNode;
  readonly kind: 'department' | 'team';
  /** The department's areas for a department, the team's own area for a team. */
  readonly areas: readonly ProductArea[];
  readonly departmentKey: string;
}

export interface OrgTree {
  readonly nodes: OrgNode[];
  readonly closure: OrgNodeClosureRecord[];
  readonly teams: OwnerCandidate[];
  readonly departments: OwnerCandidate[];
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Name from a list, with a number appended once the list is exhausted (for large benchmark trees). */
const nth = (names: readonly string[], index: number) =>
  index < names.length ? names[index]! : `${names[index % names.length]!} ${Math.floor(index / names.length) + 1}`;

/**
 * Builds companies → departments → teams with stable keys (`acme-media`, `acme-media.growth`,
 * `acme-media.growth.onboarding`) and the closure rows (one per ancestor/descendant pair,
 * depth-0 self rows included).
 */
export function buildOrgTree(
  params: { companies: number; departmentsPerCompany: number; teamsPerDepartment: number; createdAt: Date },
  ids: IdFactory,
): OrgTree {
  const nodes: OrgNode[] = [];
  const closure: OrgNodeClosureRecord[] = [];
  const teams: OwnerCandidate[] = [];
  const departments: OwnerCandidate[] = [];
  const add = (key: string, name: string, kind: string, ancestors: readonly OrgNode[]): OrgNode => {
    const parent = ancestors[ancestors.length - 1];
    const node: OrgNode = {
      id: ids.next(),
      key,
      name,
      kind,
      parentId: parent?.id ?? null,
      createdAt: params.createdAt,
      updatedAt: params.createdAt,
      version: 1,
    };
    nodes.push(node);
    closure.push({ ancestorId: node.id, descendantId: node.id, depth: 0 });
    ancestors.forEach((ancestor, i) =>
      closure.push({ ancestorId: ancestor.id, descendantId: node.id, depth: ancestors.length - i }),
    );
    return node;
  };

  for (let c = 0; c < params.companies; c += 1) {
    const companyName = nth(COMPANY_NAMES, c);
    const company = add(slug(companyName), companyName, 'company', []);
    for (let d = 0; d < params.departmentsPerCompany; d += 1) {
      const template = DEPARTMENTS[d % DEPARTMENTS.length]!;
      const departmentName =
        d < DEPARTMENTS.length ? template.name : nth(EXTRA_DEPARTMENT_NAMES, d - DEPARTMENTS.length);
      const departmentKey = `${company.key}.${slug(departmentName)}`;
      const department = add(departmentKey, departmentName, 'department', [company]);
      const areas: ProductArea[] = [];
      for (let t = 0; t < params.teamsPerDepartment; t += 1) {
        const area = template.areas[t % template.areas.length]!;
        const round = Math.floor(t / template.areas.length);
        const teamName = round === 0 ? area.teamName : `${area.teamName} ${round + 1}`;
        const team = add(`${departmentKey}.${slug(teamName)}`, teamName, 'team', [company, department]);
        teams.push({ node: team, kind: 'team', areas: [area], departmentKey });
        areas.push(area);
      }
      departments.push({
        node: department,
        kind: 'department',
        areas: areas.length > 0 ? areas : template.areas,
        departmentKey,
      });
    }
  }
  return { nodes, closure, teams, departments };
}
