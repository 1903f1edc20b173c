import { useState } from 'react';
import { Alert, Button, Card, Flex, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useUser } from '../../api/auth';
import { ErrorResult, errorMessage } from '../../components/ErrorResult';
import { useIsMobile } from '../../components/responsive';
import { useFormat } from '../../i18n/format';
import {
  useMakePaymentList,
  usePaymentLines,
  usePaymentLists,
  useReconcile,
  type PaymentLine,
  type PaymentList,
} from './api';
import { monthAfter, monthOf, todayIso, useCodeLabel } from './labels';

type Totals = PaymentList['totals'][number];

/** Monthly payment lists of the county: totals by programme, the lines, the bank file, the check against the rolls. */
export function PaymentsTab() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const label = useCodeLabel();
  const user = useUser();
  const lists = usePaymentLists({ page: 1, pageSize: 24 });
  const make = useMakePaymentList();
  const [picked, setPicked] = useState<string | undefined>();
  const county = user.scope.code.slice(0, 6);
  const months = [0, 1].map((n) => monthAfter(todayIso(), n));
  const [month, setMonth] = useState(months[1]!);
  if (lists.isError && !lists.data)
    return <ErrorResult error={lists.error} onRetry={() => void lists.refetch()} />;
  const items = lists.data?.items ?? [];
  const current = items.find((l) => l.id === picked) ?? items[0];
  const columns: TableColumnsType<PaymentList> = [
    { title: t('safetyNet.payments.month'), dataIndex: 'month', render: monthOf },
    {
      title: '',
      dataIndex: 'state',
      render: (s: string) => <Tag>{label('safetyNet.payments.state', s)}</Tag>,
    },
    {
      title: t('safetyNet.payments.paid'),
      key: 'paid',
      align: 'right',
      render: (_: unknown, l) => fmt.money(l.totals.reduce((s, x) => s + x.paid, 0)),
    },
    {
      title: t('safetyNet.payments.lines'),
      key: 'lines',
      align: 'right',
      render: (_: unknown, l) => l.totals.reduce((s, x) => s + x.lines, 0),
    },
    { title: t('safetyNet.payments.exports'), dataIndex: 'exports', align: 'right' },
  ];
  return (
    <>
      {user.permissions.decideSafetyNet && county.length === 6 && (
        <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
          <Select
            value={month}
            onChange={setMonth}
            style={{ width: 140 }}
            options={months.map((m) => ({ value: m, label: monthOf(m) }))}
            data-testid="payments-month"
          />
          <Button
            type="primary"
            loading={make.isPending}
            onClick={() => make.mutate({ county, month }, { onSuccess: (l) => setPicked(l.id) })}
            data-testid="payments-make"
          >
            {items.some((l) => l.month === month)
              ? t('safetyNet.payments.remake')
              : t('safetyNet.payments.make')}
          </Button>
          {make.isError && <Alert type="error" showIcon title={errorMessage(make.error)} />}
        </Flex>
      )}
      <Table<PaymentList>
        rowKey="id"
        size="small"
        loading={lists.isFetching}
        dataSource={items}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('safetyNet.payments.empty') }}
        rowSelection={{
          type: 'radio',
          selectedRowKeys: current ? [current.id] : [],
          onChange: (keys) => setPicked(String(keys[0])),
        }}
        onRow={(l) =>
          ({
            'data-testid': `payment-list-${l.month.slice(0, 7)}`,
            onClick: () => setPicked(l.id),
          }) as React.HTMLAttributes<HTMLElement>
        }
      />
      {current && <ListDetail list={current} />}
    </>
  );
}

function ListDetail({ list }: { list: PaymentList }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const label = useCodeLabel();
  const mobile = useIsMobile();
  const user = useUser();
  const [page, setPage] = useState(1);
  const [programme, setProgramme] = useState<'dibao' | 'tekun' | 'temporary' | undefined>();
  const lines = usePaymentLines(list.id, { page, pageSize: 50, programme });
  const check = useReconcile(list.id);
  const totalsColumns: TableColumnsType<Totals> = [
    { title: '', dataIndex: 'programme', render: (p: string) => label('safetyNet.programme', p) },
    { title: t('safetyNet.payments.lines'), dataIndex: 'lines', align: 'right' },
    { title: t('safetyNet.payments.expected'), dataIndex: 'expected', align: 'right', render: fmt.money },
    { title: t('safetyNet.payments.listed'), dataIndex: 'listed', align: 'right', render: fmt.money },
    { title: t('safetyNet.payments.returned'), dataIndex: 'returned', align: 'right', render: fmt.money },
    {
      title: t('safetyNet.payments.corrections'),
      dataIndex: 'corrections',
      align: 'right',
      render: fmt.money,
    },
    { title: t('safetyNet.payments.paid'), dataIndex: 'paid', align: 'right', render: fmt.money },
  ];
  const lineColumns: TableColumnsType<PaymentLine> = [
    {
      title: t('safetyNet.household'),
      key: 'household',
      render: (_: unknown, l) => (
        <Link to={`/households/${l.householdId}`}>
          {l.payee} <Typography.Text type="secondary">{l.householdNo}</Typography.Text>
        </Link>
      ),
    },
    { title: '', dataIndex: 'programme', render: (p: string) => label('safetyNet.programme', p) },
    {
      title: t('safetyNet.payments.amount'),
      dataIndex: 'amount',
      align: 'right',
      render: (n: number) => (
        <span data-testid="line-amount" data-amount={n}>
          {fmt.money(n)}
        </span>
      ),
    },
    ...(mobile
      ? []
      : [{ title: '', dataIndex: 'state', render: (s: string) => label('safetyNet.payments.lineState', s) }]),
  ];
  return (
    <Card
      size="small"
      style={{ marginTop: 12 }}
      title={t('safetyNet.payments.linesOf', { month: monthOf(list.month) })}
      data-testid="payment-detail"
    >
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        {check.data && (
          <Tag color={check.data.ok ? 'green' : 'red'} data-testid="payment-reconciled">
            {check.data.ok ? t('safetyNet.payments.reconciled') : t('safetyNet.payments.notReconciled')}
          </Tag>
        )}
        {user.permissions.exportPayments && (
          <>
            <Button
              href={`/api/safety-net/payments/${list.id}/bank-file?format=csv`}
              data-testid="payments-export-csv"
            >
              {t('safetyNet.payments.exportCsv')}
            </Button>
            <Button href={`/api/safety-net/payments/${list.id}/bank-file?format=xlsx`}>
              {t('safetyNet.payments.exportXlsx')}
            </Button>
            <Typography.Text type="secondary">{t('safetyNet.payments.exportHint')}</Typography.Text>
          </>
        )}
      </Flex>
      <Table<Totals>
        rowKey="programme"
        size="small"
        pagination={false}
        dataSource={list.totals}
        columns={totalsColumns}
        scroll={{ x: 'max-content' }}
        data-testid="payment-totals"
      />
      <Select
        allowClear
        placeholder={t('safetyNet.allProgrammes')}
        style={{ width: mobile ? '100%' : 180, margin: '12px 0' }}
        value={programme}
        onChange={(p?: 'dibao' | 'tekun' | 'temporary') => {
          setProgramme(p);
          setPage(1);
        }}
        options={(['dibao', 'tekun', 'temporary'] as const).map((p) => ({
          value: p,
          label: t(`safetyNet.programme.${p}`),
        }))}
      />
      <Table<PaymentLine>
        rowKey="id"
        size="small"
        loading={lines.isFetching}
        dataSource={lines.data?.items ?? []}
        columns={lineColumns}
        scroll={{ x: 'max-content' }}
        onRow={(l) =>
          ({ 'data-testid': `payment-line-${l.householdId}` }) as React.HTMLAttributes<HTMLElement>
        }
        pagination={{
          current: page,
          pageSize: 50,
          total: lines.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
        }}
      />
    </Card>
  );
}
