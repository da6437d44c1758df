import type { DocumentNode, FragmentDefinitionNode, SelectionSetNode } from 'graphql';

/**
 * Whether a client's document selects any of `names` under a root field `root` (any alias, any
 * operation, through fragments and inline fragments, whatever their conditions: reading more than
 * needed is safe, less is not). The system view sees only the query planner's operations, whose
 * root fetch selects the scope alone; this reads what the client asked, to tell the sources what
 * they need not read.
 */
export function selectsField(document: DocumentNode, root: string, names: readonly string[]): boolean {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === 'FragmentDefinition') fragments.set(d.name.value, d);
  const walk = (set: SelectionSetNode | undefined, inside: boolean, seen: Set<string>): boolean =>
    (set?.selections ?? []).some((s) => {
      if (s.kind === 'Field') {
        // Nested too: a source's own part (`perSource { submissions }`) is read from the same answer.
        if (inside) return names.includes(s.name.value) || walk(s.selectionSet, true, seen);
        return s.name.value === root && walk(s.selectionSet, true, new Set());
      }
      if (s.kind === 'InlineFragment') return walk(s.selectionSet, inside, seen);
      if (seen.has(s.name.value)) return false;
      seen.add(s.name.value);
      return walk(fragments.get(s.name.value)?.selectionSet, inside, seen);
    });
  return document.definitions.some((d) => d.kind === 'OperationDefinition' && walk(d.selectionSet, false, new Set()));
}
