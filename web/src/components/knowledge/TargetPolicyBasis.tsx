import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePolicyBasis } from '../../api/knowledge';
import { PolicyBasisList } from './PolicyBasisList';

/** "Policy basis" beside a rule's reasons or a parameter: the documents linked to it in the library. */
export function TargetPolicyBasis({
  kind,
  target,
  inline = false,
}: {
  kind: 'rule' | 'param';
  target: string;
  inline?: boolean;
}) {
  const { t } = useTranslation();
  const basis = usePolicyBasis();
  const docs = (basis.data ?? [])
    .filter((b) => b.kind === kind && b.key === target)
    .map((b) => ({ id: b.documentId, title: b.title, docNo: b.docNo }));
  if (!basis.data) return null;
  if (inline) return docs.length ? <PolicyBasisList documents={docs} /> : null;
  return (
    <div data-testid={`policy-basis-${kind}-${target}`}>
      <Typography.Text type="secondary">{t('knowledge.policyBasis')}</Typography.Text>
      <PolicyBasisList documents={docs} />
    </div>
  );
}
