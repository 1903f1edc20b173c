import { useState } from 'react';
import { Alert, Button, Form, Input, Select, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LIST_KINDS, useMatchLabel, useUploadList } from '../../api/matching';
import { errorMessage } from '../ErrorResult';

interface Values {
  kind: string;
  department?: string;
}

/** Choose a list kind and a CSV/XLSX file; the file goes to the API as the request body. */
export function UploadListForm() {
  const { t } = useTranslation();
  const label = useMatchLabel();
  const upload = useUploadList();
  const [file, setFile] = useState<File | null>(null);
  const [form] = Form.useForm<Values>();
  const report = upload.data;
  const submit = (v: Values) => {
    if (file) upload.mutate({ file, kind: v.kind, department: v.department?.trim() || undefined });
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 560 }} data-testid="list-upload">
      <Alert type="info" showIcon title={t('matching.uploadHint')} style={{ marginBottom: 16 }} />
      <Form.Item
        name="kind"
        label={t('matching.kind')}
        rules={[{ required: true, message: t('matching.kindRequired') }]}
      >
        <Select
          data-testid="list-kind"
          options={LIST_KINDS.map((k) => ({ value: k, label: label('match_list_kind', k) }))}
        />
      </Form.Item>
      <Form.Item name="department" label={t('matching.department')}>
        <Input
          maxLength={60}
          placeholder={t('matching.departmentPlaceholder')}
          data-testid="list-department"
        />
      </Form.Item>
      <Form.Item label={t('matching.file')} required>
        <Upload
          accept=".csv,.txt,.xlsx"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            return false;
          }}
          onRemove={() => setFile(null)}
          fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
        >
          <Button icon={<UploadOutlined />} data-testid="list-file">
            {t('matching.chooseFile')}
          </Button>
        </Upload>
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        loading={upload.isPending}
        disabled={!file}
        data-testid="list-submit"
      >
        {t('matching.submitUpload')}
      </Button>
      {upload.isError && (
        <Alert type="error" showIcon title={errorMessage(upload.error)} style={{ marginTop: 16 }} />
      )}
      {report && (
        <Alert
          style={{ marginTop: 16 }}
          type={report.errorsTotal ? 'warning' : 'success'}
          showIcon
          data-testid="list-report"
          title={t('matching.uploaded', {
            rows: report.rows.stored,
            exact: report.flags.exact,
            fuzzy: report.flags.fuzzy,
            created: report.flags.created,
          })}
          description={
            <>
              {report.list?.reused && <div>{t('matching.reused')}</div>}
              {report.errorsTotal > 0 && (
                <div>{t('matching.rowProblems', { count: report.errorsTotal })}</div>
              )}
              {report.errors.slice(0, 20).map((e) => (
                <div key={`${e.row}-${e.column}-${e.code}`}>
                  {e.row} · {e.column} · {e.message}
                </div>
              ))}
            </>
          }
        />
      )}
    </Form>
  );
}
