import { differingPositions } from '../../domain/duplicates/edit-distance.js';
import type { matchingRepository } from './repository.js';
import { seen, seenBirthDate, type Viewer } from '../../domain/visibility.js';

type FlagRow = Awaited<ReturnType<typeof matchingRepository.listFlags>>['rows'][number];
type ListRow = Awaited<ReturnType<typeof matchingRepository.lists>>['rows'][number];

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** A flag of the review queue as the viewer sees it (an unmasked view is checked and logged by the caller). */
export function flagDto(r: FlagRow, v: Viewer) {
  const mask = (id: string) => seen(v, 'idNumber', id) ?? '';
  return {
    id: r.id,
    householdId: r.household_id,
    householdNo: r.household_no,
    villageCode: r.village_code,
    villageName: r.village_name ?? '',
    headName: seen(v, 'name', r.head_name) ?? '',
    memberId: r.member_id,
    memberName: seen(v, 'name', r.member_name) ?? '',
    memberIdNumber: mask(r.member_id_number),
    memberBirthDate: seenBirthDate(v, r.member_birth_date) ?? '',
    listKind: r.list_kind,
    listId: r.list_id,
    department: r.department,
    fileName: r.file_name,
    record: {
      row: r.row_no,
      name: seen(v, 'name', r.record_name) ?? '',
      idNumber: r.record_id_number ? mask(r.record_id_number) : '',
      birthDate: r.record_birth_date === null ? null : seenBirthDate(v, r.record_birth_date),
      attributes: r.attributes,
    },
    /** Where a fuzzy hit's ID numbers differ (1-based), shown even when the numbers are masked. */
    idDiffPositions:
      r.match_type === 'fuzzy_name_birth' ? differingPositions(r.member_id_number, r.record_id_number) : [],
    matchType: r.match_type,
    flagKind: r.flag_kind,
    effect: r.effect,
    reasons: r.reasons as unknown[],
    status: r.status,
    reviewerName: r.reviewer_name,
    reviewedAt: iso(r.reviewed_at),
    reason: r.reason,
    createdAt: iso(r.created_at)!,
  };
}

export function listDto(l: ListRow) {
  return {
    id: l.id,
    kind: l.kind,
    department: l.department,
    fileName: l.file_name,
    scopeCode: l.scope_code,
    importedAt: iso(l.imported_at)!,
    importedBy: l.imported_by_name,
    rows: l.rows,
    invalidIds: l.invalid_ids,
    flags: Number(l.flags ?? 0),
  };
}
