import type { attachmentsZhCN } from './attachments.zh-CN';

/** English messages of the attachment panel; spread into en.ts. */
export const attachmentsEn: typeof attachmentsZhCN = {
  attachments: {
    title: 'Attachments',
    empty: 'No attachments',
    kind: 'Document kind',
    takePhoto: 'Take photo',
    chooseFile: 'Choose file',
    hint: 'JPEG, PNG and WebP photos and PDF files',
    uploading: 'Uploading…',
    uploaded: '{{name}} uploaded',
    open: 'Open',
    delete: 'Delete',
    deleteTitle: 'Delete attachment {{name}}',
    deleteReason: 'Reason (required, kept on record)',
    deleted: 'Deleted',
    sensitive: 'Sensitive document: every view is written to the audit log',
    notForYou: 'Your role may not open documents of this kind',
    takenAt: 'Taken {{at}}',
    place: 'Place {{lat}}, {{lon}}',
    fromExif: ' (from the photo)',
    fromDevice: ' (from the device)',
    uploadedAt: 'Uploaded {{at}}',
    kinds: {
      id_card_copy: 'ID card copy',
      income_proof: 'Income proof',
      medical_record: 'Medical record',
      disability_certificate: 'Disability certificate',
      signed_commitment: 'Signed commitment',
      notice_photo: 'Notice photo',
      visit_photo: 'Visit photo',
      project_photo: 'Project photo',
      other: 'Other',
    },
  },
};
