import { App, Button, Card, Form, Input, Rate, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePortalRate, type PortalMe } from '../../api/portal';

/** The household rates the year's help (once a year, changeable), with an optional comment. */
export function PortalRatingCard({ me }: { me: PortalMe }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rate = usePortalRate();
  const year = me.year;
  const yearRating = me.ratings.find((r) => r.year === year && r.measureId === null);
  const saved = () => void message.success(t('portal.saved'));
  return (
    <Card size="small" title={t('portal.rating')} style={{ marginTop: 12 }}>
      <Typography.Paragraph type="secondary">{t('portal.ratingHint')}</Typography.Paragraph>
      {yearRating && <div>{t('portal.rated', { rating: yearRating.rating })}</div>}
      <Form
        layout="vertical"
        onFinish={(v: { rating: number; comment?: string }) =>
          rate.mutate({ year, rating: v.rating, comment: v.comment }, { onSuccess: saved })
        }
      >
        <Form.Item name="rating" rules={[{ required: true }]} initialValue={yearRating?.rating}>
          <Rate />
        </Form.Item>
        <Form.Item name="comment" label={t('portal.ratingComment')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Button htmlType="submit" loading={rate.isPending}>
          {t('portal.rate')}
        </Button>
      </Form>
    </Card>
  );
}
