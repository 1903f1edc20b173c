import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FactInput, RegistrationForm } from '../../../src/domain/registration/form';
import { api } from './client';

/** Registering a household (docs/field.md): drafts as plain JSON with a version, the check, the submit. */
export type { FactInput, RegistrationForm };

export interface Draft {
  id: string;
  villageCode: string;
  villageName: string | null;
  version: number;
  state: 'open' | 'submitted' | 'discarded';
  householdId: string | null;
  payload: RegistrationForm;
  createdAt: string;
  updatedAt: string;
}
export type DraftItem = Omit<Draft, 'payload'> & { headName: string | null; members: number };

export interface FormError {
  field: string;
  row: number;
  column: string;
  code: string;
  message: string;
  messageZh: string;
}
/** A person of the county with a member's name and birth date (another ID number). */
export interface NearDuplicate {
  memberIndex: number;
  name: string;
  birthDate: string;
  villageCode: string;
  villageName: string | null;
  householdNo: string | null;
}
export interface RedLine {
  key: string;
  effect: 'block' | 'exception';
  memberIndex: number | null;
  source: string;
  label_zh: string;
  label_en: string;
}
export interface CheckResult {
  ok: boolean;
  errors: FormError[];
  redLines: RedLine[];
  nearDuplicates: NearDuplicate[];
}
export interface SubmitResult {
  householdId: string;
  householdNo: string;
  caseId: string | null;
  caseError: string | null;
  redLines: RedLine[];
}

export const useDrafts = () =>
  useQuery({ queryKey: ['registrations'], queryFn: () => api<{ items: DraftItem[] }>('/api/registrations') });

export const useDraft = (id: string | null) =>
  useQuery({
    queryKey: ['registrations', id],
    queryFn: () => api<Draft>(`/api/registrations/${encodeURIComponent(id!)}`),
    enabled: id !== null,
  });

export function useDraftActions() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: ['registrations'] });
  return {
    create: useMutation({
      mutationFn: (b: { villageCode: string; payload?: RegistrationForm }) =>
        api<Draft>('/api/registrations', { method: 'POST', body: b }),
      onSuccess: done,
    }),
    save: useMutation({
      mutationFn: (b: { id: string; version: number; payload: RegistrationForm }) =>
        api<Draft>(`/api/registrations/${b.id}`, {
          method: 'PUT',
          body: { version: b.version, payload: b.payload },
        }),
    }),
    check: useMutation({
      mutationFn: (id: string) =>
        api<CheckResult>(`/api/registrations/${id}/check`, { method: 'POST', body: {} }),
    }),
    submit: useMutation({
      mutationFn: ({ id, ...body }: { id: string; version: number; confirmNearDuplicates?: boolean }) =>
        api<SubmitResult>(`/api/registrations/${id}/submit`, { method: 'POST', body }),
      onSuccess: () =>
        qc.invalidateQueries({
          predicate: (q) => ['registrations', 'households', 'cases'].includes(String(q.queryKey[0])),
        }),
    }),
    discard: useMutation({
      mutationFn: (b: { id: string; version: number }) =>
        api<Draft>(`/api/registrations/${b.id}/discard`, { method: 'POST', body: { version: b.version } }),
      onSuccess: done,
    }),
  };
}

export interface MemberEvent {
  id: string;
  memberId: string;
  memberName: string | null;
  kind: 'birth' | 'marriage_in' | 'move_in' | 'marriage_out' | 'move_out' | 'death';
  date: string;
  note: string;
  recordedAt: string;
  recordedBy: string | null;
}

export const useMemberEvents = (householdId: string) =>
  useQuery({
    queryKey: ['households', householdId, 'member-events'],
    queryFn: () =>
      api<{ items: MemberEvent[] }>(`/api/households/${encodeURIComponent(householdId)}/member-events`),
  });

export function useRecordMemberEvent(householdId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api<unknown>(`/api/households/${encodeURIComponent(householdId)}/member-events`, {
        method: 'POST',
        body,
      }),
    onSuccess: () =>
      qc.invalidateQueries({ predicate: (q) => ['households', 'audit'].includes(String(q.queryKey[0])) }),
  });
}
