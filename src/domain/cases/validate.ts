import type { CaseDefinition } from './types.js';

/** Structural problems of a case definition (empty when sound); run by the tests on every definition. */
export function validateDefinition(def: CaseDefinition): string[] {
  const states = new Set(def.states);
  const problems: string[] = [];
  const need = (ok: boolean, msg: string) => {
    if (!ok) problems.push(msg);
  };
  need(states.has(def.initial), `initial ${def.initial} is not a state`);
  for (const s of def.final) need(states.has(s), `final ${s} is not a state`);
  const seen = new Set<string>();
  for (const t of def.transitions) {
    need(states.has(t.from) && states.has(t.to), `${t.from} -${t.action}-> ${t.to}: unknown state`);
    need(!def.final.includes(t.from), `${t.action} leaves final state ${t.from}`);
    need(t.roles.length > 0, `${t.from}/${t.action} has no role`);
    need(!seen.has(`${t.from}/${t.action}`), `${t.from}/${t.action} is defined twice`);
    seen.add(`${t.from}/${t.action}`);
    for (const r of t.requires)
      if (r.kind === 'notice') need(states.has(r.onObjection), `${t.action}: unknown ${r.onObjection}`);
  }
  for (const s of def.states)
    if (!def.final.includes(s))
      need(
        def.transitions.some((t) => t.from === s),
        `${s} is a dead end`,
      );
  // Edges include the return of a notice with an unresolved objection.
  const edges: [string, string][] = def.transitions.flatMap((t) => [
    [t.from, t.to] as [string, string],
    ...t.requires.flatMap((r) => (r.kind === 'notice' ? [[t.from, r.onObjection] as [string, string]] : [])),
  ]);
  const reached = new Set([def.initial]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [from, to] of edges)
      if (reached.has(from) && !reached.has(to)) {
        reached.add(to);
        grew = true;
      }
  }
  for (const s of def.states) need(reached.has(s), `${s} is unreachable`);
  return problems;
}
