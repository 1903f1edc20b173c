import { Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

export interface BasisDocument {
  id: string;
  title: string;
  docNo: string | null;
}

/** "Policy basis": the documents a rule, parameter or measure rests on, each linked to the library. */
export function PolicyBasisList({ documents }: { documents: readonly BasisDocument[] }) {
  const { t } = useTranslation();
  if (documents.length === 0)
    return <Typography.Text type="secondary">{t('knowledge.noBasis')}</Typography.Text>;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="policy-basis">
      {documents.map((d) => (
        <li key={d.id}>
          <Link to={`/knowledge?doc=${encodeURIComponent(d.id)}`}>《{d.title}》</Link>
          {d.docNo ? `（${d.docNo}）` : ''}
        </li>
      ))}
    </ul>
  );
}
