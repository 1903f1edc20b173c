import { useRef, useState } from 'react';
import { Alert, App, Button, Card, Input, List, Modal, Select, Space, Tag, Tooltip, Typography } from 'antd';
import {
  CameraOutlined,
  FileOutlined,
  FilePdfOutlined,
  LockOutlined,
  PaperClipOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  attachmentContentUrl,
  attachmentThumbnailUrl,
  DOCUMENT_KINDS,
  useAttachments,
  useDeleteAttachment,
  useUploadAttachment,
  type Attachment,
  type DocumentKind,
  type OwnerKind,
} from '../../api/attachments';
import { errorMessage } from '../ErrorResult';
import { useFormat } from '../../i18n/format';

const DEFAULT_KIND: Record<OwnerKind, DocumentKind> = {
  household: 'other',
  member: 'other',
  case: 'notice_photo',
  visit: 'visit_photo',
  project: 'project_photo',
  project_followup: 'project_photo',
  grievance: 'other',
};

/** Where the device is now (for a photo just taken), or nothing within a few seconds. */
function devicePlace(): Promise<{ lat: number; lon: number } | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) =>
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lon: p.coords.longitude }),
      () => resolve(null),
      { timeout: 5000, maximumAge: 60_000 },
    ),
  );
}

/** The picture or icon of one attachment: a thumbnail only where opening it is neither refused nor logged. */
function Preview({ a }: { a: Attachment }) {
  if (a.hasThumbnail && a.mayOpen && !a.sensitive)
    return (
      <img
        src={attachmentThumbnailUrl(a.id)}
        alt={a.fileName}
        width={64}
        height={64}
        style={{ objectFit: 'cover' }}
      />
    );
  const Icon = a.sensitive
    ? LockOutlined
    : a.mediaType === 'application/pdf'
      ? FilePdfOutlined
      : FileOutlined;
  return <Icon style={{ fontSize: 40, width: 64 }} />;
}

/**
 * Photos and documents of one object: upload (the camera on phones), list with thumbnails, open,
 * delete with a reason. The server checks the type by content, the size, the scope and logs every
 * view of a sensitive document.
 */
export function AttachmentPanel({ ownerKind, ownerId }: { ownerKind: OwnerKind; ownerId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { message } = App.useApp();
  const list = useAttachments(ownerKind, ownerId);
  const upload = useUploadAttachment(ownerKind, ownerId);
  const remove = useDeleteAttachment(ownerKind, ownerId);
  const [kind, setKind] = useState<DocumentKind>(DEFAULT_KIND[ownerKind]);
  const [deleting, setDeleting] = useState<Attachment | null>(null);
  const [reason, setReason] = useState('');
  const camera = useRef<HTMLInputElement>(null);
  const picker = useRef<HTMLInputElement>(null);

  const send = async (file: File | undefined, fromCamera: boolean) => {
    if (!file) return;
    const place = fromCamera ? await devicePlace() : null;
    upload.mutate(
      {
        kind,
        file,
        fileName: file.name,
        ...(fromCamera ? { takenAt: new Date(file.lastModified).toISOString() } : {}),
        ...(place ?? {}),
      },
      {
        onSuccess: () => void message.success(t('attachments.uploaded', { name: file.name })),
        onError: (e) => void message.error(errorMessage(e)),
      },
    );
  };

  const confirmDelete = () =>
    deleting &&
    remove.mutate(
      { id: deleting.id, reason: reason.trim() },
      {
        onSuccess: () => {
          setDeleting(null);
          setReason('');
          void message.success(t('attachments.deleted'));
        },
        onError: (e) => void message.error(errorMessage(e)),
      },
    );

  const describe = (a: Attachment) => (
    <Space direction="vertical" size={0}>
      <Typography.Text type="secondary">
        {t(`attachments.kinds.${a.kind}`)} · {f.number(Math.ceil(a.byteSize / 1024))} KB ·{' '}
        {t('attachments.uploadedAt', { at: f.dateTime(a.uploadedAt) })}
      </Typography.Text>
      {a.takenAt && (
        <Typography.Text type="secondary">
          {t('attachments.takenAt', { at: f.dateTime(a.takenAt) })}
          {t(a.timeSource === 'exif' ? 'attachments.fromExif' : 'attachments.fromDevice')}
        </Typography.Text>
      )}
      {a.latitude !== null && a.longitude !== null && (
        <Typography.Text type="secondary">
          {t('attachments.place', { lat: a.latitude.toFixed(5), lon: a.longitude.toFixed(5) })}
          {t(a.placeSource === 'exif' ? 'attachments.fromExif' : 'attachments.fromDevice')}
        </Typography.Text>
      )}
      {a.note && <Typography.Text>{a.note}</Typography.Text>}
    </Space>
  );

  return (
    <Card
      size="small"
      title={
        <>
          <PaperClipOutlined /> {t('attachments.title')}
        </>
      }
      data-testid="attachment-panel"
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('attachments.kind')}
          value={kind}
          onChange={setKind}
          style={{ minWidth: 160 }}
          options={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`attachments.kinds.${k}`) }))}
        />
        <Button icon={<CameraOutlined />} loading={upload.isPending} onClick={() => camera.current?.click()}>
          {t('attachments.takePhoto')}
        </Button>
        <Button
          icon={<PaperClipOutlined />}
          loading={upload.isPending}
          onClick={() => picker.current?.click()}
        >
          {t('attachments.chooseFile')}
        </Button>
        <input
          ref={camera}
          type="file"
          accept="image/*"
          capture="environment"
          hidden
          data-testid="attachment-camera"
          onChange={(e) => {
            void send(e.target.files?.[0], true);
            e.target.value = '';
          }}
        />
        <input
          ref={picker}
          type="file"
          accept="image/jpeg,image/png,image/webp,application/pdf"
          hidden
          data-testid="attachment-file"
          onChange={(e) => {
            void send(e.target.files?.[0], false);
            e.target.value = '';
          }}
        />
        <Typography.Text type="secondary">{t('attachments.hint')}</Typography.Text>
      </Space>
      {list.isError && <Alert type="error" showIcon message={errorMessage(list.error)} />}
      <List
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('attachments.empty') }}
        renderItem={(a) => (
          <List.Item
            data-testid="attachment-item"
            actions={[
              a.mayOpen ? (
                <a key="open" href={attachmentContentUrl(a.id)} target="_blank" rel="noreferrer">
                  {t('attachments.open')}
                </a>
              ) : (
                <Tooltip key="open" title={t('attachments.notForYou')}>
                  <Typography.Text type="secondary">{t('attachments.open')}</Typography.Text>
                </Tooltip>
              ),
              <Button key="delete" type="link" danger size="small" onClick={() => setDeleting(a)}>
                {t('attachments.delete')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              avatar={<Preview a={a} />}
              title={
                <Space wrap>
                  <span>{a.fileName}</span>
                  {a.sensitive && (
                    <Tooltip title={t('attachments.sensitive')}>
                      <Tag color="orange" icon={<LockOutlined />}>
                        {t(`attachments.kinds.${a.kind}`)}
                      </Tag>
                    </Tooltip>
                  )}
                </Space>
              }
              description={describe(a)}
            />
          </List.Item>
        )}
      />
      <Modal
        open={deleting !== null}
        title={t('attachments.deleteTitle', { name: deleting?.fileName ?? '' })}
        okText={t('attachments.delete')}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: remove.isPending }}
        onOk={confirmDelete}
        onCancel={() => {
          setDeleting(null);
          setReason('');
        }}
      >
        <Input.TextArea
          aria-label={t('attachments.deleteReason')}
          placeholder={t('attachments.deleteReason')}
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Card>
  );
}
