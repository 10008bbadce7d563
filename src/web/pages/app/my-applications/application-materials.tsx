import { DeleteOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Select, Spin, Typography } from 'antd';
import { useRef, useState } from 'react';
import { materialCategories, materialCategoryNames } from '../../../../contract/index';
import {
  uploadContentUrl,
  useUploadFile,
  useUploadInfo,
  type Material,
  type MaterialCategory,
  type MaterialPurpose,
} from '../../../api/applications';
import { errorMessage } from '../../../api/client';
import { prepareUpload, UploadRefused } from '../../../utils/prepare-upload';
import { markedStyle, ReturnMarkText, useAllReturnMarks } from './return-marks';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

const purposeOptions: { value: MaterialPurpose; label: string }[] = [
  { value: 'affiliationProof', label: '隶属关系证明（申报单位与参保单位）' },
  { value: 'priorWork', label: '此前工作经历证明' },
  { value: 'general', label: '其他材料' },
];

const categoryHints: Partial<Record<MaterialCategory, string>> = {
  idCard: '身份证正反面（必传）',
  education: '学历证书原件（必传）；如有多份学历请分别添加',
  other: '申报单位与参保单位不一致时的隶属关系证明、此前单位的工作经历证明等',
};

/** One uploaded page: a thumbnail for an image, a link for a PDF. */
export function PageThumb({ id, index, onRemove }: { id: number; index: number; onRemove?: () => void }) {
  const info = useUploadInfo(id);
  const url = uploadContentUrl(id);
  return (
    <Flex vertical align="center" gap={4} style={{ width: 88 }}>
      {info.isPending ? (
        <Spin size="small" />
      ) : info.data?.mimeType === 'application/pdf' ? (
        <a href={url} target="_blank" rel="noreferrer" style={{ textAlign: 'center', fontSize: 12 }}>
          <FilePdfOutlined style={{ fontSize: 32 }} />
          <br />
          {info.data.fileName}
        </a>
      ) : (
        <a href={url} target="_blank" rel="noreferrer">
          <img
            src={url}
            alt={`第${index + 1}页 ${info.data?.fileName ?? ''}`}
            style={{ width: 80, height: 80, objectFit: 'cover', border: '1px solid #eee', borderRadius: 4 }}
          />
        </a>
      )}
      <Flex align="center" gap={2}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          第{index + 1}页
        </Typography.Text>
        {onRemove ? (
          <Button
            type="text"
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={`删除第${index + 1}页`}
            onClick={onRemove}
          />
        ) : null}
      </Flex>
    </Flex>
  );
}

/** A hidden file input behind a button; the files are uploaded one by one, in the order chosen. */
export function UploadPicker({
  label,
  buttonText,
  onUploaded,
  onError,
}: {
  label: string;
  buttonText: string;
  onUploaded: (ids: number[]) => void;
  onError: (message: string | null) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const upload = useUploadFile();
  const [busy, setBusy] = useState<false | 'preparing' | 'uploading'>(false);
  const pick = async (files: File[]) => {
    onError(null);
    const ids: number[] = [];
    try {
      for (const file of files) {
        // Photos are downscaled and compressed first; whatever is still too large is not sent.
        setBusy('preparing');
        const prepared = await prepareUpload(file);
        setBusy('uploading');
        ids.push((await upload.mutateAsync(prepared)).id);
      }
    } catch (e) {
      onError(e instanceof UploadRefused ? e.message : errorMessage(e));
    } finally {
      setBusy(false);
      if (ids.length) onUploaded(ids);
    }
  };
  return (
    <>
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        multiple
        aria-label={label}
        style={{ display: 'none' }}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length) void pick(files);
        }}
      />
      <Button icon={<UploadOutlined />} loading={busy !== false} onClick={() => input.current?.click()}>
        {busy === 'preparing' ? '正在压缩图片…' : busy === 'uploading' ? '正在上传…' : buttonText}
      </Button>
    </>
  );
}

interface Props {
  materials: Material[];
  /** Given an update of the list (absent: read-only). */
  onChange?: (update: (prev: Material[]) => Material[]) => void;
}

/** 材料上传 by category; each material is a title and its pages (scans or photos of the originals). */
export function ApplicationMaterials({ materials, onChange }: Props) {
  const [errors, setErrors] = useState<Partial<Record<MaterialCategory, string | null>>>({});
  const returnMarks = useAllReturnMarks();
  const editable = !!onChange;
  const update = (index: number, patch: Partial<Material>) =>
    onChange?.((prev) => prev.map((m, i) => (i === index ? { ...m, ...patch } : m)));
  const setError = (c: MaterialCategory) => (message: string | null) =>
    setErrors((prev) => ({ ...prev, [c]: message }));

  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        请上传原件的扫描件或照片（PDF、JPG、PNG），每份材料可有多页，按顺序上传。手机照片上传前会自动缩小、压缩；PDF
        过大时请降低扫描分辨率或分成几个文件。
      </Typography.Paragraph>
      {materialCategories.map((category) => {
        const name = materialCategoryNames[category];
        const items = materials.map((m, index) => ({ m, index })).filter(({ m }) => m.category === category);
        return (
          <Card key={category} size="small" title={name} role="group" aria-label={`${name}材料`}>
            {categoryHints[category] ? (
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {categoryHints[category]}
              </Typography.Paragraph>
            ) : null}
            {errors[category] ? (
              <Alert
                type="error"
                showIcon
                role="alert"
                title={errors[category]}
                style={{ marginBottom: 12 }}
                closable={{ onClose: () => setError(category)(null) }}
              />
            ) : null}
            {items.map(({ m, index }) => (
              <div
                key={index}
                style={{
                  borderTop: '1px solid #f0f0f0',
                  padding: '8px 0',
                  ...(returnMarks.get(`materials.${index}`)
                    ? {
                        boxShadow: markedStyle.boxShadow,
                        outline: '1px solid #ff4d4f',
                        borderRadius: 6,
                        padding: 8,
                        marginBottom: 8,
                      }
                    : {}),
                }}
              >
                <ReturnMarkText messages={returnMarks.get(`materials.${index}`) ?? []} />
                {editable ? (
                  <Flex vertical gap={8}>
                    <Flex gap={8} align="center">
                      <Input
                        aria-label={`${name}材料名称`}
                        value={m.title}
                        maxLength={100}
                        onChange={(e) => update(index, { title: e.target.value })}
                      />
                      <Button
                        danger
                        type="text"
                        icon={<DeleteOutlined />}
                        aria-label={`删除材料“${m.title}”`}
                        onClick={() => onChange?.((prev) => prev.filter((_, i) => i !== index))}
                      />
                    </Flex>
                    {category === 'other' ? (
                      <Select
                        aria-label="材料用途"
                        value={m.purpose}
                        options={purposeOptions}
                        onChange={(purpose: MaterialPurpose) => update(index, { purpose })}
                      />
                    ) : null}
                  </Flex>
                ) : (
                  <Typography.Text strong>
                    {m.title}
                    {category === 'other'
                      ? `（${purposeOptions.find((p) => p.value === m.purpose)?.label ?? ''}）`
                      : ''}
                  </Typography.Text>
                )}
                <Flex wrap gap={8} style={{ margin: '8px 0' }}>
                  {m.uploadIds.map((id, page) => (
                    <PageThumb
                      key={`${id}-${page}`}
                      id={id}
                      index={page}
                      onRemove={
                        editable
                          ? () =>
                              onChange?.((prev) =>
                                prev.map((x, i) =>
                                  i === index
                                    ? { ...x, uploadIds: x.uploadIds.filter((_, p) => p !== page) }
                                    : x,
                                ),
                              )
                          : undefined
                      }
                    />
                  ))}
                </Flex>
                {editable ? (
                  <UploadPicker
                    label={`为“${m.title}”添加页面`}
                    buttonText="添加页面"
                    onError={setError(category)}
                    onUploaded={(ids) =>
                      onChange?.((prev) =>
                        prev.map((x, i) => (i === index ? { ...x, uploadIds: [...x.uploadIds, ...ids] } : x)),
                      )
                    }
                  />
                ) : null}
              </div>
            ))}
            {!editable && items.length === 0 ? (
              <Typography.Text type="secondary">未上传</Typography.Text>
            ) : null}
            {editable ? (
              <UploadPicker
                label={`上传${name}材料`}
                buttonText={items.length ? `再上传一份${name}材料` : `上传${name}材料`}
                onError={setError(category)}
                onUploaded={(ids) =>
                  onChange?.((prev) => [
                    ...prev,
                    {
                      category,
                      purpose: 'general',
                      title: items.length ? `${name}${items.length + 1}` : name,
                      uploadIds: ids,
                    },
                  ])
                }
              />
            ) : null}
          </Card>
        );
      })}
    </Flex>
  );
}
