import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from './client';

/** Social participation API: registration, organisations, the needs board, products and orders. */
export interface Ref {
  code: string;
  name: string;
}
export interface Paged<T> {
  total: number;
  items: T[];
}
export interface BoardNeed {
  id: string;
  kind: string;
  source: string;
  title: string;
  description: string;
  amount: number;
  township: Ref;
  status: string;
  publishedAt: string;
  pledgedByMe: boolean;
  pledge: {
    amount: number;
    expectedDate: string | null;
    note: string | null;
    deliveryNote: string | null;
  } | null;
  deliveredAt: string | null;
  confirmedAt: string | null;
  confirmedBy: string | null;
}
export interface OfficerNeed extends BoardNeed {
  village: Ref;
  householdId: string | null;
  householdNo: string | null;
  organisation: { id: string; name: string } | null;
  pledgeAmount: number | null;
  deliveryNote: string | null;
  confirmNote: string | null;
}
export interface Organisation {
  id: string;
  name: string;
  kind: string;
  creditCode: string | null;
  contactPerson: string;
  contactPhone: string;
  region: Ref;
  status: string;
  username: string;
  createdAt: string;
  rejectReason: string | null;
}
export interface Product {
  id: string;
  name: string;
  producerKind: string;
  producerName: string | null;
  township: Ref;
  unit: string;
  price: number;
  quantityAvailable: number;
  season: string | null;
  description: string;
  households: number | null;
}
export interface Order {
  id: string;
  productName: string;
  unit: string;
  township: Ref;
  organisation: { id: string; name: string };
  kind: string;
  quantity: number;
  amount: number;
  status: string;
  orderedAt: string;
}
export interface StatLine {
  key: string;
  name: string;
  total: number;
  matched: number;
  delivered: number;
  confirmed: number;
  shareMatched: number | null;
  medianDaysToMatch: number | null;
  valueDelivered: number;
}
export interface OrgMe {
  id: string;
  name: string;
  kind: string;
  region: Ref;
  totals: {
    pledges: number;
    delivered: number;
    confirmed: number;
    valueDelivered: number;
    orders: number;
    orderAmount: number;
    incomeReachedHouseholds: number;
  };
}

const get =
  <T>(path: string, query?: Query) =>
  ({ signal }: { signal: AbortSignal }) =>
    api<T>(path, { query, signal });

export const useList = <T>(key: string, path: string, query: Query = {}, enabled = true) =>
  useQuery({
    queryKey: ['participation', key, query],
    queryFn: get<Paged<T>>(path, query),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useOrgMe = () =>
  useQuery({ queryKey: ['participation', 'me'], queryFn: get<OrgMe>('/api/org/me') });
export const useNeedStats = (region?: string) =>
  useQuery({
    queryKey: ['participation', 'stats', region],
    queryFn: get<{ total: StatLine; byTownship: StatLine[]; byOrganisation: StatLine[] }>(
      '/api/needs/stats',
      { region },
    ),
  });
export const useIncome = () =>
  useQuery({
    queryKey: ['participation', 'income'],
    queryFn: get<{
      total: number;
      households: number;
      orders: number;
      byTownship: { code: string; name: string; amount: number; households: number }[];
    }>('/api/products/income'),
  });

/** A POST that refreshes every participation query when it succeeds. */
export function usePost<B = Record<string, unknown>>() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body?: B }) =>
      api<unknown>(path, { method: 'POST', body: body ?? {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['participation'] }),
  });
}
